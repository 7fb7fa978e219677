import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Company, ExchangeResult, FlowView, IssuedAccessToken, IssuedLink, Link, Problem } from "@otl/protocol";
import { type RunningOtlServer, startOtlServer } from "./node.ts";
import { SqliteStore } from "./store/sqlite.ts";
import { type CliServer, call, startCli } from "./test/cli-process.ts";
import { API_KEY, tempDataDir } from "./test/harness.ts";
import { newHashKey } from "./tokens.ts";

const ATTEMPTS = 50;

type Exchanged = ExchangeResult & Problem;

/** Fires every exchange at once and waits for all the answers. */
function exchangeAll(urls: string[], body: Record<string, unknown>) {
  return Promise.all(urls.map((url) => call<Exchanged>(url, "POST", "/v1/link/exchange", { body })));
}

/** Exactly one 201 with a session token; every other answer a clean 410 token_consumed. */
function assertExactlyOneWinner(answers: { status: number; body: Exchanged }[]): string {
  const statuses = answers.map((answer) => answer.status);
  assert.ok(!statuses.some((status) => status >= 500), `no 5xx expected, got ${statuses.join(",")}`);
  const winners = answers.filter((answer) => answer.status === 201);
  assert.equal(winners.length, 1, `exactly one exchange must win, got statuses ${statuses.join(",")}`);
  const losers = answers.filter((answer) => answer.status !== 201);
  assert.equal(losers.length, ATTEMPTS - 1);
  for (const loser of losers) {
    assert.equal(loser.status, 410);
    assert.equal(loser.body.code, "token_consumed");
  }
  const token = winners[0]?.body.sessionToken;
  assert.match(token ?? "", /^otl_st_/);
  return token as string;
}

describe("exchanging one secret many times at once, on an on-disk store behind a real port", () => {
  let server: RunningOtlServer;
  let store: SqliteStore;
  let company: Company;

  before(async () => {
    store = new SqliteStore({ dataDir: tempDataDir() });
    server = await startOtlServer({
      store,
      apiKey: API_KEY,
      hashKeys: [newHashKey()],
      port: 0,
      logger: false,
      // Two rounds of 49 losers from one address would trip the default limit of 60 failures.
      rateLimit: { maxFailures: 1000, windowSeconds: 60 },
    });
    company = (await call<Company>(server.url, "POST", "/v1/companies", { token: API_KEY, body: { name: "Acme Pty Ltd" } })).body;
  });
  after(() => server.close());

  const urls = () => Array.from({ length: ATTEMPTS }, () => server.url);

  it("lets exactly one of 50 concurrent exchanges of a link code open a session", async () => {
    const link = (
      await call<IssuedLink>(server.url, "POST", `/v1/companies/${company.id}/links`, { token: API_KEY, body: { type: "company" } })
    ).body;

    const token = assertExactlyOneWinner(await exchangeAll(urls(), { code: link.code, companyId: company.id }));

    const session = await call<FlowView>(server.url, "GET", "/v1/session", { token });
    assert.equal(session.status, 200);
    assert.equal(session.body.step, "consent");

    const links = await call<{ items: Link[] }>(server.url, "GET", `/v1/companies/${company.id}/links`, { token: API_KEY });
    assert.equal(links.body.items.find((item) => item.id === link.id)?.status, "consumed");

    const audit = await store.readAudit({ companyId: company.id });
    const count = (event: string) => audit.filter((entry) => entry.event === event && entry.linkId === link.id).length;
    assert.equal(count("link.redeemed"), 1, "one session");
    assert.equal(count("flow.started"), 1, "one flow");
    assert.equal(count("link.replayed"), ATTEMPTS - 1, "every loser is recorded as a replay");
  });

  it("lets exactly one of 50 concurrent exchanges of an access token open a session, on the company's one flow", async () => {
    const flowBefore = (await call<{ id: string }>(server.url, "GET", `/v1/companies/${company.id}/flow`, { token: API_KEY })).body;
    const issued = (
      await call<IssuedAccessToken>(server.url, "POST", `/v1/companies/${company.id}/access-tokens`, { token: API_KEY, body: {} })
    ).body;

    const answers = await exchangeAll(urls(), { accessToken: issued.accessToken });
    const token = assertExactlyOneWinner(answers);
    assert.equal(answers.find((answer) => answer.status === 201)?.body.flow.id, flowBefore.id, "the access token resumes the open flow");

    const session = await call<FlowView>(server.url, "GET", "/v1/session", { token });
    assert.equal(session.status, 200);

    const audit = await store.readAudit({ companyId: company.id });
    const redeemed = audit.filter((entry) => entry.event === "link.redeemed" && entry.detail?.kind === "access_token");
    assert.equal(redeemed.length, 1, "one session from the access token");
    assert.equal(audit.filter((entry) => entry.event === "flow.started").length, 1, "still one flow for the company");
  });

  it("puts concurrent exchanges of different access tokens of one new company on one flow", async () => {
    const fresh = (await call<Company>(server.url, "POST", "/v1/companies", { token: API_KEY, body: { name: "Fresh Co" } })).body;
    const tokens = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const answer = await call<IssuedAccessToken>(server.url, "POST", `/v1/companies/${fresh.id}/access-tokens`, {
          token: API_KEY,
          body: {},
        });
        return answer.body.accessToken;
      }),
    );

    const answers = await Promise.all(
      tokens.map((accessToken) => call<Exchanged>(server.url, "POST", "/v1/link/exchange", { body: { accessToken } })),
    );

    assert.deepEqual(
      answers.map((answer) => answer.status),
      tokens.map(() => 201),
    );
    assert.equal(new Set(answers.map((answer) => answer.body.flow.id)).size, 1, "every session is on the same flow");
    const audit = await store.readAudit({ companyId: fresh.id });
    assert.equal(audit.filter((entry) => entry.event === "flow.started").length, 1);
  });
});

describe("exchanging one secret at once through two server processes sharing one data directory", () => {
  const servers: CliServer[] = [];

  before(async () => {
    const dataDir = tempDataDir();
    // One after the other: the first start creates the database and the hash keys the second reuses.
    for (let i = 0; i < 2; i++) {
      servers.push(await startCli(["--port", "0", "--data-dir", dataDir, "--api-key", API_KEY], { OTL_LOG: "error" }));
    }
  });
  after(async () => {
    for (const server of servers) await server.stop();
  });

  it("lets exactly one of 50 exchanges split across both processes win", async () => {
    const [first, second] = servers as [CliServer, CliServer];
    const company = (await call<Company>(first.url, "POST", "/v1/companies", { token: API_KEY, body: { name: "Two Process Ltd" } })).body;
    const link = (
      await call<IssuedLink>(second.url, "POST", `/v1/companies/${company.id}/links`, { token: API_KEY, body: { type: "company" } })
    ).body;

    const urls = Array.from({ length: ATTEMPTS }, (_, i) => (i % 2 === 0 ? first.url : second.url));
    const token = assertExactlyOneWinner(await exchangeAll(urls, { code: link.code, companyId: company.id }));

    // The session works on either process.
    for (const server of servers) {
      assert.equal((await call<FlowView>(server.url, "GET", "/v1/session", { token })).status, 200);
    }
  });
});
