// `pnpm --filter @otl/link weigh`: what each source module weighs in dist/otl-link.js. Builds the
// bundle again with a source map into a temporary directory (dist/ is left as it is), gives each
// byte of the minified file to the module the map says it came from, and prints, per module and per
// group (Lit, the SDK, the protocol's schemas, the element), its bytes and its share of the gzip -9
// size (bytes × the file's gzip ratio: gzip has no per-module size, this is the fair split).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "vite";

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** A source map's `mappings`, decoded: per generated line, its segments' [column, source index]. */
function decodeMappings(mappings) {
  const lines = [];
  let source = 0;
  for (const line of mappings.split(";")) {
    const segments = [];
    let column = 0;
    for (const segment of line.split(",").filter(Boolean)) {
      // Base64 VLQ: 5 bits a digit, continuation in the 6th, sign in the lowest bit of the value.
      const fields = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        shift += 5;
        if ((digit & 32) === 0) {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0];
      if (fields.length > 1) source += fields[1];
      segments.push([column, fields.length > 1 ? source : null]);
    }
    lines.push(segments);
  }
  return lines;
}

const REPO = new URL("../../..", import.meta.url).pathname;

/** A module's name as a reader wants it: an npm package's name and path, or the workspace package's. */
function moduleName(path) {
  const inRepo = relative(REPO, path);
  return inRepo.replace(/^.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, "").replace(/^packages\//, "");
}

/** The group a module belongs to. */
function groupOf(name) {
  if (name === "(unmapped)") return "(unmapped: the bundler's glue)";
  if (/^(lit|lit-html|lit-element|@lit)\//.test(name)) return "Lit";
  if (name.startsWith("sdk/")) return "SDK";
  if (name.startsWith("protocol/")) return "protocol (response schemas and checker)";
  if (name === "link/src/link.styles.ts") return "element: styles";
  if (name === "link/src/element-base.ts") return "element: its base class (in LitElement's stead)";
  if (name === "link/src/locales/en-core.ts") return "element: English catalogue";
  if (name.startsWith("link/src/locales/")) return "element: catalogue mechanics";
  if (name.startsWith("link/src/steps/")) return "element: screens";
  if (name.startsWith("link/src/flow/")) return "element: flow (controller, transition)";
  return name.startsWith("link/") ? "element: the element class, events, time" : "other";
}

const outDir = mkdtempSync(join(tmpdir(), "otl-weigh-"));
try {
  await build({
    root: new URL("..", import.meta.url).pathname,
    logLevel: "warn",
    build: { outDir, emptyOutDir: true, sourcemap: true },
  });
  // Less the `//# sourceMappingURL` line, which the published file does not have.
  const code = readFileSync(join(outDir, "otl-link.js"), "utf8").replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "");
  const map = JSON.parse(readFileSync(join(outDir, "otl-link.js.map"), "utf8"));
  const bytes = new Map();
  const add = (name, count) => bytes.set(name, (bytes.get(name) ?? 0) + count);
  const lines = code.split("\n");
  for (const [index, segments] of decodeMappings(map.mappings).entries()) {
    const line = lines[index] ?? "";
    // What precedes the line's first segment, and its newline (none after the last line).
    add("(unmapped)", (segments[0]?.[0] ?? line.length) + (index < lines.length - 1 ? 1 : 0));
    for (const [position, [column, source]] of segments.entries()) {
      const end = segments[position + 1]?.[0] ?? line.length;
      add(source === null ? "(unmapped)" : moduleName(resolve(outDir, map.sources[source])), end - column);
    }
  }
  const gzip = gzipSync(code, { level: 9 }).length;
  const share = (count) => Math.round((count * gzip) / code.length);
  const row = (count, name) => `${String(count).padStart(7)} ${String(share(count)).padStart(7)}  ${name}`;
  const groups = new Map();
  for (const [name, count] of bytes) groups.set(groupOf(name), (groups.get(groupOf(name)) ?? 0) + count);
  console.log(`dist/otl-link.js: ${code.length} bytes, ${gzip} gzip -9\n\n  bytes    gzip  group`);
  for (const [name, count] of [...groups].sort((a, b) => b[1] - a[1])) console.log(row(count, name));
  console.log("\n  bytes    gzip  module");
  for (const [name, count] of [...bytes].sort((a, b) => b[1] - a[1])) console.log(row(count, name));
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
