import { readFileSync } from "node:fs";

/**
 * The version of `@otl/server`, from its package.json: the same relative path from `src/openapi/`
 * and from `dist/openapi/`, read once at start.
 */
export const SERVER_VERSION: string = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;
