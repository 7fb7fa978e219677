// The first-step bench's yardstick (bench/first-step.bench.mjs): a page with a minimal Lit element
// that renders a heading, a line and a button, served as the OTL server serves its hosted page —
// its own node:http process (started and pinned like the OTL servers), keep-alive, the page `no-store`,
// the script minified and brotli-compressed when accepted, with a cache header and a content length.
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants } from "node:zlib";

// esbuild and Lit come from the element's own dependencies, so the yardstick is built the same way.
const linkRequire = createRequire(new URL("../packages/link/package.json", import.meta.url));
const esbuild = linkRequire("esbuild");

/** The yardstick: the least a Lit element can do to show a first step. */
const MINIMAL_ELEMENT = `
import { LitElement, html, css } from "lit";
class MinimalStep extends LitElement {
  static styles = css\`:host{display:block;font-family:system-ui;padding:16px;border:1px solid #ccc;border-radius:8px}\`;
  render() {
    return html\`<h2 part="heading">Share Acme Pty Ltd's financial data</h2><p>You will be asked to share your accounts.</p><button>Start</button>\`;
  }
}
customElements.define("minimal-step", MinimalStep);
`;

const built = await esbuild.build({
  stdin: { contents: MINIMAL_ELEMENT, resolveDir: fileURLToPath(new URL("../packages/link/", import.meta.url)), loader: "js" },
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2022",
  write: false,
  conditions: ["production"],
});
const script = Buffer.from(built.outputFiles[0].contents);
const compressed = brotliCompressSync(script, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } });
const page = Buffer.from(
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Minimal Lit</title><script type="module" src="/minimal.js"></script></head><body><main><minimal-step></minimal-step></main></body></html>`,
);
const server = createServer((request, response) => {
  if (request.url === "/minimal.js") {
    const br = /\bbr\b/.test(request.headers["accept-encoding"] ?? "");
    const body = br ? compressed : script;
    response.writeHead(200, {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=300",
      vary: "Accept-Encoding",
      "content-length": body.length,
      ...(br && { "content-encoding": "br" }),
    });
    response.end(body);
  } else {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "content-length": page.length });
    response.end(page);
  }
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`minimal Lit page (${script.length} bytes of script) listening on http://127.0.0.1:${server.address().port}/\n`);
});
process.once("SIGTERM", () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
