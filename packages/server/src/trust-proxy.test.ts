import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Company } from "@otl/protocol";
import { type RunningOtlServer, startOtlServer } from "./node.ts";
import { MEMORY, SqliteStore } from "./store/sqlite.ts";
import { call } from "./test/cli-process.ts";
import { API_KEY } from "./test/harness.ts";
import { newLinkCode } from "./tokens.ts";
import { clientAddressBehindProxies, parseTrustProxy, type TrustProxy } from "./trust-proxy.ts";

// Over real sockets: the peer address is the one Node's HTTP server reports (127.0.0.1 here), and the
// proxy's X-Forwarded-For is a header the test writes as a proxy would (appending the peer it saw).

const LIMIT = 3;

async function serve(trust: TrustProxy | undefined): Promise<{ server: RunningOtlServer; company: Company }> {
  const server = await startOtlServer({
    store: new SqliteStore({ dataDir: MEMORY }),
    apiKey: API_KEY,
    port: 0,
    logger: false,
    rateLimit: { maxFailures: LIMIT, windowSeconds: 60 },
    ...(trust ? { clientAddress: clientAddressBehindProxies(trust) } : {}),
  });
  const company = (await call<Company>(server.url, "POST", "/v1/companies", { token: API_KEY, body: { name: "Acme" } })).body;
  return { server, company };
}

const guess = (server: RunningOtlServer, company: Company, forwardedFor?: string) =>
  call(server.url, "POST", "/v1/link/exchange", {
    body: { code: newLinkCode(), companyId: company.id },
    headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor },
  }).then((answer) => answer.status);

async function guesses(server: RunningOtlServer, company: Company, forwardedFor: string | undefined, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) statuses.push(await guess(server, company, forwardedFor));
  return statuses;
}

describe("the client address behind proxies (--trust-proxy)", () => {
  const running: RunningOtlServer[] = [];
  after(async () => {
    for (const server of running) await server.close();
  });

  it("without it, ignores X-Forwarded-For: a guesser cannot dodge the limit by writing a new address each time", async () => {
    const { server, company } = await serve(undefined);
    running.push(server);
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) statuses.push(await guess(server, company, `198.51.100.${i + 1}`));
    assert.deepEqual(statuses, [404, 404, 404, 429, 429]);
  });

  const trusts: [string, TrustProxy][] = [
    ["one trusted hop", { hops: 1 }],
    ["the proxy's address", { proxies: ["127.0.0.1"] }],
    ["a CIDR range holding the proxy", { proxies: ["10.0.0.0/8", "127.0.0.0/8"] }],
  ];
  for (const [label, trust] of trusts) {
    describe(`through ${label}`, () => {
      let server: RunningOtlServer;
      let company: Company;
      before(async () => {
        ({ server, company } = await serve(trust));
        running.push(server);
      });

      it("keys guesses per forwarded client: one client is limited, the next one behind the same proxy is not", async () => {
        assert.deepEqual(await guesses(server, company, "203.0.113.7", LIMIT + 1), [404, 404, 404, 429]);
        assert.deepEqual(await guesses(server, company, "203.0.113.8", 1), [404]);
      });

      it("believes only the entry the trusted proxy appended, not what the client wrote before it", async () => {
        // The client sends its own X-Forwarded-For with a fresh address each time; the proxy appends the real one.
        const statuses: number[] = [];
        for (let i = 0; i < LIMIT + 1; i++) statuses.push(await guess(server, company, `192.0.2.${i + 1}, 203.0.113.9`));
        assert.deepEqual(statuses, [404, 404, 404, 429]);
      });
    });
  }

  it("through a proxy it does not trust, keys on the proxy itself", async () => {
    const { server, company } = await serve({ proxies: ["10.0.0.1"] });
    running.push(server);
    assert.deepEqual(await guesses(server, company, "203.0.113.10", LIMIT), [404, 404, 404]);
    assert.equal(await guess(server, company, "203.0.113.11"), 429, "every client behind the untrusted peer shares its address");
  });
});

describe("parseTrustProxy", () => {
  it("reads a hop count or a comma list of addresses and ranges", () => {
    assert.deepEqual(parseTrustProxy("2"), { hops: 2 });
    assert.deepEqual(parseTrustProxy(" 10.0.0.0/8, 192.168.1.5 ,::1 "), { proxies: ["10.0.0.0/8", "192.168.1.5", "::1"] });
    assert.deepEqual(parseTrustProxy("loopback"), { proxies: ["loopback"] });
  });

  it("refuses what is neither, naming the flag and the bad part", () => {
    assert.throws(() => parseTrustProxy("0"), /--trust-proxy hop count must be from 1 to 32/);
    assert.throws(() => parseTrustProxy("10.0.0.0/33"), /--trust-proxy: .*10\.0\.0\.0\/33/);
    assert.throws(() => parseTrustProxy("proxy.example"), /--trust-proxy: .*proxy\.example/);
    assert.throws(() => parseTrustProxy(" , "), /--trust-proxy must be a hop count/);
  });
});
