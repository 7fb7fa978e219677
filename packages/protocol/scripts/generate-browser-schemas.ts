// Compiles the browser-facing protocol schemas to JSON Schema, so the SDK can check every answer
// against the protocol without shipping zod. `pnpm --filter @otl/protocol generate` rewrites the files;
// a test fails when one is stale.
import { writeFileSync } from "node:fs";
import { BROWSER_SCHEMA_MODULES, browserSchemaModule } from "../src/browser-schema-source.ts";

for (const file of Object.keys(BROWSER_SCHEMA_MODULES)) {
  const target = new URL(`../src/${file}`, import.meta.url);
  writeFileSync(target, browserSchemaModule(file));
  process.stdout.write(`wrote ${target.pathname}\n`);
}
