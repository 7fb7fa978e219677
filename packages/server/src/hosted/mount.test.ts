import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Hono } from "hono";
import { createOtlServer } from "../app.ts";
import { MEMORY, SqliteStore } from "../store/sqlite.ts";

describe("mounted inside a host app", () => {
  it("serves links, pages, assets and the API under the public URL's path", async () => {
    const apiKey = "otl_sk_mounted-host-key-0123456789";
    const store = new SqliteStore({ dataDir: MEMORY });
    const host = new Hono();
    host.get("/", (c) => c.text("the host's own home page"));
    host.route("/otl", createOtlServer({ store, apiKey, publicUrl: "https://host.example/otl", logger: false }));
    const call = (method: string, path: string, body?: unknown, token?: string) =>
      host.request(`https://host.example${path}`, {
        method,
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });

    const company = await (await call("POST", "/otl/v1/companies", { name: "Acme Pty Ltd" }, apiKey)).json();
    const link = await (await call("POST", `/otl/v1/companies/${company.id}/links`, { type: "company" }, apiKey)).json();
    assert.equal(link.url, `https://host.example/otl/company/${company.id}?link.otp=${link.code}`);

    const page = await (await call("GET", new URL(link.url).pathname)).text();
    assert.match(page, /<script src="\/otl\/assets\/otl-hosted\.js"><\/script>/);
    assert.match(page, /<script type="module" src="\/otl\/assets\/otl-link\.js">/);
    assert.match(page, /base-url="https:\/\/host\.example\/otl"/);
    assert.equal((await call("GET", "/otl/assets/otl-hosted.js")).status, 200);

    assert.equal((await call("POST", "/otl/v1/link/exchange", { code: link.code, companyId: company.id })).status, 201);
    assert.equal(await (await call("GET", "/")).text(), "the host's own home page");
    await store.close();
  });
});
