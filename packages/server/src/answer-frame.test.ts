// The answer frame (answer-frame.ts): one middleware gives every answer its request id, every /v1 answer
// its private headers and the browser API its CORS header; answers built apart from Hono keep what a
// middleware set on the request; and the app's routes fit Hono's fastest router.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { MAX_BODY_BYTES, type Problem } from "@otl/protocol";
import { CONSOLE_COOKIE } from "./console/session-cookie.ts";
import { type RunningOtlServer, startOtlServer } from "./node.ts";
import { MEMORY, SqliteStore } from "./store/sqlite.ts";
import { type Answer, API_KEY, TestServer } from "./test/harness.ts";

const ORIGIN = "https://host.example.test";

function assertFramed(label: string, answer: Answer | Response, origin: string | null): void {
  assert.match(answer.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/, `${label}: X-Request-Id`);
  assert.equal(answer.headers.get("cache-control"), "no-store", `${label}: Cache-Control`);
  assert.equal(answer.headers.get("vary"), "Origin", `${label}: Vary`);
  assert.equal(answer.headers.get("access-control-allow-origin"), origin, `${label}: Access-Control-Allow-Origin`);
}

describe("the answer frame", () => {
  const server = new TestServer({ allowedOrigins: [ORIGIN] });
  after(() => server.close());

  it("routes every request with Hono's RegExpRouter, not the slower TrieRouter it falls back to", async () => {
    // SmartRouter picks its router at the first request; a route RegExpRouter cannot take (a static
    // path beside a pattern one at the same depth) makes it fall back, for every route.
    await server.request("GET", "/healthz");
    assert.equal(server.app.router.name, "SmartRouter + RegExpRouter");
  });

  it("gives a success, a problem and an unknown route of the browser API the same headers, with the allowed origin", async () => {
    const company = await server.company();
    const link = await server.link(company.id);
    const headers = { origin: ORIGIN };
    const exchanged = await server.request("POST", "/v1/link/exchange", { body: { code: link.code, companyId: company.id }, headers });
    assert.equal(exchanged.status, 201);
    assertFramed("exchange", exchanged, ORIGIN);
    const spent = await server.request("POST", "/v1/link/exchange", { body: { code: link.code, companyId: company.id }, headers });
    assert.equal(spent.status, 410);
    assertFramed("exchange again", spent, ORIGIN);
    const unknown = await server.request("GET", "/v1/link/no-such-route", { headers });
    assert.equal(unknown.status, 404);
    assertFramed("unknown route", unknown, ORIGIN);
    const foreign = await server.request("POST", "/v1/session/consent", {
      body: { accept: true },
      headers: { origin: "https://evil.test" },
    });
    assert.equal(foreign.status, 401);
    assertFramed("another origin", foreign, null);
  });

  it("keeps a cookie a middleware set before the route answered: the console's, re-sealed on an admin call", async () => {
    const signedIn = await server.request("POST", "/console/session", { body: { apiKey: API_KEY } });
    const cookie = signedIn.headers
      .getSetCookie()
      .find((line) => line.startsWith(`${CONSOLE_COOKIE}=`))
      ?.split(";")[0];
    assert.ok(cookie);
    const companies = await server.request("GET", "/v1/companies", { headers: { cookie } });
    assert.equal(companies.status, 200);
    assert.ok(
      companies.headers.getSetCookie().some((line) => line.startsWith(`${CONSOLE_COOKIE}=`)),
      "the admin API's answer re-seals the console cookie",
    );
    assertFramed("admin call with the console cookie", companies, null);
  });
});

describe("the answer frame over a real socket", () => {
  let running: RunningOtlServer;
  const logged: string[] = [];
  before(async () => {
    running = await startOtlServer({
      store: new SqliteStore({ dataDir: MEMORY }),
      apiKey: API_KEY,
      port: 0,
      allowedOrigins: [ORIGIN],
      logger: { info: (line) => logged.push(line), error: (line) => logged.push(line) },
    });
  });
  after(() => running.close());

  const post = (body: RequestInit["body"]) =>
    fetch(`${running.url}/v1/link/exchange`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN },
      body,
      duplex: "half",
    } as RequestInit);

  it("refuses a body over 64 KiB, declared or streamed, with the headers of any other answer, and logs it", async () => {
    const declared = await post(JSON.stringify({ accessToken: "x".repeat(MAX_BODY_BYTES) }));
    const chunk = new TextEncoder().encode(" ".repeat(16 * 1024));
    let sent = 0;
    const streamed = await post(
      new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ >= 5) return controller.close();
          controller.enqueue(chunk);
        },
      }),
    );
    for (const [label, answer] of [
      ["declared", declared],
      ["streamed", streamed],
    ] as const) {
      assert.equal(answer.status, 400, label);
      assert.equal(answer.headers.get("content-type"), "application/problem+json", label);
      assert.match(((await answer.json()) as Problem).detail ?? "", /larger than 65536 bytes/, label);
      assertFramed(label, answer, ORIGIN);
    }
    assert.equal(logged.filter((line) => /^POST \/v1\/link\/exchange 400 [\d.]+ms$/.test(line)).length, 2, "each refusal is logged");
  });

  it("answers a JSON route with its headers written as they were built, Content-Length included", async () => {
    const answer = await fetch(`${running.url}/v1/companies`, { headers: { authorization: `Bearer ${API_KEY}` } });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get("content-type"), "application/json");
    const body = await answer.text();
    assert.equal(answer.headers.get("content-length"), String(Buffer.byteLength(body)));
    assertFramed("admin list", answer, null);
  });
});
