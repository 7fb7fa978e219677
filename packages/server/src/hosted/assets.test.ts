// Public assets as any host page meets them: loadable cross-origin, compressed, revalidated by ETag,
// pinned by version and integrity. The bytes are checked against what @otl/link itself publishes.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { PUBLIC_URL, TestServer } from "../test/harness.ts";
import type { PackageManifest } from "./element-bundle.ts";
import { preferredEncoding } from "./public-asset.ts";

const bundlePath = fileURLToPath(import.meta.resolve("@otl/link/otl-link.js"));
const manifestPath = fileURLToPath(import.meta.resolve("@otl/link/manifest.json"));

describe("public assets", () => {
  let server: TestServer;
  let published: PackageManifest;
  let bundle: Buffer;
  before(() => {
    if (!existsSync(bundlePath) || !existsSync(manifestPath)) execFileSync("pnpm", ["--filter", "@otl/link", "build"], { stdio: "ignore" });
    published = JSON.parse(readFileSync(manifestPath, "utf8"));
    bundle = readFileSync(bundlePath);
    server = new TestServer();
  });
  after(() => server.close());

  const get = (path: string, headers: Record<string, string> = {}) =>
    server.app.request(new Request(`http://localhost${path}`, { headers: { origin: "https://any-site.example", ...headers } }));

  const paths = [
    "/assets/otl-link.js",
    "/assets/otl-link.fr.js",
    "/assets/otl-link.ar.js",
    // The steps few flows reach, loaded on demand beside the bundle like the languages.
    "/assets/otl-link.upload.js",
    "/assets/otl-link.redirect.js",
    "/assets/otl-link.verify.js",
    "/assets/otl-link.failure.js",
    "/assets/otl-link.problem.js",
    "/assets/otl-link.refusal.js",
    "/assets/otl-hosted.js",
    "/assets/otl-hosted.css",
    "/assets/manifest.json",
  ];
  for (const path of paths) {
    it(`${path} may be loaded by any page, cross-origin`, async () => {
      const answer = await get(path);
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get("access-control-allow-origin"), "*");
      assert.equal(answer.headers.get("cross-origin-resource-policy"), "cross-origin");
      assert.equal(answer.headers.get("x-content-type-options"), "nosniff");
      assert.match(answer.headers.get("etag") ?? "", /^"[\w-]+"$/);
      assert.match(answer.headers.get("vary") ?? "", /Accept-Encoding/);
    });
  }

  it("sends br or gzip as accepted, each decoding to the published bytes, with its own ETag", async () => {
    const br = await get("/assets/otl-link.js", { "accept-encoding": "gzip, deflate, br, zstd" });
    const gzip = await get("/assets/otl-link.js", { "accept-encoding": "gzip" });
    const plain = await get("/assets/otl-link.js", { "accept-encoding": "identity" });
    assert.equal(br.headers.get("content-encoding"), "br");
    assert.equal(gzip.headers.get("content-encoding"), "gzip");
    assert.equal(plain.headers.get("content-encoding"), null);
    const brBytes = Buffer.from(await br.arrayBuffer());
    const gzipBytes = Buffer.from(await gzip.arrayBuffer());
    assert.deepEqual(brotliDecompressSync(brBytes), bundle);
    assert.deepEqual(gunzipSync(gzipBytes), bundle);
    assert.deepEqual(Buffer.from(await plain.arrayBuffer()), bundle);
    assert.equal(Number(br.headers.get("content-length")), brBytes.length);
    assert.ok(brBytes.length < gzipBytes.length && gzipBytes.length < bundle.length);
    console.log(`/assets/otl-link.js transfer: ${brBytes.length} B br, ${gzipBytes.length} B gzip, ${bundle.length} B raw`);
    assert.equal(new Set([br, gzip, plain].map((answer) => answer.headers.get("etag"))).size, 3);
  });

  it("answers 304 to a matching If-None-Match, and the file again when it does not match", async () => {
    const first = await get("/assets/otl-link.js", { "accept-encoding": "br" });
    const etag = first.headers.get("etag") as string;
    const again = await get("/assets/otl-link.js", { "accept-encoding": "br", "if-none-match": `"other", W/${etag}` });
    assert.equal(again.status, 304);
    assert.equal(again.headers.get("etag"), etag);
    assert.equal((await again.arrayBuffer()).byteLength, 0);
    const otherEncoding = await get("/assets/otl-link.js", { "accept-encoding": "gzip", "if-none-match": etag });
    assert.equal(otherEncoding.status, 200);
  });

  it("keeps the moving alias 5 minutes, and the versioned copy for ever", async () => {
    const alias = await get("/assets/otl-link.js");
    assert.equal(alias.headers.get("cache-control"), "public, max-age=300");
    const versioned = await get(`/assets/v${published.version}/otl-link.js`);
    assert.equal(versioned.status, 200);
    assert.equal(versioned.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assert.equal(versioned.headers.get("access-control-allow-origin"), "*");
    assert.deepEqual(Buffer.from(await versioned.arrayBuffer()), bundle);
    const other = await get("/assets/v0.0.0-not-this-one/otl-link.js");
    assert.equal(other.status, 404);
    assert.equal(other.headers.get("content-type"), "application/problem+json");
  });

  it("lists the integrity of each file in /assets/manifest.json, the same as the package publishes", async () => {
    const answer = await get("/assets/manifest.json");
    assert.match(answer.headers.get("content-type") ?? "", /^application\/json/);
    const manifest = (await answer.json()) as {
      version: string;
      files: Record<string, { url: string; integrity: string; bytes: number; gzipBytes: number }>;
    };
    assert.equal(manifest.version, published.version);
    // The bundle, the six catalogues, the logos, the four steps it loads on demand (the failure screens
    // among them) and what a refusal needs (the SDK's reading of it, its words, a wait), each pinned by the package's own integrity.
    const names = [
      "otl-link.js",
      ...["ar", "de", "es", "failure", "fr", "logos", "nl", "problem", "pt", "redirect", "refusal", "upload", "verify"].map(
        (name) => `otl-link.${name}.js`,
      ),
    ];
    assert.deepEqual(Object.keys(manifest.files), names);
    for (const name of names) {
      const bytes = readFileSync(fileURLToPath(import.meta.resolve(`@otl/link/${name}`)));
      const integrity = `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
      assert.deepEqual(manifest.files[name], {
        url: `${PUBLIC_URL}/assets/v${published.version}/${name}`,
        integrity,
        bytes: bytes.length,
        gzipBytes: manifest.files[name]?.gzipBytes,
      });
      assert.equal(published.files[name]?.integrity, integrity, name);
      const versioned = await get(`/assets/v${published.version}/${name}`, { "accept-encoding": "identity" });
      assert.deepEqual(Buffer.from(await versioned.arrayBuffer()), bytes, name);
    }
    assert.equal(published.version, JSON.parse(readFileSync(new URL("../../../link/package.json", import.meta.url), "utf8")).version);
  });

  it("serves no catalogue it does not have, and nothing else from the package's folder", async () => {
    for (const path of [
      "/assets/otl-link.xx.js",
      `/assets/v${published.version}/otl-link.xx.js`,
      "/assets/otl-link.consent.js",
      "/assets/otl-link.upload.js.map",
      "/assets/otl-link..js",
      "/assets/manifest.json.js",
    ]) {
      const answer = await get(path);
      assert.equal(answer.status, 404, path);
    }
  });

  it("answers HEAD with the headers and no body", async () => {
    const answer = await server.app.request(new Request("http://localhost/assets/otl-link.js", { method: "HEAD" }));
    assert.equal(answer.status, 200);
    assert.ok(answer.headers.get("etag"));
    assert.equal((await answer.arrayBuffer()).byteLength, 0);
  });
});

describe("content negotiation", () => {
  it("prefers br, then gzip, honours q=0, and falls back to the bytes as they are", () => {
    assert.equal(preferredEncoding("gzip, deflate, br"), "br");
    assert.equal(preferredEncoding("br;q=0, gzip"), "gzip");
    assert.equal(preferredEncoding("gzip;q=0.5"), "gzip");
    assert.equal(preferredEncoding("*"), "br");
    assert.equal(preferredEncoding("*;q=0, identity"), "identity");
    assert.equal(preferredEncoding(""), "identity");
    assert.equal(preferredEncoding("deflate"), "identity");
  });
});
