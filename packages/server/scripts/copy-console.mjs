// Part of `pnpm build`: copies the built admin console (`@otl/console`'s dist/console.js and console.css)
// into dist/console/app/, so the published @otl/server serves its console with nothing else installed:
// `@otl/console` is a private workspace package, never published, and only a devDependency here.
import { copyFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const target = new URL("../dist/console/app/", import.meta.url);
mkdirSync(target, { recursive: true });
for (const name of ["console.js", "console.css"]) {
  let source;
  try {
    source = fileURLToPath(import.meta.resolve(`@otl/console/${name}`));
    copyFileSync(source, new URL(name, target));
  } catch (error) {
    // `pnpm --filter "@otl/server..." build` builds the console first; built alone, the server says what is missing.
    throw new Error(`@otl/console/${name} is not built: run pnpm --filter "@otl/server..." build`, { cause: error });
  }
}
