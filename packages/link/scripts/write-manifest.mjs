// Runs after `vite build`: writes dist/manifest.json, the Subresource Integrity of the script-tag
// bundle and of each catalogue file it loads on demand (otl-link.fr.js …), so a host can pin
// `<script integrity="…">` (and an import map's `integrity`) to the very bytes this version publishes.
// The server's `GET /assets/manifest.json` answers the same integrity for the files it serves.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const dist = new URL("../dist/", import.meta.url);
const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
// The bundle first, then its catalogues by name.
const names = readdirSync(dist)
  .filter((name) => /^otl-link(\.[a-z]{2,12})?\.js$/.test(name))
  .sort((a, b) => (a === "otl-link.js" ? -1 : b === "otl-link.js" ? 1 : a.localeCompare(b)));
const files = {};
for (const name of names) {
  const bytes = readFileSync(new URL(name, dist));
  files[name] = {
    integrity: `sha384-${createHash("sha384").update(bytes).digest("base64")}`,
    bytes: bytes.length,
    gzipBytes: gzipSync(bytes, { level: 9 }).length,
  };
}
writeFileSync(new URL("manifest.json", dist), `${JSON.stringify({ version, files }, null, 2)}\n`);
for (const name of names) console.log(`dist/manifest.json: ${name} ${files[name].gzipBytes} B gzip ${files[name].integrity}`);
