import { readFileSync } from "node:fs";
import { PublicAsset } from "../hosted/public-asset.ts";

/** The built console: its script and its page style, as `@otl/console` writes them (dist/). */
export interface BuiltConsole {
  script: PublicAsset;
  style: PublicAsset;
}

// Where the build puts the console (scripts/copy-console.mjs): dist/console/app/, beside this module's
// compiled form, so the published package carries it. Run from source, the folder is absent.
const PUBLISHED = new URL("./app/", import.meta.url);

/**
 * The admin console's files: those the build copied into this package (`dist/console/app/`, what a
 * published @otl/server serves), else those of the private `@otl/console` workspace package (in the
 * workspace, run from source), read once either way.
 */
export class ConsoleAssets {
  #built: BuiltConsole | undefined;

  /** The built files, or null when neither copy is there (`@otl/console` not built yet). */
  read(): BuiltConsole | null {
    if (this.#built) return this.#built;
    const read = (where: (name: string) => URL) => ({
      script: new PublicAsset(readFileSync(where("console.js")), "text/javascript; charset=utf-8"),
      style: new PublicAsset(readFileSync(where("console.css")), "text/css; charset=utf-8"),
    });
    for (const where of [
      (name: string) => new URL(name, PUBLISHED),
      (name: string) => new URL(import.meta.resolve(`@otl/console/${name}`)),
    ]) {
      try {
        this.#built = read(where);
        return this.#built;
      } catch {
        // Not there: try the next place; with neither, say so now and look again on the next request.
      }
    }
    return null;
  }
}
