import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import type { Company, IssuedLink, Problem } from "@otl/protocol";
import { API_KEY, PUBLIC_URL, TestServer } from "../test/harness.ts";
import { CONSOLE_COOKIE, CONSOLE_IDLE_SECONDS, CSRF_HEADER } from "./session-cookie.ts";

type SessionAnswer = { csrfToken: string; idleExpiresAt: string };

/** The `name=value` pair a Set-Cookie header sets for the console cookie, or undefined. */
function consoleCookie(headers: Headers): { pair: string; attributes: string } | undefined {
  const line = headers.getSetCookie().find((cookie) => cookie.startsWith(`${CONSOLE_COOKIE}=`));
  if (!line) return undefined;
  const [pair = "", ...rest] = line.split(";");
  return { pair: pair.trim(), attributes: rest.join(";") };
}

describe("admin console session", () => {
  let server: TestServer;
  beforeEach(() => {
    server = new TestServer();
  });
  afterEach(() => server.close());

  /** Signs in as the console page would, and returns the cookie to send back and the CSRF token. */
  async function signIn(): Promise<{ cookie: string; csrf: string }> {
    const answer = await server.request<SessionAnswer>("POST", "/console/session", { body: { apiKey: API_KEY } });
    assert.equal(answer.status, 201);
    const cookie = consoleCookie(answer.headers);
    assert.ok(cookie, "sign-in sets the console cookie");
    return { cookie: cookie.pair, csrf: answer.body.csrfToken };
  }

  it("exchanges the API key for an HttpOnly, Secure, SameSite=Strict cookie that holds no key, and a CSRF token", async () => {
    const answer = await server.request<SessionAnswer>("POST", "/console/session", { body: { apiKey: API_KEY } });
    assert.equal(answer.status, 201);
    assert.equal(answer.headers.get("cache-control"), "no-store");
    assert.match(answer.body.csrfToken, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(Date.parse(answer.body.idleExpiresAt) - server.clock.now(), CONSOLE_IDLE_SECONDS * 1000);
    const cookie = consoleCookie(answer.headers);
    assert.ok(cookie);
    assert.match(cookie.attributes, /HttpOnly/i);
    assert.match(cookie.attributes, /Secure/i);
    assert.match(cookie.attributes, /SameSite=Strict/i);
    assert.match(cookie.attributes, /Path=\//);
    assert.doesNotMatch(cookie.attributes, /Domain=/i);
    // Sealed: neither the key nor the CSRF token can be read out of it.
    const value = decodeURIComponent(cookie.pair.slice(CONSOLE_COOKIE.length + 1));
    assert.ok(!value.includes(API_KEY) && !value.includes(answer.body.csrfToken));
    assert.ok(
      !Buffer.from(value.split(".").at(-1) ?? "", "base64url")
        .toString("latin1")
        .includes("otl_sk"),
    );
  });

  it("lets the cookie read the admin API, and a change through only with the session's CSRF token", async () => {
    const { cookie, csrf } = await signIn();
    const created = await server.request<Company>("POST", "/v1/companies", {
      body: { name: "Console Co" },
      headers: { cookie, [CSRF_HEADER]: csrf, origin: new URL(PUBLIC_URL).origin },
    });
    assert.equal(created.status, 201);
    const read = await server.request<Company>("GET", `/v1/companies/${created.body.id}`, { headers: { cookie } });
    assert.equal(read.status, 200);
    assert.equal(read.body.name, "Console Co");

    const issued = await server.request<IssuedLink>("POST", `/v1/companies/${created.body.id}/links`, {
      body: { type: "company" },
      headers: { cookie, [CSRF_HEADER]: csrf },
    });
    assert.equal(issued.status, 201);
    const revoked = await server.request<{ status: string }>("DELETE", `/v1/links/${issued.body.id}`, {
      headers: { cookie, [CSRF_HEADER]: csrf },
    });
    assert.equal(revoked.status, 200);
    assert.equal(revoked.body.status, "revoked");
  });

  it("refuses a change with the cookie but no CSRF token, a wrong one, or from another origin, and changes nothing", async () => {
    const company = await server.company();
    const link = await server.link(company.id);
    const { cookie, csrf } = await signIn();
    const other = await signIn();
    assert.notEqual(other.csrf, csrf, "each session has a token of its own");
    const attempts: Record<string, string>[] = [
      { cookie },
      { cookie, [CSRF_HEADER]: `${csrf.slice(0, -1)}${csrf.endsWith("A") ? "B" : "A"}` },
      { cookie, [CSRF_HEADER]: other.csrf },
      { cookie, [CSRF_HEADER]: csrf, origin: "https://attacker.example" },
    ];
    for (const headers of attempts) {
      const answer = await server.request<Problem>("DELETE", `/v1/links/${link.id}`, { headers });
      assert.equal(answer.status, 401, JSON.stringify(headers));
      assert.equal(answer.body.code, "unauthorized");
      assert.match(answer.headers.get("content-type") ?? "", /problem\+json/);
    }
    const links = await server.admin<{ items: { id: string; status: string }[] }>("GET", `/v1/companies/${company.id}/links`);
    assert.deepEqual(
      links.body.items.map(({ id, status }) => ({ id, status })),
      [{ id: link.id, status: "active" }],
    );
  });

  it("refuses a wrong key with the same words whatever it was, and sets no cookie", async () => {
    const details = new Set<string>();
    for (const apiKey of ["nope", `${API_KEY}x`, API_KEY.slice(0, -1), API_KEY.toUpperCase()]) {
      const answer = await server.request<Problem>("POST", "/console/session", { body: { apiKey } });
      assert.equal(answer.status, 401);
      assert.equal(consoleCookie(answer.headers), undefined);
      details.add(JSON.stringify(answer.body));
    }
    assert.deepEqual(
      [...details],
      [
        JSON.stringify({
          type: JSON.parse([...details][0] as string).type,
          title: "Missing or wrong credentials",
          status: 401,
          code: "unauthorized",
          detail: "Sign-in failed",
        }),
      ],
    );
  });

  it("names the field of a malformed sign-in, and refuses a body far larger than a key", async () => {
    const missing = await server.request<Problem>("POST", "/console/session", { body: {} });
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.body.errors, [{ field: "apiKey", message: "is required" }]);
    const huge = await server.request<Problem>("POST", "/console/session", { body: { apiKey: "k".repeat(10_000) } });
    assert.ok(huge.status === 400 || huge.status === 413, String(huge.status));
  });

  it("rate-limits failed sign-ins per client address", async () => {
    const limited = new TestServer({ rateLimit: { maxFailures: 3, windowSeconds: 60 } });
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        assert.equal((await limited.request("POST", "/console/session", { body: { apiKey: "guess" } })).status, 401);
      }
      const refused = await limited.request<Problem>("POST", "/console/session", { body: { apiKey: API_KEY } });
      assert.equal(refused.status, 429);
      assert.equal(refused.body.code, "rate_limited");
      assert.ok(Number(refused.headers.get("retry-after")) > 0);
    } finally {
      await limited.close();
    }
  });

  it("ends after 15 idle minutes, while each request restarts the idle clock", async () => {
    let { cookie } = await signIn();
    for (let step = 0; step < 3; step++) {
      server.clock.advance((CONSOLE_IDLE_SECONDS - 60) * 1000);
      const resumed = await server.request<SessionAnswer>("GET", "/console/session", { headers: { cookie } });
      assert.equal(resumed.status, 200, `still alive after ${step + 1} active stretches`);
      cookie = consoleCookie(resumed.headers)?.pair ?? assert.fail("a resumed session re-seals its cookie");
    }
    server.clock.advance(CONSOLE_IDLE_SECONDS * 1000 + 1);
    const expired = await server.request<Problem>("GET", "/console/session", { headers: { cookie } });
    assert.equal(expired.status, 401);
    const api = await server.request<Problem>("GET", "/v1/companies/co_00000000000000000000", { headers: { cookie } });
    assert.equal(api.status, 401);
  });

  it("signs out: the cookie is cleared, and sign-out itself needs the CSRF token", async () => {
    const { cookie, csrf } = await signIn();
    assert.equal((await server.request("DELETE", "/console/session", { headers: { cookie } })).status, 401);
    const out = await server.request("DELETE", "/console/session", { headers: { cookie, [CSRF_HEADER]: csrf } });
    assert.equal(out.status, 204);
    const cleared = consoleCookie(out.headers);
    assert.ok(cleared);
    assert.match(cleared.attributes, /Max-Age=0/i);
    assert.equal(cleared.pair, `${CONSOLE_COOKIE}=`);
  });

  it("refuses a tampered cookie, and one sealed by a server with other hash keys", async () => {
    const { cookie } = await signIn();
    const tampered = cookie.slice(0, -2) + (cookie.endsWith("AA") ? "BB" : "AA");
    assert.equal((await server.request("GET", "/console/session", { headers: { cookie: tampered } })).status, 401);
    const stranger = new TestServer();
    try {
      assert.equal((await stranger.request("GET", "/console/session", { headers: { cookie } })).status, 401);
    } finally {
      await stranger.close();
    }
  });

  it("ends every console session when the API key changes", async () => {
    const hashKeys = server.hashKeys;
    const { cookie } = await signIn();
    const rekeyed = new TestServer({ hashKeys, apiKey: "otl_sk_a-new-key-0123456789abcdef" });
    try {
      assert.equal((await rekeyed.request("GET", "/console/session", { headers: { cookie } })).status, 401);
      // The same keys and API key: the cookie is good on any server process that shares them.
      const sibling = new TestServer({ hashKeys });
      try {
        assert.equal((await sibling.request("GET", "/console/session", { headers: { cookie } })).status, 200);
      } finally {
        await sibling.close();
      }
    } finally {
      await rekeyed.close();
    }
  });

  it("a bearer call is judged by its key alone: a console cookie does not rescue a wrong key", async () => {
    const { cookie, csrf } = await signIn();
    const answer = await server.request<Problem>("POST", "/v1/companies", {
      body: { name: "X" },
      token: "wrong",
      headers: { cookie, [CSRF_HEADER]: csrf },
    });
    assert.equal(answer.status, 401);
  });

  it("serves /console with a strict CSP: this origin only, no inline script or style, never framed", async () => {
    const page = await server.request<string>("GET", "/console");
    const csp = page.headers.get("content-security-policy") ?? "";
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/);
    assert.equal(page.headers.get("cache-control"), "no-store");
    assert.equal(page.headers.get("x-frame-options"), "DENY");
    assert.doesNotMatch(page.body, /<script>|<style|style=/);
  });
});
