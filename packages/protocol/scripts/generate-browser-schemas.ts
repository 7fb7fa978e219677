// Compiles the browser-facing protocol schemas to JSON Schema, so the SDK can check every answer
// against the protocol without shipping zod. `pnpm --filter @otl/protocol generate` rewrites the file;
// a test fails when it is stale.
import { writeFileSync } from "node:fs";
import { browserSchemaModule } from "../src/browser-schema-source.ts";

const target = new URL("../src/browser-schemas.generated.ts", import.meta.url);
writeFileSync(target, browserSchemaModule());
process.stdout.write(`wrote ${target.pathname}\n`);
