// Every browser-API answer is private to the client that asked: never stored by a browser or a proxy
// (Back after "All done" must not show a cached flow), and `Vary: Origin` exactly once.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import type { StartConnectionResult } from "@otl/protocol";
import { type Answer, TestServer } from "./test/harness.ts";

const ORIGIN = "https://host.example.test";

function assertPrivate(label: string, answer: Answer): void {
  assert.equal(answer.headers.get("cache-control"), "no-store", `${label}: Cache-Control`);
  const vary = (answer.headers.get("vary") ?? "").split(",").map((name) => name.trim().toLowerCase());
  assert.equal(vary.filter((name) => name === "origin").length, 1, `${label}: Vary is "${answer.headers.get("vary")}"`);
}

describe("browser-API answers are never cached", () => {
  const server = new TestServer({ allowedOrigins: [ORIGIN] });
  after(() => server.close());
  const headers = { origin: ORIGIN };

  it("on every route of the flow, success and problem alike, with and without an Origin", async () => {
    const company = await server.company();
    const link = await server.link(company.id);
    const secret = { code: link.code, companyId: company.id };
    const answers: Array<[string, Answer]> = [];
    const call = async (label: string, method: string, path: string, init: { body?: unknown; token?: string } = {}) => {
      const answer = await server.request(method, path, { ...init, headers });
      answers.push([label, answer]);
      answers.push([`${label} (no Origin)`, await server.request(method, path, { ...init })]);
      return answer;
    };
    await server.request("POST", "/v1/link/inspect", { body: secret, headers }).then((answer) => answers.push(["inspect", answer]));
    const exchange = await server.request<{ sessionToken: string }>("POST", "/v1/link/exchange", { body: secret, headers });
    answers.push(["exchange", exchange]);
    answers.push(["exchange again (410)", await server.request("POST", "/v1/link/exchange", { body: secret, headers })]);
    const token = exchange.body.sessionToken;
    await call("GET /v1/session", "GET", "/v1/session", { token });
    await call("GET /v1/session without a token (401)", "GET", "/v1/session");
    await call("verify out of order", "POST", "/v1/session/verify", { token, body: { code: "123456" } });
    await call("consent", "POST", "/v1/session/consent", { token, body: { accept: true } });
    await call("integrations", "GET", "/v1/session/integrations", { token });
    const started = await server.request<StartConnectionResult>("POST", "/v1/session/connections", {
      token,
      body: { integration: "sandbox-bank" },
      headers,
    });
    answers.push(["connections", started]);
    const id = started.body.connection.id;
    await call("bad credentials body (400)", "POST", `/v1/session/connections/${id}/credentials`, { token, body: { values: 1 } });
    await call("credentials", "POST", `/v1/session/connections/${id}/credentials`, {
      token,
      body: { values: { username: "user_good", password: "pass_good" } },
    });
    await call("finish", "POST", "/v1/session/finish", { token, body: { disclosedAll: true } });
    await call("GET /v1/session after done", "GET", "/v1/session", { token });
    await call("DELETE /v1/session", "DELETE", "/v1/session", { token });
    answers.push([
      "preflight",
      await server.request("OPTIONS", "/v1/link/exchange", {
        headers: { ...headers, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
      }),
    ]);
    assert.ok(answers.length >= 20);
    for (const [label, answer] of answers) assertPrivate(label, answer);
  });

  it("on the admin API too, whose answers carry link codes and access tokens", async () => {
    const company = await server.company("Admin Co");
    const answer = await server.admin("POST", `/v1/companies/${company.id}/access-tokens`, {});
    assert.equal(answer.status, 201);
    assertPrivate("access token", answer);
  });

  it("but not on public assets, which any page may cache", async () => {
    const answer = await server.request("GET", "/assets/otl-hosted.css");
    assert.notEqual(answer.headers.get("cache-control"), "no-store");
  });
});
