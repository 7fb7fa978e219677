import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { FlowView, Integration, StartConnectionResult } from "@otl/protocol";
import { PUBLIC_URL, TestServer } from "../test/harness.ts";
import { accountingLogin, bankOAuth, STATEMENTS } from "./host-examples.ts";
import { type SandboxOAuthBank, startSandboxOAuthBank } from "./sandbox/oauth-bank.ts";

describe("the host-written integrations of README.md", () => {
  let bank: SandboxOAuthBank;
  let server: TestServer;
  const kept: string[] = [];
  before(async () => {
    bank = await startSandboxOAuthBank();
    const { issuer, authorizationEndpoint, tokenEndpoint, clientId, clientSecret } = bank.integration.oauth;
    server = new TestServer({
      integrations: [
        accountingLogin(async (user, password) => user === "ada@example.test" && password === "right"),
        bankOAuth({ issuer, authorizationEndpoint, tokenEndpoint }, { clientId, clientSecret: clientSecret as string }, async (token) => {
          kept.push(token);
        }),
        STATEMENTS,
      ],
    });
  });
  after(async () => {
    await server.close();
    await bank.stop();
  });

  async function session(): Promise<string> {
    const company = await server.company();
    const token = (await server.open(await server.link(company.id))).token;
    await server.session(token, "POST", "/consent", { accept: true });
    return token;
  }

  it("offers one of each kind, and upload's next step says what it takes", async () => {
    const token = await session();
    const list = await server.session<{ items: Integration[] }>(token, "GET", "/integrations");
    assert.deepEqual(
      list.body.items.map(({ key, kind }) => [key, kind]),
      [
        ["acme-books", "credentials"],
        ["harbour-bank", "redirect"],
        ["statements", "upload"],
      ],
    );
    const upload = await server.session<StartConnectionResult>(token, "POST", "/connections", { integration: "statements" });
    assert.deepEqual(upload.body.next, { kind: "upload", accept: ["application/pdf", "text/csv"], maxBytes: 10 * 1024 * 1024 });
  });

  it("the credentials one refuses a wrong password with its own words, and links with the right one", async () => {
    const token = await session();
    const started = await server.session<StartConnectionResult>(token, "POST", "/connections", { integration: "acme-books" });
    const path = `/connections/${started.body.connection.id}/credentials`;
    const wrong = await server.session<FlowView>(token, "POST", path, { values: { email: "ada@example.test", password: "wrong" } });
    assert.equal(wrong.body.connecting?.connection.message, "Acme Books did not accept that email and password.");
    const right = await server.session<FlowView>(token, "POST", path, { values: { email: "ada@example.test", password: "right" } });
    assert.equal(right.body.step, "review");
  });

  it("the redirect one links through a real OAuth server and hands the host its tokens once", async () => {
    const token = await session();
    const started = await server.session<StartConnectionResult>(token, "POST", "/connections", { integration: "harbour-bank" });
    const authorize = new URL(started.body.next.kind === "redirect" ? (started.body.next.url ?? "") : "");
    const approve = new URL("/authorize/approve", authorize);
    approve.search = authorize.search;
    const atBank = await fetch(approve, { redirect: "manual", signal: AbortSignal.timeout(5000) });
    const back = new URL(atBank.headers.get("location") ?? "");
    assert.equal(back.origin, new URL(PUBLIC_URL).origin);
    const answer = await server.request("GET", `/v1/oauth/callback${back.search}`);
    assert.equal(answer.status, 302);
    assert.equal(kept.length, 1);
    assert.equal((await server.session<FlowView>(token, "GET")).body.step, "review");
  });
});
