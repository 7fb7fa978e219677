import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { after, afterEach, before, beforeEach, describe, it } from "node:test";
import type { Company, IssuedLink, Problem } from "@otl/protocol";
import { type RunningOtlServer, startOtlServer } from "./node.ts";
import { MEMORY, SqliteStore } from "./store/sqlite.ts";
import { API_KEY, PUBLIC_URL, TestServer } from "./test/harness.ts";
import { newLinkCode } from "./tokens.ts";

const ATTACKER = "203.0.113.7";
const NEIGHBOUR = "198.51.100.23";

describe("failed attempts are rate-limited per client address", () => {
  let server: TestServer;
  let company: Company;
  beforeEach(async () => {
    server = new TestServer({
      rateLimit: { maxFailures: 3, windowSeconds: 60 },
      // A host behind its own reverse proxy reads the address that proxy set (and only a trusted proxy's).
      clientAddress: (c) => c.req.header("x-real-ip") ?? "unknown",
    });
    company = await server.company();
  });
  afterEach(() => server.close());

  const post = (path: string, from: string, body: Record<string, unknown>) =>
    server.request<Problem & { sessionToken?: string }>("POST", path, { body, headers: { "x-real-ip": from } });
  const exchange = (from: string, body: Record<string, unknown>) => post("/v1/link/exchange", from, body);
  const guess = (from: string) => exchange(from, { code: newLinkCode(), companyId: company.id });

  it("answers 429 rate_limited with Retry-After once an address has failed too often, without spending a valid code", async () => {
    const link = await server.link(company.id);
    for (let i = 0; i < 3; i++) assert.equal((await guess(ATTACKER)).status, 404);

    const limited = await exchange(ATTACKER, { code: link.code, companyId: company.id });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get("content-type"), "application/problem+json");
    assert.equal(limited.body.code, "rate_limited");
    assert.equal(limited.headers.get("retry-after"), "60");

    server.clock.advance(59_000);
    const stillLimited = await exchange(ATTACKER, { code: link.code, companyId: company.id });
    assert.equal(stillLimited.status, 429);
    assert.equal(stillLimited.headers.get("retry-after"), "1");

    // Once the window has passed, the same code still works: the refused attempts did not spend it.
    server.clock.advance(1_000);
    const opened = await exchange(ATTACKER, { code: link.code, companyId: company.id });
    assert.equal(opened.status, 201);
    assert.match(opened.body.sessionToken ?? "", /^otl_st_/);
  });

  it("answers a burst of parallel guesses with no more than the limit's worth of 404s", async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => guess(ATTACKER)));
    const statuses = answers.map((answer) => answer.status).sort();
    assert.deepEqual(statuses, [...Array(3).fill(404), ...Array(17).fill(429)]);
    assert.ok(answers.filter((answer) => answer.status === 429).every((answer) => Number(answer.headers.get("retry-after")) > 0));
  });

  it("leaves other addresses alone", async () => {
    for (let i = 0; i < 3; i++) await guess(ATTACKER);
    assert.equal((await guess(ATTACKER)).status, 429);

    const link = await server.link(company.id);
    assert.equal((await exchange(NEIGHBOUR, { code: link.code, companyId: company.id })).status, 201);
    assert.equal((await guess(ATTACKER)).status, 429);
  });

  it("never counts 410s of real, spent secrets: 100 replays, then a valid exchange from the same address → 201", async () => {
    const spent = await server.accessToken(company.id);
    assert.equal((await exchange(NEIGHBOUR, { accessToken: spent })).status, 201);
    for (let i = 0; i < 100; i++) {
      const replay = await exchange(NEIGHBOUR, { accessToken: spent });
      assert.equal(replay.status, 410, `replay ${i + 1}`);
      assert.equal(replay.body.code, "token_consumed");
    }
    const link = await server.link(company.id);
    assert.equal((await exchange(NEIGHBOUR, { code: link.code, companyId: company.id })).status, 201);
  });

  it("never counts successes or requests in flight: an office behind one address exchanges many links at once", async () => {
    const tokens = await Promise.all(Array.from({ length: 12 }, () => server.accessToken(company.id)));
    const answers = await Promise.all(tokens.map((accessToken) => exchange(NEIGHBOUR, { accessToken })));
    assert.deepEqual(
      answers.map((answer) => answer.status),
      Array(12).fill(201),
    );
    // Their guesses still count: three wrong codes, then the limit.
    for (let i = 0; i < 3; i++) assert.equal((await guess(NEIGHBOUR)).status, 404);
    assert.equal((await guess(NEIGHBOUR)).status, 429);
  });

  it("does not count malformed requests either (400 names the field; it guessed nothing)", async () => {
    for (let i = 0; i < 5; i++) {
      const bad = await exchange(ATTACKER, { code: 42, companyId: company.id });
      assert.equal(bad.status, 400);
    }
    assert.equal((await guess(ATTACKER)).status, 404);
  });

  it("limits failed inspects the same way", async () => {
    const link = await server.link(company.id);
    for (let i = 0; i < 3; i++) {
      assert.equal((await post("/v1/link/inspect", ATTACKER, { code: newLinkCode(), companyId: company.id })).status, 404);
    }
    const limited = await post("/v1/link/inspect", ATTACKER, { code: link.code, companyId: company.id });
    assert.equal(limited.status, 429);
    assert.equal(limited.body.code, "rate_limited");
    assert.ok(Number(limited.headers.get("retry-after")) > 0);
    assert.equal((await post("/v1/link/inspect", NEIGHBOUR, { code: link.code, companyId: company.id })).status, 200);

    server.clock.advance(60_000);
    assert.equal((await post("/v1/link/inspect", ATTACKER, { code: link.code, companyId: company.id })).status, 200);
  });
});

describe("CORS", () => {
  const SHOP = "https://shop.example.com";
  let server: TestServer;
  let link: IssuedLink;
  before(async () => {
    server = new TestServer({ allowedOrigins: [SHOP] });
    link = await server.link((await server.company()).id);
  });
  after(() => server.close());

  const preflight = (path: string, origin: string) =>
    server.request("OPTIONS", path, {
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" },
    });
  const allowedOrigin = (answer: { headers: Headers }) => answer.headers.get("access-control-allow-origin");

  for (const [label, origin] of [
    ["an allow-listed origin", SHOP],
    ["the server's own origin", new URL(PUBLIC_URL).origin],
  ] as const) {
    it(`lets ${label} call the browser API`, async () => {
      for (const path of ["/v1/link/exchange", "/v1/link/inspect", "/v1/session", "/v1/session/consent"]) {
        const answer = await preflight(path, origin);
        assert.equal(allowedOrigin(answer), origin, path);
        assert.match(answer.headers.get("access-control-allow-methods") ?? "", /POST/);
        assert.match(answer.headers.get("access-control-allow-headers") ?? "", /authorization/i);
        assert.match(answer.headers.get("access-control-allow-headers") ?? "", /content-type/i);
      }
      const inspected = await server.request("POST", "/v1/link/inspect", {
        body: { code: link.code, companyId: link.companyId },
        headers: { origin },
      });
      assert.equal(inspected.status, 200);
      assert.equal(allowedOrigin(inspected), origin);
      // The element's 2FA countdown runs on the server's clock, and the SDK reads how long to wait.
      assert.equal(inspected.headers.get("access-control-expose-headers"), "Date, Retry-After");
    });
  }

  it("gives any other origin no access-control-allow-origin", async () => {
    for (const origin of [
      "https://evil.example",
      "http://shop.example.com",
      "https://shop.example.com:8443",
      "https://shop.example.com.evil.example",
      "null",
    ]) {
      assert.equal(allowedOrigin(await preflight("/v1/link/exchange", origin)), null, origin);
      const inspected = await server.request("POST", "/v1/link/inspect", {
        body: { code: link.code, companyId: link.companyId },
        headers: { origin },
      });
      assert.equal(allowedOrigin(inspected), null, origin);
    }
  });

  it("puts the CORS headers and Vary: Origin on every browser API answer, problems included", async () => {
    const answers = [
      await server.request("POST", "/v1/link/inspect", { body: { code: link.code, companyId: link.companyId }, headers: { origin: SHOP } }),
      await server.request("POST", "/v1/link/exchange", { body: { accessToken: "otl_at_not-a-real-token" }, headers: { origin: SHOP } }),
      await server.request("POST", "/v1/link/exchange", { body: "{", headers: { origin: SHOP } }),
      await server.request("GET", "/v1/session", { headers: { origin: SHOP } }),
      await server.request("POST", "/v1/link/nowhere", { body: {}, headers: { origin: SHOP } }),
    ];
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [200, 400, 400, 401, 404],
    );
    for (const answer of answers) {
      assert.equal(allowedOrigin(answer), SHOP, String(answer.status));
      assert.match(answer.headers.get("vary") ?? "", /\bOrigin\b/i, String(answer.status));
    }
    const stranger = await server.request("POST", "/v1/link/inspect", {
      body: { code: link.code, companyId: link.companyId },
      headers: { origin: "https://evil.example" },
    });
    assert.equal(allowedOrigin(stranger), null);
    assert.match(stranger.headers.get("vary") ?? "", /\bOrigin\b/i);
  });

  it("sends no CORS headers at all from the admin API, whatever the origin", async () => {
    for (const origin of [SHOP, new URL(PUBLIC_URL).origin]) {
      const answers = [
        await preflight("/v1/companies", origin),
        await preflight(`/v1/companies/${link.companyId}/links`, origin),
        await server.request("POST", "/v1/companies", { body: { name: "Acme" }, token: API_KEY, headers: { origin } }),
        await server.request("GET", `/v1/companies/${link.companyId}/links`, { token: API_KEY, headers: { origin } }),
      ];
      for (const answer of answers) {
        assert.deepEqual(
          [...answer.headers.keys()].filter((name) => name.startsWith("access-control-")),
          [],
        );
      }
    }
  });
});

describe("link URLs come from the configured public URL, never from the request", () => {
  const SPOOFED = {
    host: "evil.example",
    "x-forwarded-host": "evil.example",
    "x-forwarded-proto": "http",
    forwarded: "host=evil.example;proto=http",
  };

  /** Issues a company link over a real socket, sending `headers` (Host included) as given. */
  function issueOverHttp(url: string, companyId: string, headers: Record<string, string>): Promise<IssuedLink> {
    const body = JSON.stringify({ type: "company" });
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        `${url}/v1/companies/${companyId}/links`,
        {
          method: "POST",
          headers: {
            ...headers,
            authorization: `Bearer ${API_KEY}`,
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
          },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
          res.on("end", () => (res.statusCode === 201 ? resolve(JSON.parse(text)) : reject(new Error(`${res.statusCode} ${text}`))));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  it("ignores Host and X-Forwarded-Host sent to the app", async () => {
    const server = new TestServer();
    try {
      const company = await server.company();
      const answer = await server.request<IssuedLink>("POST", `/v1/companies/${company.id}/links`, {
        body: { type: "company" },
        token: API_KEY,
        headers: SPOOFED,
      });
      assert.equal(answer.status, 201);
      assert.equal(answer.body.url, `${PUBLIC_URL}/company/${company.id}?link.otp=${answer.body.code}`);
    } finally {
      await server.close();
    }
  });

  describe("over a real socket", () => {
    const servers: RunningOtlServer[] = [];
    after(async () => {
      for (const server of servers) await server.close();
    });

    for (const [label, publicUrl] of [
      ["the configured public URL", "https://otl.example.test/consent"],
      ["the listening URL when none is configured", undefined],
    ] as const) {
      it(`builds links from ${label}`, async () => {
        const running = await startOtlServer({
          store: new SqliteStore({ dataDir: MEMORY }),
          apiKey: API_KEY,
          port: 0,
          logger: false,
          ...(publicUrl ? { publicUrl } : {}),
        });
        servers.push(running);
        const company = (await (
          await fetch(`${running.url}/v1/companies`, {
            method: "POST",
            headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
            body: JSON.stringify({ name: "Acme" }),
          })
        ).json()) as Company;

        const link = await issueOverHttp(running.url, company.id, SPOOFED);
        assert.equal(link.url, `${publicUrl ?? running.url}/company/${company.id}?link.otp=${link.code}`);
        assert.doesNotMatch(link.url, /evil/);
      });
    }
  });
});
