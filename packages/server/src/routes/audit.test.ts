import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { AuditPage, AuditRecordView, CompanyPage, type Problem } from "@otl/protocol";
import { API_KEY, TestServer } from "../test/harness.ts";

describe("GET /v1/audit", () => {
  let server: TestServer;
  beforeEach(() => {
    server = new TestServer();
  });
  afterEach(() => server.close());

  it("pages a company's records by cursor, and the pages hold still while new events arrive", async () => {
    const company = await server.company();
    for (let index = 0; index < 3; index++) await server.link(company.id);
    const base = `/v1/audit?companyId=${company.id}&limit=3`;

    const first = await server.admin<AuditPage>("GET", base);
    assert.equal(first.status, 200);
    assert.ok(AuditPage.safeParse(first.body).success);
    assert.deepEqual(
      first.body.items.map((record) => record.event),
      ["company.created", "link.issued", "link.superseded"],
    );
    assert.ok(first.body.nextCursor);

    await server.link(company.id); // new records land after everything already paged
    const pages = [first.body];
    let cursor: string | null = first.body.nextCursor;
    while (cursor) {
      const page: { body: AuditPage } = await server.admin<AuditPage>("GET", `${base}&cursor=${cursor}`);
      pages.push(page.body);
      cursor = page.body.nextCursor;
      assert.ok(pages.length < 10, "the cursor ends");
    }
    const seqs = pages.flatMap((page) => page.items.map((record) => record.seq));
    assert.deepEqual(
      seqs,
      [...new Set(seqs)].sort((a, b) => a - b),
      "every record once, in seq order",
    );
    assert.equal(seqs.length, 1 + 4 + 3, "company.created, four link.issued, three link.superseded");
    assert.equal(pages.at(-1)?.nextCursor, null);
  });

  it("filters by link, event and since, and never shows the client's hash", async () => {
    const company = await server.company();
    const first = await server.link(company.id);
    server.clock.advance(60_000);
    const since = new Date(server.clock.now()).toISOString();
    await server.link(company.id);

    const byLink = await server.admin<AuditPage>("GET", `/v1/audit?linkId=${first.id}`);
    assert.deepEqual(
      byLink.body.items.map((record) => record.event),
      ["link.issued", "link.superseded"],
    );
    const byEvent = await server.admin<AuditPage>("GET", `/v1/audit?companyId=${company.id}&event=link.issued`);
    assert.equal(byEvent.body.items.length, 2);
    const recent = await server.admin<AuditPage>("GET", `/v1/audit?companyId=${company.id}&since=${encodeURIComponent(since)}`);
    assert.deepEqual(
      recent.body.items.map((record) => record.event),
      ["link.superseded", "link.issued"],
    );
    assert.ok(byLink.body.items.every((record) => !("clientHash" in record)));
  });

  it("streams every match as NDJSON, past the size of one page", async () => {
    const company = await server.company();
    for (let index = 0; index < 60; index++) await server.accessToken(company.id);
    const response = await server.app.request(
      new Request(`http://localhost/v1/audit?companyId=${company.id}&limit=5`, {
        headers: { authorization: `Bearer ${API_KEY}`, accept: "application/x-ndjson" },
      }),
    );
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "application/x-ndjson");
    const lines = (await response.text()).trimEnd().split("\n");
    assert.equal(lines.length, 61, "the export ignores limit: company.created and 60 access_token.issued");
    for (const line of lines) assert.ok(AuditRecordView.safeParse(JSON.parse(line)).success, line);
  });

  it("answers 400 naming each bad query parameter", async () => {
    const cases: Array<[string, string]> = [
      ["limit=0", "limit"],
      ["limit=201", "limit"],
      ["limit=ten", "limit"],
      ["event=link.exploded", "event"],
      ["since=yesterday", "since"],
      ["cursor=abc", "cursor"],
      ["companyId=acme", "companyId"],
      ["linkId=co_00000000000000000000", "linkId"],
      ["colour=blue", "colour"],
    ];
    for (const [query, field] of cases) {
      const answer = await server.admin<Problem>("GET", `/v1/audit?${query}`);
      assert.equal(answer.status, 400, query);
      assert.equal(answer.body.code, "validation_failed");
      assert.deepEqual(
        answer.body.errors?.map((error) => error.field),
        [field],
        query,
      );
    }
  });

  it("refuses calls without the API key", async () => {
    const answer = await server.request<Problem>("GET", "/v1/audit");
    assert.equal(answer.status, 401);
  });
});

describe("GET /v1/companies", () => {
  let server: TestServer;
  beforeEach(() => {
    server = new TestServer();
  });
  afterEach(() => server.close());

  it("searches by name or externalRef and pages oldest first", async () => {
    const names = ["Acme Pty Ltd", "Acme Holdings", "Bolt Ltd", "Crate Co"];
    const made = [];
    for (const name of names) {
      made.push(await server.company(name, name === "Crate Co" ? { externalRef: "crm-ACME-7" } : {}));
      server.clock.advance(1000);
    }
    const all = await server.admin<CompanyPage>("GET", "/v1/companies");
    assert.ok(CompanyPage.safeParse(all.body).success);
    assert.deepEqual(all.body, { items: made, nextCursor: null });

    const first = await server.admin<CompanyPage>("GET", "/v1/companies?query=acme&limit=2");
    assert.deepEqual(
      first.body.items.map((company) => company.name),
      ["Acme Pty Ltd", "Acme Holdings"],
    );
    const second = await server.admin<CompanyPage>("GET", `/v1/companies?query=acme&limit=2&cursor=${first.body.nextCursor}`);
    assert.deepEqual(second.body, { items: [made[3]], nextCursor: null });
  });

  it("answers 400 naming each bad query parameter", async () => {
    for (const [query, field] of [
      ["limit=-1", "limit"],
      ["cursor=42", "cursor"],
      [`query=${"x".repeat(201)}`, "query"],
    ]) {
      const answer = await server.admin<Problem>("GET", `/v1/companies?${query}`);
      assert.equal(answer.status, 400, query);
      assert.deepEqual(
        answer.body.errors?.map((error) => error.field),
        [field],
        query,
      );
    }
  });
});
