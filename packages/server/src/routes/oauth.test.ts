import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, describe, it } from "node:test";
import type { FlowView, Problem, StartConnectionResult } from "@otl/protocol";
import { authorizeUrl, exchangeCode } from "../integrations/oauth-client.ts";
import { type SandboxOAuthBank, startSandboxOAuthBank } from "../integrations/sandbox/oauth-bank.ts";
import { SANDBOX_INTEGRATIONS } from "../integrations/sandbox.ts";
import { PUBLIC_URL, TestServer } from "../test/harness.ts";

const APP_ORIGIN = "https://app.example.test";
const CALLBACK = `${PUBLIC_URL}/v1/oauth/callback`;

/** Follows one redirect by hand: the Location of a 302 (or 303). */
async function location(url: string): Promise<string> {
  const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5000) });
  await response.body?.cancel();
  assert.ok([302, 303].includes(response.status), `${url} answered ${response.status}`);
  return response.headers.get("location") as string;
}

/** The customer at the Sandbox OAuth Bank: the consent page, then Approve or Deny; the callback URL the bank sends them to. */
async function atTheBank(authorize: string, choice: "approve" | "deny"): Promise<URL> {
  const page = await fetch(authorize, { signal: AbortSignal.timeout(5000) });
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /Sandbox OAuth Bank/);
  assert.match(html, /Approve/);
  assert.match(html, /Deny/);
  const action = new URL(`/authorize/${choice}`, authorize);
  action.search = new URL(authorize).search;
  return new URL(await location(action.href));
}

describe("OAuth redirect connections (Sandbox OAuth Bank)", () => {
  let bank: SandboxOAuthBank;
  let server: TestServer;
  let token: string;
  before(async () => {
    bank = await startSandboxOAuthBank();
  });
  after(() => bank.stop());
  beforeEach(async () => {
    server = new TestServer({ integrations: [...SANDBOX_INTEGRATIONS, bank.integration], allowedOrigins: [APP_ORIGIN] });
    const company = await server.company("Acme Pty Ltd");
    token = (await server.open(await server.link(company.id))).token;
    assert.equal((await server.session(token, "POST", "/consent", { accept: true })).status, 200);
  });
  afterEach(() => server.close());

  async function start(returnTo?: string) {
    const body = returnTo === undefined ? { integration: "sandbox-oauth-bank" } : { integration: "sandbox-oauth-bank", returnTo };
    return server.session<StartConnectionResult & Problem>(token, "POST", "/connections", body);
  }

  async function authorizeUrlOf(returnTo?: string): Promise<string> {
    const started = await start(returnTo);
    assert.equal(started.status, 200, JSON.stringify(started.body));
    assert.equal(started.body.next.kind, "redirect");
    const url = started.body.next.kind === "redirect" ? started.body.next.url : null;
    assert.ok(url);
    return url;
  }

  const callback = (url: URL) => server.request<Problem>("GET", `/v1/oauth/callback${url.search}`);

  it("builds an authorize URL with a one-time state, PKCE S256 and the callback as redirect URI", async () => {
    const url = new URL(await authorizeUrlOf());
    assert.equal(url.origin + url.pathname, `${bank.issuer}/authorize`);
    assert.equal(url.searchParams.get("response_type"), "code");
    assert.equal(url.searchParams.get("client_id"), "otlsandbox");
    assert.equal(url.searchParams.get("redirect_uri"), CALLBACK);
    assert.equal(url.searchParams.get("code_challenge_method"), "S256");
    assert.match(url.searchParams.get("code_challenge") ?? "", /^[A-Za-z0-9_-]{43}$/);
    assert.match(url.searchParams.get("state") ?? "", /^[A-Za-z0-9_-]{43}$/);
    const again = new URL(await authorizeUrlOf());
    assert.notEqual(again.searchParams.get("state"), url.searchParams.get("state"), "each start issues a new state");
    const read = await server.session(token, "GET");
    assert.deepEqual(read.body.connecting?.next, { kind: "redirect", url: null }, "a later read carries no authorize URL");
  });

  it("approve: exchanges the code, links the connection and sends the browser back to review", async () => {
    const back = await atTheBank(await authorizeUrlOf(`${APP_ORIGIN}/connect?step=bank#top`), "approve");
    assert.equal(back.origin + back.pathname, CALLBACK);
    assert.ok(back.searchParams.get("code"));
    const answer = await callback(back);
    assert.equal(answer.status, 302);
    assert.equal(answer.headers.get("location"), `${APP_ORIGIN}/connect?step=bank`);
    assert.equal(answer.headers.get("referrer-policy"), "no-referrer");
    const flow = await server.session<FlowView>(token, "GET");
    assert.equal(flow.body.step, "review");
    assert.deepEqual(
      flow.body.connections.map(({ integration, status }) => ({ integration, status })),
      [{ integration: "sandbox-oauth-bank", status: "linked" }],
    );
  });

  it("deny: the connection fails with a message the customer can read, and the flow stays at connect", async () => {
    const back = await atTheBank(await authorizeUrlOf(), "deny");
    assert.equal(back.searchParams.get("error"), "access_denied");
    const answer = await callback(back);
    assert.equal(answer.status, 302);
    assert.match(
      answer.headers.get("location") ?? "",
      /^https:\/\/otl\.example\.test\/company\/co_/,
      "by default, back to the hosted page",
    );
    const flow = await server.session<FlowView>(token, "GET");
    assert.equal(flow.body.step, "connect");
    assert.equal(flow.body.connecting?.connection.status, "failed");
    assert.match(flow.body.connecting?.connection.message ?? "", /You did not allow Sandbox OAuth Bank/);
  });

  it("refuses a replayed state without spending the code again", async () => {
    const back = await atTheBank(await authorizeUrlOf(), "approve");
    assert.equal((await callback(back)).status, 302);
    const replay = await callback(back);
    assert.equal(replay.status, 410);
    assert.equal(replay.body.code, "token_consumed");
    assert.equal(replay.headers.get("location"), null);
    const linked = (await server.store.readAudit()).filter((entry) => entry.event === "connection.linked");
    assert.equal(linked.length, 1);
  });

  it("sends a browser that approves twice (Back at the bank) back to its page, spending nothing; a forged state gets the not-valid page", async () => {
    const back = await atTheBank(await authorizeUrlOf(), "approve");
    const browser = { accept: "text/html,application/xhtml+xml,*/*;q=0.8" };
    const first = await server.request("GET", `/v1/oauth/callback${back.search}`, { headers: browser });
    assert.equal(first.status, 302);
    const again = await server.request("GET", `/v1/oauth/callback${back.search}`, { headers: browser });
    assert.equal(again.status, 302, "not a JSON page in the customer's tab");
    assert.equal(again.headers.get("location"), first.headers.get("location"));
    assert.equal(again.headers.get("referrer-policy"), "no-referrer");
    const linked = (await server.store.readAudit()).filter((entry) => entry.event === "connection.linked");
    assert.equal(linked.length, 1, "the replay exchanged nothing");
    assert.equal((await server.session<FlowView>(token, "GET")).body.step, "review");

    back.searchParams.set("state", "forged-state-forged-state-forged-state-0000");
    const forged = await server.request<string>("GET", `/v1/oauth/callback${back.search}`, { headers: browser });
    assert.equal(forged.status, 400);
    assert.match(forged.headers.get("content-type") ?? "", /^text\/html/);
    assert.equal(forged.headers.get("location"), null);
    assert.match(forged.body, /<h1>This link is not valid/);
  });

  it("refuses a forged or missing state, naming the field, and redirects nowhere", async () => {
    const back = await atTheBank(await authorizeUrlOf(), "approve");
    back.searchParams.set("state", "forged-state-forged-state-forged-state-0000");
    const forged = await callback(back);
    assert.equal(forged.status, 400);
    assert.equal(forged.body.code, "validation_failed");
    assert.equal(forged.body.errors?.[0]?.field, "state");
    back.searchParams.delete("state");
    const missing = await callback(back);
    assert.equal(missing.status, 400);
    assert.equal(missing.body.errors?.[0]?.field, "state");
    assert.equal((await server.session<FlowView>(token, "GET")).body.step, "connect");
  });

  it("refuses a state past its 15 minutes", async () => {
    const back = await atTheBank(await authorizeUrlOf(), "approve");
    server.clock.advance(15 * 60 * 1000);
    const answer = await callback(back);
    assert.equal(answer.status, 410);
    assert.equal(answer.body.code, "token_expired");
  });

  it("refuses to return to a foreign origin, naming returnTo", async () => {
    for (const returnTo of ["https://evil.example/steal", "javascript:alert(1)", `${APP_ORIGIN}.evil.example/`]) {
      const answer = await start(returnTo);
      assert.equal(answer.status, 400, returnTo);
      assert.equal(answer.body.code, "validation_failed");
      assert.equal(answer.body.errors?.[0]?.field, "returnTo");
    }
    assert.equal((await start(`${PUBLIC_URL}/company/x`)).status, 200, "the server's own origin is allowed");
  });
});

describe("a redirect integration whose host code throws", () => {
  it("still settles the connection, as failed with a message, and sends the browser back", async () => {
    const bank = await startSandboxOAuthBank();
    const failing = {
      ...bank.integration,
      async linked(): Promise<never> {
        throw new Error("the host's token vault is down");
      },
    };
    const server = new TestServer({ integrations: [failing] });
    try {
      const company = await server.company("Acme Pty Ltd");
      const token = (await server.open(await server.link(company.id))).token;
      await server.session(token, "POST", "/consent", { accept: true });
      const started = await server.session<StartConnectionResult>(token, "POST", "/connections", { integration: "sandbox-oauth-bank" });
      const back = await atTheBank((started.body.next.kind === "redirect" && started.body.next.url) || "", "approve");
      assert.equal((await server.request("GET", `/v1/oauth/callback${back.search}`)).status, 302);
      const flow = await server.session<FlowView>(token, "GET");
      assert.equal(flow.body.connecting?.connection.status, "failed");
      assert.match(flow.body.connecting?.connection.message ?? "", /could not finish connecting/);
    } finally {
      await server.close();
      await bank.stop();
    }
  });
});

describe("the OAuth client against the Sandbox OAuth Bank", () => {
  let bank: SandboxOAuthBank;
  before(async () => {
    bank = await startSandboxOAuthBank();
  });
  after(() => bank.stop());

  const VERIFIER = "a".repeat(43);

  it("refuses a mismatched PKCE verifier, and a code is good only once", async () => {
    const settings = bank.integration.oauth;
    const wrong = await atTheBank(await authorizeUrl(settings, CALLBACK, "s1", VERIFIER), "approve");
    const refused = await exchangeCode(settings, wrong.searchParams, CALLBACK, "b".repeat(43));
    assert.equal(refused.ok, false);
    const back = await atTheBank(await authorizeUrl(settings, CALLBACK, "s2", VERIFIER), "approve");
    const first = await exchangeCode(settings, back.searchParams, CALLBACK, VERIFIER);
    assert.equal(first.ok, true);
    assert.ok(first.ok && first.tokens.accessToken);
    const second = await exchangeCode(settings, back.searchParams, CALLBACK, VERIFIER);
    assert.equal(second.ok, false, "the same code is refused the second time");
  });
});
