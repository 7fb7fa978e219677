// Runs after `vite build`: the script-tag bundle stays small and needs nothing else to load.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { gzipSync } from "node:zlib";

const BUNDLE = new URL("../dist/otl-link.js", import.meta.url);
/** The budget from the design; the goal is 16 kB. */
const MAX_GZIP_BYTES = 20 * 1024;

const source = readFileSync(BUNDLE, "utf8");

/** Every module specifier the bundle imports or re-exports, static or dynamic. */
function specifiers(code: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\bimport\s*\(\s*(["'`])([^"'`]+)\1/g,
    /\bimport\s*(["'`])([^"'`]+)\1/g,
    /\b(?:import|export)\b[^;"'`]*?\bfrom\s*(["'`])([^"'`]+)\1/g,
  ];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) found.push(match[2] as string);
  return found;
}

test(`dist/otl-link.js is at most ${MAX_GZIP_BYTES} bytes gzipped`, () => {
  const bytes = gzipSync(source, { level: 9 }).length;
  console.log(`dist/otl-link.js: ${source.length} bytes, ${bytes} bytes gzipped`);
  assert.ok(bytes <= MAX_GZIP_BYTES, `${bytes} bytes gzipped is over the ${MAX_GZIP_BYTES} byte budget`);
});

test("dist/otl-link.js has no bare imports: Lit and the SDK are inside", () => {
  const bare = specifiers(source).filter((specifier) => !/^(\.{0,2}\/|https?:)/.test(specifier));
  assert.deepEqual(bare, []);
  // The detector itself must see a bare import when there is one, or this test could never fail.
  assert.deepEqual(specifiers(`import{html as e}from"lit";import"@otl/sdk";await import("zod")`), ["zod", "@otl/sdk", "lit"]);
});

test("dist/otl-link.js defines <otl-link> once, guarded", () => {
  assert.match(source, /customElements\.get\(["'`]otl-link["'`]\)/);
  assert.match(source, /customElements\.define\(["'`]otl-link["'`]/);
});
