// `sideEffects` in package.json names only src/register.ts (the define): a bundler keeps <otl-link>
// where <OtlLink> is used and drops everything else. Checked with esbuild, which follows the field as
// webpack, Rollup and Vite do.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const PACKAGE = fileURLToPath(new URL("..", import.meta.url));
const DEFINE = /customElements\.define\("otl-link"/;

/** Bundles a module that imports the package's entry, as an app's bundler would, and answers the code. */
async function bundle(source: string): Promise<string> {
  const result = await build({
    stdin: { contents: source, resolveDir: PACKAGE, loader: "ts" },
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    conditions: ["otl-source"],
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    logLevel: "silent",
  });
  return result.outputFiles[0]?.text ?? "";
}

describe("sideEffects", () => {
  it("keeps the define of <otl-link> where <OtlLink> is used", async () => {
    const code = await bundle('import { OtlLink } from "./src/index.ts"; console.log(OtlLink);');
    assert.match(code, DEFINE);
  });

  it("drops the element, Lit and React from a module that imports the package and uses nothing", async () => {
    const code = await bundle(
      'import "./src/index.ts"; import type { OtlLinkProps } from "./src/index.ts"; export const props: OtlLinkProps = {};',
    );
    assert.doesNotMatch(code, DEFINE);
    assert.doesNotMatch(code, /LitElement|forwardRef/);
    assert.ok(code.length < 200, `${code.length} characters`);
  });
});
