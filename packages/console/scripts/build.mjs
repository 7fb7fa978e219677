// Bundles the console into one self-contained module (Lit inside, no bare imports) and copies its page
// style beside it: dist/console.js and dist/console.css, which the server serves under /console/assets.
// esbuild, as for the element: Vite 8 would not lower the decorators Lit code may use (TOOLCHAIN.md).
import { copyFileSync, mkdirSync } from "node:fs";
import { build } from "esbuild";

const root = new URL("../", import.meta.url);
mkdirSync(new URL("dist/", root), { recursive: true });
await build({
  entryPoints: [new URL("src/console.ts", root).pathname],
  outfile: new URL("dist/console.js", root).pathname,
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
});
copyFileSync(new URL("src/console.css", root), new URL("dist/console.css", root));
