import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PublicAsset } from "./public-asset.ts";

/** What `@otl/link` writes beside its bundle at build time (dist/manifest.json): the bundle, then each catalogue file. */
export interface PackageManifest {
  version: string;
  files: { "otl-link.js": PublishedFile } & Record<string, PublishedFile>;
}

/** One published file: its Subresource Integrity (`sha384-…`), its size and its size at gzip -9, in bytes. */
export interface PublishedFile {
  integrity: string;
  bytes: number;
  gzipBytes: number;
}

/** The built bundle: its files by name (`otl-link.js`, `otl-link.fr.js` …) and the version `@otl/link` published them as. */
export interface BuiltBundle {
  version: string;
  files: ReadonlyMap<string, PublicAsset>;
}

/**
 * The self-contained `<otl-link>` bundle that `@otl/link` publishes, with the catalogue files it
 * loads on demand beside it, read once from that package so the server always serves the very files
 * the size budget measures, under the package's version.
 */
export class ElementBundle {
  #built: BuiltBundle | undefined;

  /** The bundle and its version, or null when `@otl/link` is not built (or not installed). */
  read(): BuiltBundle | null {
    if (this.#built) return this.#built;
    try {
      const manifestUrl = import.meta.resolve("@otl/link/manifest.json");
      const manifest = JSON.parse(readFileSync(fileURLToPath(manifestUrl), "utf8")) as PackageManifest;
      const files = new Map<string, PublicAsset>();
      // Only the names the package lists, each checked for shape: nothing else in dist/ is served.
      for (const name of Object.keys(manifest.files).filter((file) => ASSET_NAME.test(file))) {
        files.set(name, new PublicAsset(readFileSync(fileURLToPath(new URL(name, manifestUrl))), "text/javascript; charset=utf-8"));
      }
      if (!files.has("otl-link.js")) return null;
      this.#built = { version: manifest.version, files };
    } catch {
      // Not built yet: answer 404 now, look again on the next request.
      return null;
    }
    return this.#built;
  }
}

/** The bundle's file name, its catalogues' and its on-demand steps': `otl-link.js`, `otl-link.fr.js`, `otl-link.upload.js` … */
export const ASSET_NAME = /^otl-link(?:\.[a-z]{2,12})?\.js$/;
