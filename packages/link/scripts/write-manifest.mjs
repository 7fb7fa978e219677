// Runs after `vite build`: writes dist/manifest.json, the Subresource Integrity of the script-tag
// bundle, so a host can pin `<script integrity="…">` to the very bytes this version publishes.
// The server's `GET /assets/manifest.json` answers the same integrity for the file it serves.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const dist = new URL("../dist/", import.meta.url);
const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const bundle = readFileSync(new URL("otl-link.js", dist));
const manifest = {
  version,
  files: {
    "otl-link.js": {
      integrity: `sha384-${createHash("sha384").update(bundle).digest("base64")}`,
      bytes: bundle.length,
      gzipBytes: gzipSync(bundle, { level: 9 }).length,
    },
  },
};
writeFileSync(new URL("manifest.json", dist), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`dist/manifest.json: otl-link.js ${manifest.files["otl-link.js"].integrity}`);
