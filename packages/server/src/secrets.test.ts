import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, before, describe, it } from "node:test";
import type {
  Company,
  Connection,
  ExchangeResult,
  FlowView,
  IssuedAccessToken,
  IssuedLink,
  Problem,
  StartConnectionResult,
} from "@otl/protocol";
import { SqliteStore } from "./store/sqlite.ts";
import type { AuditRecord } from "./store/types.ts";
import { type CliServer, call, startCli } from "./test/cli-process.ts";
import { API_KEY, TestServer, tempDataDir } from "./test/harness.ts";
import { newAccessToken, newLinkCode, newSessionToken } from "./tokens.ts";

/** Every secret a test handed out or typed, to look for afterwards. */
class Secrets {
  readonly #items: { label: string; value: string }[] = [];

  /** Remembers a secret (and answers it). */
  add(label: string, value: string): string {
    assert.ok(value.length >= 8, `${label} looks empty`);
    this.#items.push({ label, value });
    return value;
  }

  /** The labels of the secrets found in `content`. */
  foundIn(content: Buffer | string): string[] {
    const bytes = typeof content === "string" ? Buffer.from(content) : content;
    return this.#items.filter((secret) => bytes.includes(secret.value)).map((secret) => secret.label);
  }

  /** Fails naming each secret that appears in one of `sources`. */
  assertNoneIn(sources: Map<string, Buffer | string>): void {
    const leaks = [...sources].flatMap(([where, content]) => this.foundIn(content).map((label) => `${label} in ${where}`));
    assert.deepEqual(leaks, []);
  }
}

/** Every file under `dir`, read as bytes, by its path relative to `dir`. */
function filesUnder(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path), readFileSync(path));
  }
  return files;
}

/** The same code with one character changed: a customer's typo. */
function typo(code: string): string {
  const at = Math.floor(code.length / 2);
  return code.slice(0, at) + (code[at] === "A" ? "B" : "A") + code.slice(at + 1);
}

const randomPassword = () => `pw-${randomBytes(12).toString("base64url")}`;

describe("no secret is kept or written anywhere", () => {
  describe("an in-process server on an on-disk store", () => {
    const dataDir = tempDataDir();
    const secrets = new Secrets();
    const errorBodies: unknown[] = [];
    let server: TestServer;
    let company: Company;
    let filesWhileOpen: Map<string, Buffer>;
    let audit: AuditRecord[];

    /** Keeps an error answer's body, to check it too. */
    function failed<T extends { status: number; body: unknown }>(answer: T, status: number, code: string): T {
      assert.equal(answer.status, status);
      assert.equal((answer.body as Problem).code, code);
      errorBodies.push(answer.body);
      return answer;
    }

    before(async () => {
      server = new TestServer({ dataDir });
      secrets.add("API key", API_KEY);
      company = await server.company("Acme Pty Ltd", { contact: { email: "finance@acme.example" } });
      const connection = (
        await server.admin<Connection>("POST", `/v1/companies/${company.id}/connections`, { integration: "sandbox-bank" })
      ).body;
      const connectionLink = await server.link(company.id, { type: "connection", connectionId: connection.id });
      secrets.add("connection link code", connectionLink.code);

      const older = await server.link(company.id);
      secrets.add("superseded link code", older.code);
      const link = await server.link(company.id);
      secrets.add("link code", link.code);

      assert.equal((await server.request("POST", "/v1/link/inspect", { body: { code: link.code, companyId: company.id } })).status, 200);
      failed(await server.exchange({ code: secrets.add("made-up code", newLinkCode()), companyId: company.id }), 404, "token_invalid");
      failed(await server.exchange({ code: secrets.add("mistyped code", typo(link.code)), companyId: company.id }), 404, "token_invalid");
      failed(await server.exchange({ code: older.code, companyId: company.id }), 410, "token_superseded");

      const { token } = await server.open(link);
      secrets.add("session token", token);
      failed(await server.exchange({ code: link.code, companyId: company.id }), 410, "token_consumed");

      const revoked = await server.link(company.id);
      secrets.add("revoked link code", revoked.code);
      assert.equal((await server.admin("DELETE", `/v1/links/${revoked.id}`)).status, 200);
      failed(await server.exchange({ code: revoked.code, companyId: company.id }), 410, "token_revoked");

      const accessToken = secrets.add("access token", await server.accessToken(company.id));
      secrets.add("unused access token", await server.accessToken(company.id));
      const second = await server.exchange({ accessToken });
      secrets.add("second session token", second.body.sessionToken);
      failed(await server.exchange({ accessToken: secrets.add("made-up access token", newAccessToken()) }), 404, "token_invalid");
      failed(await server.session(secrets.add("made-up session token", newSessionToken()), "GET"), 401, "unauthorized");

      // The customer consents, mistypes the bank password once, then connects and finishes.
      await server.session(token, "POST", "/consent", { accept: true });
      const started = await server.session<StartConnectionResult>(token, "POST", "/connections", { integration: "sandbox-bank" });
      const credentials = `/connections/${started.body.connection.id}/credentials`;
      const wrongPassword = secrets.add("mistyped bank password", randomPassword());
      const refused = await server.session(token, "POST", credentials, { values: { username: "user_good", password: wrongPassword } });
      assert.equal(refused.body.connections[0]?.status, "failed");
      assert.equal(
        (await server.session(token, "POST", credentials, { values: { username: "user_good", password: "pass_good" } })).body.step,
        "review",
      );
      assert.equal((await server.session(token, "POST", "/finish", { disclosedAll: true })).body.step, "done");
      assert.equal((await server.session(second.body.sessionToken, "DELETE")).status, 204);

      filesWhileOpen = filesUnder(dataDir);
      audit = await server.store.readAudit();
      await server.close();
    });

    it("writes none to the data directory, WAL included, while open and after closing", () => {
      assert.ok(filesWhileOpen.has("otl.sqlite-wal"), `expected a WAL file among ${[...filesWhileOpen.keys()].join(", ")}`);
      assert.ok(filesWhileOpen.has("otl.sqlite-shm"));
      secrets.assertNoneIn(filesWhileOpen);
      secrets.assertNoneIn(filesUnder(dataDir));
    });

    it("logs none, and answers none in an error body", () => {
      assert.ok(server.logs.length > 20, "the server logged the flow");
      secrets.assertNoneIn(new Map([["the log", server.logs.join("\n")]]));
      assert.ok(errorBodies.length >= 7);
      secrets.assertNoneIn(new Map(errorBodies.map((body, i) => [`error body ${i}`, JSON.stringify(body)])));
    });

    it("audits every lifecycle event, without a secret", () => {
      const events = new Set(audit.map((entry) => entry.event));
      for (const event of [
        "link.issued",
        "link.superseded",
        "link.viewed",
        "link.redeemed",
        "link.redeem_failed",
        "link.replayed",
        "link.revoked",
        "access_token.issued",
        "flow.started",
        "flow.consent",
        "flow.finished",
        "session.ended",
      ] as const) {
        assert.ok(events.has(event), `audit has ${event}`);
      }
      const reasons = audit.filter((entry) => entry.event === "link.redeem_failed").map((entry) => entry.detail?.reason);
      assert.deepEqual(new Set(reasons), new Set(["token_invalid", "token_superseded", "token_revoked"]));
      // The host revoked one link, and finishing revoked the connection link still active.
      const revokedBy = audit.filter((entry) => entry.event === "link.revoked").map((entry) => entry.detail?.by);
      assert.deepEqual(revokedBy.sort(), ["finish", "host"]);
      assert.ok(
        audit.every((entry) => entry.at > 0 && entry.clientHash !== null),
        "each record has a time and a client hash",
      );
      secrets.assertNoneIn(new Map([["the audit log", JSON.stringify(audit)]]));
    });

    it("refuses to change or delete audit records, even through the database file", () => {
      const db = new DatabaseSync(join(dataDir, "otl.sqlite"));
      try {
        const count = () => (db.prepare("SELECT COUNT(*) AS n FROM audit_events").get() as { n: number }).n;
        const before = count();
        assert.ok(before > 0);
        assert.throws(() => db.exec("UPDATE audit_events SET event = 'link.viewed'"), /append-only/);
        assert.throws(() => db.exec("DELETE FROM audit_events"), /append-only/);
        assert.throws(() => db.exec(`DELETE FROM audit_events WHERE seq = ${before}`), /append-only/);
        assert.equal(count(), before);
      } finally {
        db.close();
      }
    });
  });

  describe("the otl-server CLI", () => {
    const dataDir = tempDataDir();
    const secrets = new Secrets();
    let cli: CliServer;
    let filesWhileRunning: Map<string, Buffer>;

    before(async () => {
      cli = await startCli(["--port", "0", "--data-dir", dataDir, "--api-key", API_KEY]);
      secrets.add("API key given with --api-key", API_KEY);
      const admin = <T>(method: string, path: string, body?: unknown) => call<T>(cli.url, method, path, { token: API_KEY, body });

      const company = (await admin<Company>("POST", "/v1/companies", { name: "Acme Pty Ltd" })).body;
      const connection = (await admin<Connection>("POST", `/v1/companies/${company.id}/connections`, { integration: "sandbox-bank" })).body;
      const connectionLink = (
        await admin<IssuedLink>("POST", `/v1/companies/${company.id}/links`, { type: "connection", connectionId: connection.id })
      ).body;
      secrets.add("connection link code", connectionLink.code);
      const older = (await admin<IssuedLink>("POST", `/v1/companies/${company.id}/links`, { type: "company" })).body;
      secrets.add("superseded link code", older.code);
      const link = (await admin<IssuedLink>("POST", `/v1/companies/${company.id}/links`, { type: "company" })).body;
      secrets.add("link code", link.code);

      // A mail scanner and then the customer open the link pages; the code rides in the query string.
      for (const url of [link.url, link.url, connectionLink.url, older.url]) {
        assert.equal((await fetch(url)).status, 200);
      }
      await call(cli.url, "POST", "/v1/link/inspect", { body: { code: link.code, companyId: company.id } });
      await call(cli.url, "POST", "/v1/link/exchange", {
        body: { code: secrets.add("mistyped code", typo(link.code)), companyId: company.id },
      });
      await call(cli.url, "POST", "/v1/link/exchange", { body: { code: older.code, companyId: company.id } });
      const opened = await call<ExchangeResult>(cli.url, "POST", "/v1/link/exchange", { body: { code: link.code, companyId: company.id } });
      assert.equal(opened.status, 201);
      const token = secrets.add("session token", opened.body.sessionToken);
      assert.equal((await call(cli.url, "POST", "/v1/link/exchange", { body: { code: link.code, companyId: company.id } })).status, 410);

      const issued = (await admin<IssuedAccessToken>("POST", `/v1/companies/${company.id}/access-tokens`, {})).body;
      secrets.add("access token", issued.accessToken);
      const second = await call<ExchangeResult>(cli.url, "POST", "/v1/link/exchange", { body: { accessToken: issued.accessToken } });
      secrets.add("second session token", second.body.sessionToken);
      await call(cli.url, "GET", "/v1/session", { token: secrets.add("made-up session token", newSessionToken()) });

      const session = <T = FlowView>(method: string, path: string, body?: unknown) =>
        call<T>(cli.url, method, `/v1/session${path}`, { token, body });
      await session("POST", "/consent", { accept: true });
      const started = await session<StartConnectionResult>("POST", "/connections", { integration: "sandbox-bank" });
      const credentials = `/connections/${started.body.connection.id}/credentials`;
      await session("POST", credentials, {
        values: { username: "user_good", password: secrets.add("mistyped bank password", randomPassword()) },
      });
      await session("POST", credentials, { values: { username: "user_good", password: "pass_good" } });
      assert.equal((await session("POST", "/finish", { disclosedAll: true })).body.step, "done");

      filesWhileRunning = filesUnder(dataDir);
      assert.equal(await cli.stop(), 0);
    });
    after(() => cli.stop());

    it("writes none to the data directory, WAL included, while running and after it stops", () => {
      assert.ok(filesWhileRunning.has("otl.sqlite-wal"), `expected a WAL file among ${[...filesWhileRunning.keys()].join(", ")}`);
      assert.ok(filesWhileRunning.has("hash-keys.json"));
      secrets.assertNoneIn(filesWhileRunning);
      secrets.assertNoneIn(filesUnder(dataDir));
    });

    it("prints none on stdout or stderr, not even the API key it was given", () => {
      const output = cli.output();
      assert.match(output, /otl-server listening on /);
      assert.match(output, /GET \/company\/co_[0-9a-f]+ 200/, "the server logged the page views, by path only");
      secrets.assertNoneIn(new Map([["the CLI's output", output]]));
    });

    it("keeps an audit log without a secret", async () => {
      const store = new SqliteStore({ dataDir });
      try {
        const audit = await store.readAudit();
        assert.ok(audit.some((entry) => entry.event === "link.replayed"));
        assert.ok(audit.some((entry) => entry.event === "flow.finished"));
        secrets.assertNoneIn(new Map([["the audit log", JSON.stringify(audit)]]));
        // Clients are recorded by a keyed hash of their address, not the address.
        assert.ok(audit.every((entry) => entry.clientHash !== null));
        assert.doesNotMatch(JSON.stringify(audit), /127\.0\.0\.1/);
      } finally {
        await store.close();
      }
    });
  });
});
