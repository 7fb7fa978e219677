import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { ManualClock } from "../clock.ts";
import { OtlProblem } from "../problem.ts";
import { MEMORY, SqliteStore } from "../store/sqlite/store.ts";
import type { Actor, CompanyRecord } from "../store/types.ts";
import { domainContext } from "../test/domain-context.ts";
import { Keyring, newAccessToken, newHashKey, newLinkCode, newSessionToken } from "../tokens.ts";
import { createCompany, createConnection } from "./companies.ts";
import type { DomainContext } from "./context.ts";
import { answerConsent, readFlow, sendCredentials, startConnection } from "./flow.ts";
import { issueAccessToken, issueLink } from "./grants.ts";
import { inspectLink, redeem } from "./redeem.ts";
import { endSession } from "./session.ts";

// The domain's rules on the real store (SQLite in memory), called as the routes call them.

const keyring = new Keyring([newHashKey()]);
const actor: Actor = { clientHash: keyring.hash("client:domain") };

async function problemOf(promise: Promise<unknown>): Promise<OtlProblem> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OtlProblem) return error;
    throw error;
  }
  assert.fail("expected a problem");
}

describe("domain", () => {
  let store: SqliteStore;
  let d: DomainContext;
  let company: CompanyRecord;
  beforeEach(async () => {
    store = new SqliteStore({ dataDir: MEMORY, clock: new ManualClock(Date.parse("2026-03-01T12:00:00Z")) });
    d = domainContext(store);
    company = await createCompany(d, { name: "Acme", contactEmail: null, contactPhone: null, externalRef: null }, actor);
  });
  afterEach(() => store.close());

  async function open(secret?: string) {
    const accessToken = secret ?? newAccessToken();
    if (!secret) await issueAccessToken(d, { companyId: company.id, secretHash: keyring.hash(accessToken) }, actor);
    const token = newSessionToken();
    const presented = {
      secret: { hashes: keyring.candidates(accessToken), kinds: ["access_token" as const], companyId: null, connectionId: null },
    };
    const { state } = await redeem(d, { presented, sessionTokenHash: keyring.hash(token) }, actor);
    return { hashes: keyring.candidates(token), state };
  }

  describe("redeem", () => {
    it("burns nothing when the session cannot be created: the secret still works after", async () => {
      const first = await open();
      const secret = newAccessToken();
      await issueAccessToken(d, { companyId: company.id, secretHash: keyring.hash(secret) }, actor);
      const presented = {
        secret: { hashes: keyring.candidates(secret), kinds: ["access_token" as const], companyId: null, connectionId: null },
      };
      // A session token hash that is already taken makes the session insert fail, inside the redeem's transaction.
      await assert.rejects(redeem(d, { presented, sessionTokenHash: first.state.session.tokenHash }, actor));
      assert.equal((await store.findGrant(keyring.candidates(secret)))?.consumedAt, null);
      const again = await open(secret);
      assert.equal(again.state.flow.id, first.state.flow.id, "resumed the open flow");
    });

    it("refuses a code that failed its checksum (no hashes) without a look-up, as unknown", async () => {
      const presented = { secret: { hashes: [], kinds: ["company_link" as const], companyId: company.id, connectionId: null } };
      assert.equal((await problemOf(redeem(d, { presented, sessionTokenHash: "k1:z" }, actor))).code, "token_invalid");
    });

    it("opens the bare reusable link only when the server allows it", async () => {
      const request = { presented: { reusableLinkOf: company.id }, sessionTokenHash: keyring.hash(newSessionToken()) };
      assert.match((await problemOf(redeem(d, request, actor))).detail ?? "", /reusable links are turned off/);
      const { grant, state } = await redeem({ ...d, allowReusableLinks: true }, request, actor);
      assert.equal(grant, null);
      assert.equal(state.company.id, company.id);
      const unknown = { ...request, presented: { reusableLinkOf: "co_nobody" } };
      assert.equal((await problemOf(redeem({ ...d, allowReusableLinks: true }, unknown, actor))).code, "token_invalid");
    });

    it("inspects without consuming, and audits the view (two looks within 10 minutes: one record)", async () => {
      const code = newLinkCode();
      await issueLink(d, { companyId: company.id, type: "company", connectionId: null, secretHash: keyring.hash(code) }, actor);
      const match = { hashes: keyring.candidates(code), kinds: ["company_link" as const], companyId: company.id, connectionId: null };
      const seen = await inspectLink(d, match, actor);
      assert.equal(seen.status, "active");
      assert.equal(seen.company?.name, "Acme");
      assert.equal((await inspectLink(d, match, actor)).status, "active", "still active after two looks");
      assert.equal((await problemOf(inspectLink(d, { ...match, companyId: "co_other" }, actor))).code, "token_invalid");
      const views = (await store.readAudit({ companyId: company.id })).filter((entry) => entry.event === "link.viewed");
      assert.equal(views.length, 1, "repeated views of one link are folded");
    });
  });

  describe("connections", () => {
    it("re-attempt the connection under way instead of adding another", async () => {
      const { hashes } = await open();
      await answerConsent(d, hashes, { accept: true }, actor);
      const first = await startConnection(d, hashes, "sandbox-bank", actor);
      await sendCredentials(d, hashes, first.connection.id, { username: "user_good", password: "nope" }, actor);
      const retry = await startConnection(d, hashes, "sandbox-bank", actor);
      assert.equal(retry.connection.id, first.connection.id);
      assert.equal(retry.connection.status, "pending");
      assert.equal(retry.connection.message, null);
      const state = await readFlow(d, hashes);
      assert.equal(state.connections.length, 1);
    });

    it("name each missing credential, and refuse a connection of another flow", async () => {
      const { hashes } = await open();
      await answerConsent(d, hashes, { accept: true }, actor);
      const { connection } = await startConnection(d, hashes, "sandbox-bank", actor);
      const missing = await problemOf(sendCredentials(d, hashes, connection.id, { username: "user_good" }, actor));
      assert.equal(missing.code, "validation_failed");
      assert.deepEqual(
        missing.errors?.map((error) => error.field),
        ["values.password"],
      );
      const elsewhere = await createConnection(d, company.id, "sandbox-bank", actor);
      assert.equal((await problemOf(sendCredentials(d, hashes, elsewhere.id, {}, actor))).code, "not_found");
    });

    it("refuse to connect before consent, and an integration the server does not offer", async () => {
      const { hashes } = await open();
      assert.equal((await problemOf(startConnection(d, hashes, "sandbox-bank", actor))).code, "conflict");
      assert.equal((await problemOf(startConnection(d, hashes, "no-such-bank", actor))).errors?.[0]?.field, "integration");
    });
  });

  describe("sessions", () => {
    it("end once; an ended session is unknown", async () => {
      const { hashes, state } = await open();
      await endSession(d, hashes, actor);
      assert.equal((await problemOf(readFlow(d, hashes))).code, "unauthorized");
      assert.equal((await problemOf(endSession(d, hashes, actor))).code, "unauthorized");
      const ended = (await store.readAudit()).filter((entry) => entry.event === "session.ended");
      assert.deepEqual(
        ended.map((entry) => entry.flowId),
        [state.flow.id],
      );
    });
  });
});
