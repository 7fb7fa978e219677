import { readFileSync } from "node:fs";

/** The server package's version, read from its package.json (beside both `src/` and `dist/`). */
export function serverVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return manifest.version;
}
