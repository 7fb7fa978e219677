import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, before, describe, it } from "node:test";
import { MAX_BODY_BYTES, type Problem, type StartConnectionResult } from "@otl/protocol";
import { type RunningOtlServer, startOtlServer } from "./node.ts";
import { MEMORY, SqliteStore } from "./store/sqlite.ts";
import { type Answer, API_KEY, TestServer, tempDataDir } from "./test/harness.ts";
import { newSessionToken } from "./tokens.ts";

/**
 * Every row of every table in the store's file, read beside the server through a second connection.
 * Rate-limit counters are left out: failed attempts are counted there on purpose.
 */
function rows(dataDir: string): Record<string, unknown[]> {
  const db = new DatabaseSync(join(dataDir, "otl.sqlite"), { readOnly: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('rate_limits', 'schema_migrations') ORDER BY name",
      )
      .all() as { name: string }[];
    return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]));
  } finally {
    db.close();
  }
}

/** A 400 validation_failed problem+json whose errors name `field`, with a message matching `message`. */
function assertValidationFailed(answer: Answer<Problem>, field: string, message?: RegExp): void {
  assert.equal(answer.status, 400, JSON.stringify(answer.body));
  assert.equal(answer.headers.get("content-type"), "application/problem+json");
  assert.equal(answer.body.code, "validation_failed");
  assert.equal(answer.body.status, 400);
  const named = (answer.body.errors ?? []).filter((error) => error.field === field);
  assert.ok(named.length > 0, `errors should name "${field}": ${JSON.stringify(answer.body.errors)}`);
  if (message)
    assert.ok(
      named.some((error) => message.test(error.message)),
      `"${field}" error should say ${message}: ${JSON.stringify(named)}`,
    );
}

/** JSON text of exactly `bytes` bytes: `value`, padded with trailing whitespace (which JSON allows). */
function jsonOfSize(value: unknown, bytes: number): string {
  const text = JSON.stringify(value);
  return text + " ".repeat(bytes - Buffer.byteLength(text));
}

type Step = "consent" | "select" | "connect" | "review";

/** Opens a session for a new company and walks it to `step`; answers the token and the connection being connected. */
async function sessionAt(server: TestServer, step: Step): Promise<{ token: string; connectionId: string }> {
  const company = await server.company(`Company at ${step}`);
  const { token } = await server.open(await server.link(company.id));
  let connectionId = "";
  if (step !== "consent") await server.session(token, "POST", "/consent", { accept: true });
  if (step === "connect" || step === "review") {
    connectionId = (await server.session<StartConnectionResult>(token, "POST", "/connections", { integration: "sandbox-bank" })).body
      .connection.id;
  }
  if (step === "review") {
    await server.session(token, "POST", `/connections/${connectionId}/credentials`, {
      values: { username: "user_good", password: "pass_good" },
    });
  }
  const view = await server.session(token, "GET");
  assert.equal(view.body.step, step);
  return { token, connectionId };
}

/** A POST endpoint, set up so that its valid body would succeed (and write). */
interface Endpoint {
  name: string;
  setup(server: TestServer): Promise<{ path: string; token: string; valid: Record<string, unknown> }>;
  /** Bodies with a value of the wrong type, and the field each must be refused for. */
  wrongTypes: { body: (valid: Record<string, unknown>) => Record<string, unknown>; field: string }[];
  /** The status the valid body gets. */
  okStatus: number;
}

const ENDPOINTS: Endpoint[] = [
  {
    name: "POST /v1/companies",
    setup: async () => ({
      path: "/v1/companies",
      token: API_KEY,
      valid: { name: "Acme Pty Ltd", contact: { email: "finance@acme.example" } },
    }),
    wrongTypes: [
      { body: () => ({ name: 42 }), field: "name" },
      { body: () => ({ name: "Acme", contact: "finance@acme.example" }), field: "contact" },
      { body: () => ({ name: "Acme", contact: { email: ["finance@acme.example"] } }), field: "contact.email" },
    ],
    okStatus: 201,
  },
  {
    name: "POST /v1/companies/:companyId/connections",
    setup: async (server) => ({
      path: `/v1/companies/${(await server.company()).id}/connections`,
      token: API_KEY,
      valid: { integration: "sandbox-bank" },
    }),
    wrongTypes: [{ body: () => ({ integration: ["sandbox-bank"] }), field: "integration" }],
    okStatus: 201,
  },
  {
    name: "POST /v1/companies/:companyId/links",
    setup: async (server) => ({
      path: `/v1/companies/${(await server.company()).id}/links`,
      token: API_KEY,
      valid: { type: "company", ttlSeconds: 600 },
    }),
    wrongTypes: [
      { body: () => ({ type: "company", ttlSeconds: "600" }), field: "ttlSeconds" },
      { body: () => ({ type: "company", ttlSeconds: 600.5 }), field: "ttlSeconds" },
      { body: () => ({ type: "company", require2fa: "no" }), field: "require2fa" },
    ],
    okStatus: 201,
  },
  {
    name: "POST /v1/companies/:companyId/access-tokens",
    setup: async (server) => ({
      path: `/v1/companies/${(await server.company()).id}/access-tokens`,
      token: API_KEY,
      valid: { ttlSeconds: 600 },
    }),
    wrongTypes: [{ body: () => ({ ttlSeconds: "600" }), field: "ttlSeconds" }],
    okStatus: 201,
  },
  {
    name: "POST /v1/link/inspect",
    setup: async (server) => {
      const link = await server.link((await server.company()).id);
      return { path: "/v1/link/inspect", token: "", valid: { code: link.code, companyId: link.companyId } };
    },
    wrongTypes: [
      { body: (valid) => ({ ...valid, code: 12345 }), field: "code" },
      { body: (valid) => ({ ...valid, companyId: { id: valid.companyId } }), field: "companyId" },
    ],
    okStatus: 200,
  },
  {
    name: "POST /v1/link/exchange",
    setup: async (server) => {
      const link = await server.link((await server.company()).id);
      return { path: "/v1/link/exchange", token: "", valid: { code: link.code, companyId: link.companyId } };
    },
    wrongTypes: [
      { body: (valid) => ({ ...valid, code: [valid.code] }), field: "code" },
      { body: (valid) => ({ ...valid, companyId: null }), field: "companyId" },
      { body: () => ({ accessToken: 42 }), field: "accessToken" },
    ],
    okStatus: 201,
  },
  {
    name: "POST /v1/session/consent",
    setup: async (server) => ({ path: "/v1/session/consent", token: (await sessionAt(server, "consent")).token, valid: { accept: true } }),
    wrongTypes: [
      { body: () => ({ accept: "yes" }), field: "accept" },
      { body: () => ({ accept: 1 }), field: "accept" },
    ],
    okStatus: 200,
  },
  {
    name: "POST /v1/session/connections",
    setup: async (server) => ({
      path: "/v1/session/connections",
      token: (await sessionAt(server, "select")).token,
      valid: { integration: "sandbox-bank" },
    }),
    wrongTypes: [{ body: () => ({ integration: 7 }), field: "integration" }],
    okStatus: 200,
  },
  {
    name: "POST /v1/session/connections/:connectionId/credentials",
    setup: async (server) => {
      const { token, connectionId } = await sessionAt(server, "connect");
      return {
        path: `/v1/session/connections/${connectionId}/credentials`,
        token,
        valid: { values: { username: "user_good", password: "pass_good" } },
      };
    },
    wrongTypes: [
      { body: () => ({ values: { username: "user_good", password: 1234 } }), field: "values.password" },
      { body: () => ({ values: ["user_good", "pass_good"] }), field: "values" },
    ],
    okStatus: 200,
  },
  {
    name: "POST /v1/session/finish",
    setup: async (server) => ({
      path: "/v1/session/finish",
      token: (await sessionAt(server, "review")).token,
      valid: { disclosedAll: true },
    }),
    wrongTypes: [{ body: () => ({ disclosedAll: "true" }), field: "disclosedAll" }],
    okStatus: 200,
  },
];

describe("bad input is refused with 400 validation_failed, and nothing is written", () => {
  for (const endpoint of ENDPOINTS) {
    describe(endpoint.name, () => {
      const dataDir = tempDataDir();
      let server: TestServer;
      let path: string;
      let token: string;
      let valid: Record<string, unknown>;
      let stored: Record<string, unknown[]>;

      before(async () => {
        server = new TestServer({ dataDir });
        ({ path, token, valid } = await endpoint.setup(server));
        stored = rows(dataDir);
      });
      after(() => server.close());

      /** Posts `body` (raw text, or a value sent as JSON) with the endpoint's credentials. */
      const post = (body: unknown, headers: Record<string, string> = {}) =>
        server.request<Problem>("POST", path, { body, headers, ...(token ? { token } : {}) });

      it("refuses malformed JSON", async () => {
        const text = JSON.stringify(valid);
        assertValidationFailed(await post(text.slice(0, -1)), "", /not valid JSON/);
        assertValidationFailed(await post(`${text},`), "", /not valid JSON/);
        assert.deepEqual(rows(dataDir), stored);
      });

      it("refuses values of the wrong type, naming the field", async () => {
        for (const wrong of endpoint.wrongTypes) {
          assertValidationFailed(await post(wrong.body(valid)), wrong.field);
        }
        assert.deepEqual(rows(dataDir), stored);
      });

      it("refuses an unknown field, naming it", async () => {
        assertValidationFailed(await post({ ...valid, isAdmin: true }), "isAdmin", /not a known field/);
        assert.deepEqual(rows(dataDir), stored);
      });

      it("refuses a body over 64 KiB", async () => {
        assertValidationFailed(await post(jsonOfSize(valid, MAX_BODY_BYTES + 1)), "", /larger than 65536 bytes/);
        assertValidationFailed(await post({ ...valid, padding: "x".repeat(100_000) }), "", /larger than 65536 bytes/);
        assert.deepEqual(rows(dataDir), stored);
      });

      it("refuses a body that is not sent as JSON", async () => {
        const text = JSON.stringify(valid);
        assertValidationFailed(await post(text, { "content-type": "text/plain" }), "", /application\/json/);
        assertValidationFailed(
          await post(new URLSearchParams(text).toString(), { "content-type": "application/x-www-form-urlencoded" }),
          "",
          /application\/json/,
        );
        assert.deepEqual(rows(dataDir), stored);
      });

      // The control: the same request with the valid body works and writes, so the checks above could see a write.
      it("accepts the valid body, which writes", async () => {
        const answer = await post(jsonOfSize(valid, MAX_BODY_BYTES));
        assert.equal(answer.status, endpoint.okStatus, JSON.stringify(answer.body));
        assert.notDeepEqual(rows(dataDir), stored);
      });
    });
  }

  describe("control characters in host-supplied names", () => {
    const dataDir = tempDataDir();
    let server: TestServer;
    before(() => {
      server = new TestServer({ dataDir });
    });
    after(() => server.close());

    for (const [label, name] of [
      ["a NUL", "Acme\u0000 Pty Ltd"],
      ["a line break", "Acme\nPty Ltd"],
      ["a bell", "Acme\u0007 Pty Ltd"],
      ["a terminal escape", "\u001b[31mAcme Pty Ltd"],
      ["a C1 control", "Acme\u0085Pty Ltd"],
      ["a DEL", "Acme\u007f Pty Ltd"],
    ]) {
      it(`refuses a company name with ${label}`, async () => {
        const stored = rows(dataDir);
        const answer = await server.admin<Problem>("POST", "/v1/companies", { name });
        assertValidationFailed(answer, "name", /control characters/);
        assert.deepEqual(rows(dataDir), stored);
      });
    }

    it("refuses an externalRef with a control character", async () => {
      const stored = rows(dataDir);
      assertValidationFailed(
        await server.admin<Problem>("POST", "/v1/companies", { name: "Acme", externalRef: "crm\t42" }),
        "externalRef",
        /control/,
      );
      assert.deepEqual(rows(dataDir), stored);
    });

    it("accepts names in any script, with ordinary spaces and punctuation", async () => {
      const answer = await server.admin<{ name: string }>("POST", "/v1/companies", { name: "Société Générale — 株式会社 & Co." });
      assert.equal(answer.status, 201);
      assert.equal(answer.body.name, "Société Générale — 株式会社 & Co.");
    });
  });

  describe("over a real socket", () => {
    let running: RunningOtlServer;
    before(async () => {
      running = await startOtlServer({ store: new SqliteStore({ dataDir: MEMORY }), apiKey: API_KEY, port: 0, logger: false });
    });
    after(() => running.close());

    const postCompany = (body: RequestInit["body"], headers: Record<string, string> = {}) =>
      fetch(`${running.url}/v1/companies`, {
        method: "POST",
        headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json", ...headers },
        body,
        duplex: "half",
      } as RequestInit);

    it("refuses a body over 64 KiB sent with a Content-Length", async () => {
      const answer = await postCompany(jsonOfSize({ name: "Acme" }, MAX_BODY_BYTES + 1));
      assert.equal(answer.status, 400);
      assert.equal(((await answer.json()) as Problem).code, "validation_failed");
    });

    it("refuses a body over 64 KiB streamed in chunks, with no Content-Length", async () => {
      const chunk = new TextEncoder().encode(" ".repeat(16 * 1024));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent === 0) controller.enqueue(new TextEncoder().encode('{"name":"Acme"}'));
          if (sent >= 5) return controller.close();
          sent++;
          controller.enqueue(chunk);
        },
      });
      const answer = await postCompany(stream);
      assert.equal(answer.status, 400);
      assert.equal(((await answer.json()) as Problem).code, "validation_failed");
    });
  });
});

describe("requests that reach no route, or carry no valid credentials", () => {
  const dataDir = tempDataDir();
  let server: TestServer;
  let sessionToken: string;
  before(async () => {
    server = new TestServer({ dataDir });
    sessionToken = (await server.open(await server.link((await server.company()).id))).token;
  });
  after(() => server.close());

  it("answers 404 not_found problem+json for a path with no route", async () => {
    for (const [method, path] of [
      ["GET", "/v1/nothing-here"],
      ["POST", "/v1/companies/co_00000000000000000000/unknown"],
      ["GET", "/no-such-page"],
    ] as const) {
      const answer = await server.request<Problem>(method, path, { token: API_KEY });
      assert.equal(answer.status, 404, `${method} ${path}`);
      assert.equal(answer.headers.get("content-type"), "application/problem+json");
      assert.equal(answer.body.code, "not_found");
    }
  });

  it("answers 401 unauthorized with a WWW-Authenticate challenge for a missing or wrong API key, and writes nothing", async () => {
    const stored = rows(dataDir);
    for (const authorization of [
      undefined,
      "Bearer otl_sk_not-the-key-0123456789",
      `Basic ${Buffer.from(`admin:${API_KEY}`).toString("base64")}`,
      `Bearer ${sessionToken}`,
      API_KEY,
    ]) {
      const answer = await server.request<Problem>("POST", "/v1/companies", {
        body: { name: "Acme" },
        headers: authorization ? { authorization } : {},
      });
      assert.equal(answer.status, 401, `authorization: ${authorization}`);
      assert.equal(answer.headers.get("content-type"), "application/problem+json");
      assert.equal(answer.body.code, "unauthorized");
      assert.match(answer.headers.get("www-authenticate") ?? "", /^Bearer realm=/);
    }
    assert.deepEqual(rows(dataDir), stored);
  });

  it("answers 401 unauthorized for a missing, malformed, mistyped or unknown session token", async () => {
    const mistyped = sessionToken.slice(0, -1) + (sessionToken.endsWith("A") ? "B" : "A");
    for (const token of [undefined, "not-a-token", API_KEY, mistyped, newSessionToken()]) {
      const answer = await server.request<Problem>("GET", "/v1/session", token ? { token } : {});
      assert.equal(answer.status, 401, `token: ${token}`);
      assert.equal(answer.body.code, "unauthorized");
      assert.match(answer.headers.get("www-authenticate") ?? "", /^Bearer realm=/);
    }
    assert.equal((await server.session(sessionToken, "GET")).status, 200);
  });
});
