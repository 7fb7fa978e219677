import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PublicAsset } from "./public-asset.ts";

/** What `@otl/link` writes beside its bundle at build time (dist/manifest.json). */
export interface PackageManifest {
  version: string;
  files: { "otl-link.js": { integrity: string; bytes: number; gzipBytes: number } };
}

/** The built bundle: the file and the version `@otl/link` published it as. */
export interface BuiltBundle {
  version: string;
  asset: PublicAsset;
}

/**
 * The self-contained `<otl-link>` bundle that `@otl/link` publishes, read once from that package
 * so the server always serves the very file the size budget measures, under the package's version.
 */
export class ElementBundle {
  #built: BuiltBundle | undefined;

  /** The bundle and its version, or null when `@otl/link` is not built (or not installed). */
  read(): BuiltBundle | null {
    if (this.#built) return this.#built;
    try {
      const source = readFileSync(fileURLToPath(import.meta.resolve("@otl/link/otl-link.js")));
      const manifest = JSON.parse(readFileSync(fileURLToPath(import.meta.resolve("@otl/link/manifest.json")), "utf8")) as PackageManifest;
      this.#built = { version: manifest.version, asset: new PublicAsset(source, "text/javascript; charset=utf-8") };
    } catch {
      // Not built yet: answer 404 now, look again on the next request.
      return null;
    }
    return this.#built;
  }
}
