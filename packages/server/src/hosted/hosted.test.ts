import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { afterEach, before, beforeEach, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { Connection, Link } from "@otl/protocol";
import { TestServer } from "../test/harness.ts";

const bundlePath = fileURLToPath(import.meta.resolve("@otl/link/otl-link.js"));
const manifestPath = fileURLToPath(import.meta.resolve("@otl/link/manifest.json"));

describe("hosted link pages", () => {
  let server: TestServer;
  let companyId: string;
  before(() => {
    // The pages load the element bundle from this server; build it once if this checkout has not.
    if (!existsSync(bundlePath) || !existsSync(manifestPath)) execFileSync("pnpm", ["--filter", "@otl/link", "build"], { stdio: "ignore" });
  });
  beforeEach(async () => {
    server = new TestServer();
    companyId = (await server.company("Acme <b>Pty</b> Ltd")).id;
  });
  afterEach(() => server.close());

  async function linkStatus(id: string): Promise<string | undefined> {
    return (await server.admin<{ items: Link[] }>("GET", `/v1/companies/${companyId}/links`)).body.items.find((link) => link.id === id)
      ?.status;
  }

  it("answers both link shapes with a page that runs <otl-link> and never carries the code", async () => {
    const link = await server.link(companyId);
    const connection = (await server.admin<Connection>("POST", `/v1/companies/${companyId}/connections`, { integration: "sandbox-bank" }))
      .body;
    const connectionLink = await server.link(companyId, { type: "connection", connectionId: connection.id });
    for (const [url, code] of [
      [new URL(link.url), link.code],
      [new URL(connectionLink.url), connectionLink.code],
    ] as const) {
      const page = await server.request<string>("GET", url.pathname + url.search);
      assert.equal(page.status, 200);
      assert.match(page.headers.get("content-type") ?? "", /^text\/html/);
      assert.match(page.body, /<otl-link base-url="https:\/\/otl\.example\.test" company-id="co_/);
      // The page script first; the bundle fetched at once, and run by the page script once the shell is painted.
      assert.match(
        page.body,
        /<script src="\/assets\/otl-hosted\.js"><\/script>\s*<link rel="modulepreload" href="\/assets\/otl-link\.js" data-otl-element>/,
      );
      // No style sheet to fetch, for the page script (which sends the link's inspect) to wait for, nor to hold the first paint back.
      assert.ok(!page.body.includes('rel="stylesheet"'), "the page's rules are in the page");
      assert.ok(!page.body.includes(code), "the page never echoes the code");
    }
    const connectionPage = await server.request<string>("GET", new URL(connectionLink.url).pathname);
    assert.match(connectionPage.body, new RegExp(`connection-id="${connection.id}"`));
  });

  it("sends the headers that keep the page out of caches, referrers and indexes, with a CSP allowing no inline script", async () => {
    const link = await server.link(companyId);
    const { headers } = await server.request("GET", new URL(link.url).pathname + new URL(link.url).search);
    assert.equal(headers.get("cache-control"), "no-store");
    assert.equal(headers.get("referrer-policy"), "no-referrer");
    assert.equal(headers.get("x-robots-tag"), "noindex");
    const csp = headers.get("content-security-policy") ?? "";
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/);
    assert.match(csp, /frame-ancestors 'none'/);
  });

  it("never consumes on GET, HEAD or prefetch, however often", async () => {
    const link = await server.link(companyId);
    const path = new URL(link.url).pathname + new URL(link.url).search;
    for (let i = 0; i < 5; i++) {
      assert.equal((await server.request("GET", path)).status, 200);
      assert.equal((await server.request("HEAD", path)).status, 200);
      assert.equal((await server.request("GET", path, { headers: { "sec-purpose": "prefetch;prerender" } })).status, 204);
      assert.equal((await server.request("GET", path, { headers: { purpose: "prefetch" } })).status, 204);
    }
    assert.equal(await linkStatus(link.id), "active");
    assert.equal((await server.exchange({ code: link.code, companyId })).status, 201, "the customer's own click still works");
  });

  it("honours link.* parameters in any order beside the code", async () => {
    const link = await server.link(companyId);
    const base = new URL(link.url).pathname;
    for (const query of [
      `?link.otp=${link.code}&link.showSandboxIntegrations=false&link.locale=fr`,
      `?link.showSandboxIntegrations=false&link.otp=${link.code}&link.locale=fr`,
      `?link.locale=fr&link.showSandboxIntegrations=false&link.otp=${link.code}`,
    ]) {
      const page = await server.request<string>("GET", base + query);
      assert.equal(page.status, 200, query);
    }
    assert.equal(await linkStatus(link.id), "active");
  });

  it("serves the page script, which strips the code before anything else runs", async () => {
    const script = await server.request<string>("GET", "/assets/otl-hosted.js");
    assert.equal(script.status, 200);
    assert.match(script.headers.get("content-type") ?? "", /^text\/javascript/);
    const stripAt = script.body.indexOf("history.replaceState");
    assert.ok(stripAt > 0);
    assert.ok(stripAt < script.body.indexOf("addEventListener"), "the address bar is cleaned before the element is touched");
    assert.equal((await server.request("GET", "/assets/otl-hosted.css")).status, 200);
  });

  it("serves the very element bundle @otl/link publishes", async () => {
    const answer = await server.request<string>("GET", "/assets/otl-link.js");
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get("content-type") ?? "", /^text\/javascript/);
    assert.equal(answer.body, readFileSync(bundlePath, "utf8"));
  });

  it("answers an unknown company with a plain not-valid page, with the same headers", async () => {
    const page = await server.request<string>("GET", "/company/co_00000000000000000000?link.otp=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    assert.equal(page.status, 404);
    assert.match(page.body, /This link is not valid/);
    assert.equal(page.headers.get("cache-control"), "no-store");
  });

  it("speaks the link's language (link.locale) around the element: lang, dir, title, and its catalogue preloaded", async () => {
    const link = new URL((await server.link(companyId)).url);
    const open = async (query: string) => (await server.request<string>("GET", `${link.pathname}${link.search}${query}`)).body;
    const french = await open("&link.locale=fr-CA");
    // The link's own regional tag, as the element writes its content; the catalogue is French.
    assert.match(french, /<html lang="fr-CA" dir="ltr">/);
    assert.match(french, /<title>Partagez vos comptes<\/title>/);
    assert.match(french, /<link rel="modulepreload" href="\/assets\/otl-link\.fr\.js">/);
    // Right to left from the first byte, so nothing flips when the element arrives.
    const arabic = await open("&amp;link.locale=ar");
    assert.match(arabic, /<html lang="ar" dir="rtl">/);
    assert.match(arabic, /<title>مشاركة حساباتك<\/title>/);
    // English ships in the bundle: nothing to preload. A language the kit does not ship is English.
    for (const query of ["", "&link.locale=sv", "&link.locale=<b>"]) {
      const page = await open(query);
      assert.match(page, /<html lang="en" dir="ltr">/, query);
      assert.match(page, /<title>Share your accounts<\/title>/, query);
      assert.doesNotMatch(page, /modulepreload" href="[^"]*otl-link\.[a-z]{2}\.js/, query);
    }
  });

  it("says a link is not valid in the link's language", async () => {
    const page = await server.request<string>(
      "GET",
      "/company/co_00000000000000000000?link.otp=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&link.locale=de",
    );
    assert.equal(page.status, 404);
    assert.match(page.body, /<html lang="de" dir="ltr">/);
    assert.match(page.body, /<h1>Dieser Link ist ungültig<\/h1>/);
  });

  it("escapes what it embeds", async () => {
    const page = await server.request<string>("GET", `/companies/${companyId}/connections/%22%3E%3Cscript%3E/start`);
    assert.ok(!page.body.includes('"><script>'));
  });
});
