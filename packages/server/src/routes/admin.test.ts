import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { Company, Connection, Flow, IssuedAccessToken, IssuedLink, Link, type Problem } from "@otl/protocol";
import { PUBLIC_URL, TestServer } from "../test/harness.ts";

type Items<T> = { items: T[] };

describe("admin API", () => {
  let server: TestServer;
  beforeEach(() => {
    server = new TestServer();
  });
  afterEach(() => server.close());

  describe("companies", () => {
    it("creates a company with its contact and reads it back", async () => {
      const created = await server.admin<Company>("POST", "/v1/companies", {
        name: "Acme Pty Ltd",
        contact: { email: "finance@acme.example", phone: "+61400000000" },
        externalRef: "crm-42",
      });
      assert.equal(created.status, 201);
      assert.ok(Company.safeParse(created.body).success);
      assert.match(created.body.id, /^co_[0-9a-f]{20}$/);
      assert.deepEqual(created.body.contact, { email: "finance@acme.example", phone: "+61400000000" });

      const read = await server.admin<Company>("GET", `/v1/companies/${created.body.id}`);
      assert.equal(read.status, 200);
      assert.deepEqual(read.body, created.body);
    });

    it("answers 404 not_found for an unknown company", async () => {
      const answer = await server.admin<Problem>("GET", "/v1/companies/co_00000000000000000000");
      assert.equal(answer.status, 404);
      assert.equal(answer.body.code, "not_found");
      assert.equal(answer.headers.get("content-type"), "application/problem+json");
    });

    it("refuses calls without the API key", async () => {
      for (const token of [undefined, "otl_sk_wrong-key-0123456789abc"]) {
        const answer = await server.request<Problem>("POST", "/v1/companies", { body: { name: "Nope" }, ...(token ? { token } : {}) });
        assert.equal(answer.status, 401);
        assert.equal(answer.body.code, "unauthorized");
      }
    });
  });

  describe("connections", () => {
    it("creates pending connections and lists them", async () => {
      const company = await server.company();
      const created = await server.admin<Connection>("POST", `/v1/companies/${company.id}/connections`, { integration: "sandbox-bank" });
      assert.equal(created.status, 201);
      assert.ok(Connection.safeParse(created.body).success);
      assert.equal(created.body.status, "pending");
      assert.equal(created.body.integrationName, "Sandbox Bank");

      const list = await server.admin<Items<Connection>>("GET", `/v1/companies/${company.id}/connections`);
      assert.deepEqual(
        list.body.items.map((item) => item.id),
        [created.body.id],
      );
    });

    it("names the field when the integration is unknown", async () => {
      const company = await server.company();
      const answer = await server.admin<Problem>("POST", `/v1/companies/${company.id}/connections`, { integration: "no-such-bank" });
      assert.equal(answer.status, 400);
      assert.equal(answer.body.code, "validation_failed");
      assert.equal(answer.body.errors?.[0]?.field, "integration");
    });
  });

  describe("links", () => {
    it("issues a company link with a code, a URL from the public URL and a one-day lifetime", async () => {
      const company = await server.company();
      const answer = await server.admin<IssuedLink>("POST", `/v1/companies/${company.id}/links`, { type: "company" });
      assert.equal(answer.status, 201);
      assert.ok(IssuedLink.safeParse(answer.body).success);
      const link = answer.body;
      assert.match(link.id, /^ln_/);
      assert.equal(link.status, "active");
      assert.match(link.code, /^[A-Za-z0-9_-]{22,}$/, "URL-safe as is");
      assert.equal(link.url, `${PUBLIC_URL}/company/${company.id}?link.otp=${link.code}`);
      assert.equal(Date.parse(link.expiresAt) - Date.parse(link.createdAt), 24 * 60 * 60 * 1000);
    });

    it("issues a connection link for one of the company's connections", async () => {
      const company = await server.company();
      const connection = (
        await server.admin<Connection>("POST", `/v1/companies/${company.id}/connections`, { integration: "sandbox-bank" })
      ).body;
      const link = await server.link(company.id, { type: "connection", connectionId: connection.id, ttlSeconds: 3600 });
      assert.equal(link.type, "connection");
      assert.equal(link.connectionId, connection.id);
      assert.equal(link.url, `${PUBLIC_URL}/companies/${company.id}/connections/${connection.id}/start?otp=${link.code}`);
      assert.equal(Date.parse(link.expiresAt) - Date.parse(link.createdAt), 3600 * 1000);
    });

    it("refuses a connection link for another company's connection, or without one", async () => {
      const [mine, theirs] = [await server.company("Mine"), await server.company("Theirs")];
      const connection = (await server.admin<Connection>("POST", `/v1/companies/${theirs.id}/connections`, { integration: "sandbox-bank" }))
        .body;
      const foreign = await server.admin<Problem>("POST", `/v1/companies/${mine.id}/links`, {
        type: "connection",
        connectionId: connection.id,
      });
      assert.equal(foreign.status, 400);
      assert.equal(foreign.body.errors?.[0]?.field, "connectionId");
      const missing = await server.admin<Problem>("POST", `/v1/companies/${mine.id}/links`, { type: "connection" });
      assert.equal(missing.status, 400);
      assert.equal(missing.body.errors?.[0]?.field, "connectionId");
    });

    it("accepts a ttl up to 7 days and refuses one beyond", async () => {
      const company = await server.company();
      const week = 7 * 24 * 60 * 60;
      assert.equal((await server.admin("POST", `/v1/companies/${company.id}/links`, { type: "company", ttlSeconds: week })).status, 201);
      const tooLong = await server.admin<Problem>("POST", `/v1/companies/${company.id}/links`, { type: "company", ttlSeconds: week + 1 });
      assert.equal(tooLong.status, 400);
      assert.equal(tooLong.body.errors?.[0]?.field, "ttlSeconds");
    });

    it("lists links with their status and never their code", async () => {
      const company = await server.company();
      const link = await server.link(company.id);
      const list = await server.admin<Items<Link>>("GET", `/v1/companies/${company.id}/links`);
      assert.equal(list.status, 200);
      assert.equal(list.body.items.length, 1);
      assert.ok(Link.safeParse(list.body.items[0]).success);
      assert.equal(list.body.items[0]?.status, "active");
      assert.ok(!JSON.stringify(list.body).includes(link.code), "no code in the listing");
      assert.ok(!("url" in (list.body.items[0] as object)), "no URL (it carries the code)");
    });

    it("supersedes the company's earlier active link when a new one is issued", async () => {
      const company = await server.company();
      const first = await server.link(company.id);
      const second = await server.link(company.id);
      const statuses = new Map(
        (await server.admin<Items<Link>>("GET", `/v1/companies/${company.id}/links`)).body.items.map((item) => [item.id, item.status]),
      );
      assert.equal(statuses.get(first.id), "superseded");
      assert.equal(statuses.get(second.id), "active");
      const answer = await server.exchange({ code: first.code, companyId: company.id });
      assert.equal(answer.status, 410);
      assert.equal(answer.body.code, "token_superseded");
    });

    it("keeps earlier links active when latestLinkOnly is off", async () => {
      const relaxed = new TestServer({ latestLinkOnly: false });
      const company = await relaxed.company();
      const first = await relaxed.link(company.id);
      await relaxed.link(company.id);
      assert.equal((await relaxed.exchange({ code: first.code, companyId: company.id })).status, 201);
      await relaxed.close();
    });

    it("revokes an active link, idempotently, and refuses to revoke a used one", async () => {
      const company = await server.company();
      const link = await server.link(company.id);
      const revoked = await server.admin<Link>("DELETE", `/v1/links/${link.id}`);
      assert.equal(revoked.status, 200);
      assert.equal(revoked.body.status, "revoked");
      assert.ok(revoked.body.revokedAt);
      assert.equal((await server.admin<Link>("DELETE", `/v1/links/${link.id}`)).body.status, "revoked");
      const exchange = await server.exchange({ code: link.code, companyId: company.id });
      assert.equal(exchange.status, 410);
      assert.equal(exchange.body.code, "token_revoked");

      const used = await server.link(company.id);
      await server.open(used);
      const conflict = await server.admin<Problem>("DELETE", `/v1/links/${used.id}`);
      assert.equal(conflict.status, 409);
      assert.equal(conflict.body.code, "conflict");
      assert.equal((await server.admin<Problem>("DELETE", "/v1/links/ln_00000000000000000000")).status, 404);
    });
  });

  describe("access tokens", () => {
    it("issues a single-use otl_at_ token that lives one hour", async () => {
      const company = await server.company();
      const answer = await server.admin<IssuedAccessToken>("POST", `/v1/companies/${company.id}/access-tokens`, {});
      assert.equal(answer.status, 201);
      assert.ok(IssuedAccessToken.safeParse(answer.body).success);
      assert.match(answer.body.accessToken, /^otl_at_[A-Za-z0-9_-]{28,}$/);
      assert.equal(Date.parse(answer.body.expiresAt) - server.clock.now(), 60 * 60 * 1000);
      assert.equal((await server.exchange({ accessToken: answer.body.accessToken })).status, 201);
      const again = await server.exchange({ accessToken: answer.body.accessToken });
      assert.equal(again.status, 410);
      assert.equal(again.body.code, "token_consumed");
    });

    it("does not list access tokens among links", async () => {
      const company = await server.company();
      await server.accessToken(company.id);
      assert.deepEqual((await server.admin<Items<Link>>("GET", `/v1/companies/${company.id}/links`)).body.items, []);
    });
  });

  describe("flow", () => {
    it("shows no flow before any exchange, then the open flow with its step and connections", async () => {
      const company = await server.company();
      assert.equal((await server.admin<Problem>("GET", `/v1/companies/${company.id}/flow`)).status, 404);
      const { token } = await server.open(await server.link(company.id));
      await server.connectSandboxBank(token);
      const answer = await server.admin<Flow>("GET", `/v1/companies/${company.id}/flow`);
      assert.equal(answer.status, 200);
      assert.ok(Flow.safeParse(answer.body).success);
      assert.equal(answer.body.status, "open");
      assert.equal(answer.body.step, "review");
      assert.equal(answer.body.consent.status, "accepted");
      assert.deepEqual(
        answer.body.connections.map((connection) => [connection.integration, connection.status]),
        [["sandbox-bank", "linked"]],
      );
    });
  });
});
