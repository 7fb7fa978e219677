import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PublicAsset } from "../hosted/public-asset.ts";

/** The built console: its script and its page style, as `@otl/console` writes them (dist/). */
export interface BuiltConsole {
  script: PublicAsset;
  style: PublicAsset;
}

/**
 * The admin console's files, read once from the private `@otl/console` workspace package the same
 * way the element bundle is read from `@otl/link`: the server serves the very files that package built.
 */
export class ConsoleAssets {
  #built: BuiltConsole | undefined;

  /** The built files, or null when `@otl/console` is not built (or not installed beside the server). */
  read(): BuiltConsole | null {
    if (this.#built) return this.#built;
    try {
      const file = (name: string) => readFileSync(fileURLToPath(import.meta.resolve(`@otl/console/${name}`)));
      this.#built = {
        script: new PublicAsset(file("console.js"), "text/javascript; charset=utf-8"),
        style: new PublicAsset(file("console.css"), "text/css; charset=utf-8"),
      };
    } catch {
      // Not built yet: say so now, look again on the next request.
      return null;
    }
    return this.#built;
  }
}
