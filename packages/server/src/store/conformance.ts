import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ManualClock } from "../clock.ts";
import { createCompany } from "../domain/companies.ts";
import type { DomainContext } from "../domain/context.ts";
import { answerConsent, finishFlow, readFlow, sendCredentials, startConnection } from "../domain/flow.ts";
import { issueAccessToken, issueLink, listLinks, revokeLink } from "../domain/grants.ts";
import { redeem } from "../domain/redeem.ts";
import { applyRetention } from "../domain/retention.ts";
import { ENV_ENDPOINT_ID, newWebhookSecret, WEBHOOK_KIND } from "../domain/webhooks.ts";
import { newOutboxKey, OutboxCipher } from "../outbox/cipher.ts";
import { OtlProblem } from "../problem.ts";
import { domainContext } from "../test/domain-context.ts";
import { Keyring, newAccessToken, newHashKey, newLinkCode, newSessionToken } from "../tokens.ts";
import type { Actor, CompanyRecord, OtlStore, OutboxRecord } from "./types.ts";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

/** Opens a fresh, empty store whose database clock is `clock` (SQLite's `otl_now()`; PostgreSQL's clock setting). */
export type OpenStore = (clock: ManualClock) => OtlStore | Promise<OtlStore>;

/**
 * Every behaviour a store must have, as one `node:test` suite: run it for each store, e.g.
 * `describeStoreConformance("SQLite in memory", (clock) => new SqliteStore({ dataDir: MEMORY, clock }))`.
 * The store is opened once for the suite and closed after it; each test works on companies of its own.
 * The suite drives the store through the domain, as the server does, and through its operations
 * where the operation itself is the point. The clock starts at 2026-03-01T12:00:00Z and only moves forward.
 */
export function describeStoreConformance(name: string, open: OpenStore): void {
  describe(`store conformance: ${name}`, () => {
    const clock = new ManualClock(Date.parse("2026-03-01T12:00:00Z"));
    const keyring = new Keyring([newHashKey()]);
    const actor: Actor = { clientHash: keyring.hash("client:conformance") };
    let store: OtlStore;
    let d: DomainContext;
    before(async () => {
      store = await open(clock);
      d = domainContext(store);
    });
    after(() => store.close());

    let serial = 0;
    const newCompany = () =>
      createCompany(d, { name: `Conformance ${++serial}`, contactEmail: null, contactPhone: null, externalRef: null }, actor);

    /** Issues an access token; its secret. */
    async function accessToken(company: CompanyRecord, ttlSeconds?: number): Promise<string> {
      const secret = newAccessToken();
      await issueAccessToken(d, { companyId: company.id, secretHash: keyring.hash(secret), ttlSeconds }, actor);
      return secret;
    }

    /** Issues a company link (or a connection link); its id and code. */
    async function link(company: CompanyRecord, connectionId: string | null = null, ttlSeconds?: number) {
      const code = newLinkCode();
      const { grant } = await issueLink(
        d,
        { companyId: company.id, type: connectionId ? "connection" : "company", connectionId, secretHash: keyring.hash(code), ttlSeconds },
        actor,
      );
      return { id: grant.id, code };
    }

    /** Exchanges an access token; the session token's stored forms and the flow state. */
    async function exchangeToken(secret: string) {
      const token = newSessionToken();
      const presented = {
        secret: { hashes: keyring.candidates(secret), kinds: ["access_token" as const], companyId: null, connectionId: null },
      };
      const { state } = await redeem(d, { presented, sessionTokenHash: keyring.hash(token) }, actor);
      return { hashes: keyring.candidates(token), state };
    }

    /** Exchanges a link code at its company's URL. */
    async function exchangeCode(company: CompanyRecord, code: string, connectionId: string | null = null) {
      const token = newSessionToken();
      const presented = {
        secret: {
          hashes: keyring.candidates(code),
          kinds: ["company_link" as const, "connection_link" as const],
          companyId: company.id,
          connectionId,
        },
      };
      const { state } = await redeem(d, { presented, sessionTokenHash: keyring.hash(token) }, actor);
      return { hashes: keyring.candidates(token), state };
    }

    /** The problem code a promise rejects with. */
    async function problemOf(promise: Promise<unknown>): Promise<string> {
      try {
        await promise;
      } catch (error) {
        assert.ok(error instanceof OtlProblem, `expected a problem, got ${String(error)}`);
        return error.code;
      }
      assert.fail("expected a refusal");
    }

    /** Takes a fresh session to `review`: consent given, one account linked. */
    async function toReview(company: CompanyRecord) {
      const session = await exchangeToken(await accessToken(company));
      await answerConsent(d, session.hashes, { accept: true }, actor);
      const { connection } = await startConnection(d, session.hashes, "sandbox-bank", actor);
      const state = await sendCredentials(d, session.hashes, connection.id, { username: "user_good", password: "pass_good" }, actor);
      assert.equal(state.flow.step, "review");
      return session;
    }

    describe("transactions", () => {
      it("keep nothing of a transaction whose work throws", async () => {
        const id = `co_rollback${++serial}`;
        await assert.rejects(
          store.withTransaction(async (tx) => {
            await tx.insertCompany({
              id,
              name: "Gone",
              contactEmail: null,
              contactPhone: null,
              externalRef: null,
              createdAt: await tx.now(),
            });
            await tx.appendAudit([{ event: "company.created", companyId: id }], actor);
            throw new Error("changed my mind");
          }),
          /changed my mind/,
        );
        assert.equal(await store.getCompany(id), null);
        assert.deepEqual(await store.readAudit({ companyId: id }), []);
      });

      it("show a committed transaction's writes to every read after it answers", async () => {
        const company = await newCompany();
        assert.equal((await store.getCompany(company.id))?.name, company.name);
        assert.equal((await store.readAudit({ companyId: company.id }))[0]?.event, "company.created");
      });

      it("refuse a second open flow for one company", async () => {
        const company = await newCompany();
        const { state } = await exchangeToken(await accessToken(company));
        await assert.rejects(store.withTransaction((tx) => tx.insertFlow({ ...state.flow, id: `fl_second${++serial}` })));
        assert.equal((await store.openFlow(company.id))?.id, state.flow.id);
      });

      it("answer a flow's connections in creation order, those of one millisecond as they were inserted", async () => {
        const company = await newCompany();
        const { state } = await exchangeToken(await accessToken(company));
        const now = await store.now();
        // Ids out of alphabetical order and one older connection inserted last: only creation order explains the answer.
        const made = [
          { id: `cn_order_c${++serial}`, createdAt: now },
          { id: `cn_order_a${serial}`, createdAt: now },
          { id: `cn_order_b${serial}`, createdAt: now },
          { id: `cn_order_z${serial}`, createdAt: now - SECOND },
        ];
        await store.withTransaction(async (tx) => {
          for (const { id, createdAt } of made) {
            await tx.insertConnection({
              id,
              companyId: company.id,
              flowId: state.flow.id,
              integration: "sandbox-bank",
              status: "pending",
              message: null,
              createdAt,
              updatedAt: createdAt,
            });
          }
        });
        const expected = [made[3], made[0], made[1], made[2]].map((connection) => connection?.id);
        assert.deepEqual(
          (await store.flowConnections(state.flow.id)).map((connection) => connection.id),
          expected,
        );
        const inside = await store.withTransaction((tx) => tx.flowConnections(state.flow.id));
        assert.deepEqual(
          inside.map((connection) => connection.id),
          expected,
        );
      });

      it("run afterCommit callbacks once the transaction has committed, and never for one rolled back", async () => {
        const calls: string[] = [];
        const committed = store.withTransaction(async (tx) => {
          tx.afterCommit(() => calls.push("committed"));
          await tx.appendAudit([{ event: "company.created", companyId: `co_after${++serial}` }], actor);
          assert.deepEqual(calls, [], "not before the commit");
          return "done";
        });
        await assert.rejects(
          store.withTransaction(async (tx) => {
            tx.afterCommit(() => calls.push("rolled back"));
            throw new Error("changed my mind");
          }),
        );
        assert.equal(await committed, "done");
        assert.deepEqual(calls, ["committed"]);
      });

      it("answer the webhook endpoints with an audit append, as the append sees them", async () => {
        const companyId = `co_hooks${++serial}`;
        const appended = (event: "link.issued" | "link.revoked") =>
          store.withTransaction((tx) => tx.appendAuditForWebhooks([{ event, companyId, linkId: `ln_hooks${serial}` }], actor));
        const before = await appended("link.issued");
        const endpoint = { id: `we_conf${serial}`, url: "https://host.example/otl", events: ["link.revoked"], description: null };
        await store.withTransaction((tx) => tx.insertWebhookEndpoint({ ...endpoint, secretSealed: "sealed", createdAt: clock.now() }));
        try {
          const withEndpoint = await appended("link.revoked");
          assert.deepEqual(
            withEndpoint.filter((subscription) => subscription.id === endpoint.id),
            [{ id: endpoint.id, events: ["link.revoked"] }],
          );
          assert.equal(withEndpoint.length, before.length + 1);
          assert.deepEqual(
            (await store.readAudit({ companyId })).map((record) => record.event),
            ["link.issued", "link.revoked"],
            "the entries are appended too",
          );
        } finally {
          await store.withTransaction((tx) => tx.deleteWebhookEndpoint(endpoint.id));
        }
      });

      it("answer a ping while open", async () => {
        await store.ping();
      });

      it("read the database's clock", async () => {
        assert.equal(await store.now(), clock.now());
        assert.equal(await store.withTransaction((tx) => tx.now()), clock.now());
      });
    });

    describe("redeem", () => {
      it("lets exactly one of 30 concurrent exchanges of one access token open a session", async () => {
        const company = await newCompany();
        const secret = await accessToken(company);
        const outcomes = await Promise.allSettled(Array.from({ length: 30 }, () => exchangeToken(secret)));
        const won = outcomes.filter((outcome) => outcome.status === "fulfilled");
        assert.equal(won.length, 1);
        for (const outcome of outcomes) {
          if (outcome.status === "rejected") assert.equal((outcome.reason as OtlProblem).code, "token_consumed");
        }
        const audit = await store.readAudit({ companyId: company.id });
        assert.equal(audit.filter((entry) => entry.event === "link.redeemed").length, 1);
        assert.equal(audit.filter((entry) => entry.event === "link.replayed").length, 29);
      });

      it("lets exactly one of 30 concurrent exchanges of one link code win, and only at its company's URL", async () => {
        const company = await newCompany();
        const other = await newCompany();
        const { code } = await link(company);
        assert.equal(await problemOf(exchangeCode(other, code)), "token_invalid");
        const outcomes = await Promise.allSettled(Array.from({ length: 30 }, () => exchangeCode(company, code)));
        assert.equal(outcomes.filter((outcome) => outcome.status === "fulfilled").length, 1);
      });

      it("puts 20 concurrent exchanges of different secrets of one company on one flow", async () => {
        const company = await newCompany();
        const secrets = await Promise.all(Array.from({ length: 20 }, () => accessToken(company)));
        const opened = await Promise.all(secrets.map((secret) => exchangeToken(secret)));
        assert.equal(new Set(opened.map(({ state }) => state.flow.id)).size, 1);
        const audit = await store.readAudit({ companyId: company.id });
        assert.equal(audit.filter((entry) => entry.event === "flow.started").length, 1);
        assert.equal(audit.filter((entry) => entry.event === "flow.resumed").length, 19);
      });

      it("decides expiry by the database's clock, to the millisecond", async () => {
        const company = await newCompany();
        const early = await accessToken(company, 60);
        const late = await accessToken(company, 60);
        clock.advance(MINUTE - 1);
        await exchangeToken(early);
        clock.advance(1);
        assert.equal(await problemOf(exchangeToken(late)), "token_expired");
        const failed = (await store.readAudit({ companyId: company.id })).filter((entry) => entry.event === "link.redeem_failed");
        assert.deepEqual(
          failed.map((entry) => entry.detail?.reason),
          ["token_expired"],
        );
      });

      it("opens nothing for an unknown secret, and audits the attempt", async () => {
        assert.equal(await problemOf(exchangeToken(newAccessToken())), "token_invalid");
        const last = (await store.readAudit()).at(-1);
        assert.equal(last?.event, "link.redeem_failed");
        assert.equal(last?.detail?.reason, "token_invalid");
      });
    });

    describe("supersede and revoke", () => {
      it("supersedes a company's earlier active links when a new one is issued, but not its connection links", async () => {
        const company = await newCompany();
        const connection = await store.withTransaction(async (tx) => {
          const now = await tx.now();
          const record = {
            id: `cn_conf${++serial}`,
            companyId: company.id,
            flowId: null,
            integration: "sandbox-bank",
            status: "pending" as const,
            message: null,
            createdAt: now,
            updatedAt: now,
          };
          await tx.insertConnection(record);
          return record;
        });
        const first = await link(company);
        const forConnection = await link(company, connection.id);
        const second = await link(company);
        const statuses = new Map((await listLinks(d, company.id)).map(({ grant, status }) => [grant.id, status]));
        assert.equal(statuses.get(first.id), "superseded");
        assert.equal(statuses.get(forConnection.id), "active");
        assert.equal(statuses.get(second.id), "active");
        assert.equal(await problemOf(exchangeCode(company, first.code)), "token_superseded");
        await exchangeCode(company, forConnection.code, connection.id);
      });

      it("leaves exactly one active company link when 10 are issued at once", async () => {
        const company = await newCompany();
        await Promise.all(Array.from({ length: 10 }, () => link(company)));
        const statuses = (await listLinks(d, company.id)).map(({ status }) => status);
        assert.equal(statuses.filter((status) => status === "active").length, 1);
        assert.equal(statuses.filter((status) => status === "superseded").length, 9);
      });

      it("revokes an active link once; a revoked one answers as it is, a used one refuses", async () => {
        const company = await newCompany();
        const target = await link(company);
        assert.equal((await revokeLink(d, target.id, actor)).status, "revoked");
        assert.equal((await revokeLink(d, target.id, actor)).status, "revoked");
        assert.equal(await problemOf(exchangeCode(company, target.code)), "token_revoked");
        const used = await link(company);
        await exchangeCode(company, used.code);
        assert.equal(await problemOf(revokeLink(d, used.id, actor)), "conflict");
        const revokes = (await store.readAudit({ companyId: company.id })).filter((entry) => entry.event === "link.revoked");
        assert.deepEqual(
          revokes.map((entry) => entry.linkId),
          [target.id],
        );
      });
    });

    describe("flows", () => {
      it("resumes the company's open flow at its step, and starts a new one once it has run out", async () => {
        const company = await newCompany();
        const first = await exchangeToken(await accessToken(company));
        await answerConsent(d, first.hashes, { accept: true }, actor);
        const resumed = await exchangeToken(await accessToken(company));
        assert.equal(resumed.state.flow.id, first.state.flow.id);
        assert.equal(resumed.state.flow.step, "select");

        clock.advance(d.lifetimes.flow * SECOND);
        const fresh = await exchangeToken(await accessToken(company));
        assert.notEqual(fresh.state.flow.id, first.state.flow.id);
        assert.equal(fresh.state.flow.step, "consent");
        assert.equal((await store.getFlow(first.state.flow.id))?.status, "expired");
        assert.equal((await store.latestFlow(company.id))?.id, fresh.state.flow.id);
      });

      it("keeps the consent receipt an acceptance writes, and clears it when consent is declined", async () => {
        const company = await newCompany();
        const session = await exchangeToken(await accessToken(company));
        await answerConsent(d, session.hashes, { accept: false }, actor);
        const declined = await store.getFlow(session.state.flow.id);
        assert.equal(declined?.consentTextVersion, null);
        await answerConsent(d, session.hashes, { accept: true, textVersion: "2026-11-30", locale: "fr-CA" }, actor);
        const accepted = await store.getFlow(session.state.flow.id);
        assert.equal(accepted?.consentStatus, "accepted");
        assert.equal(accepted?.consentTextVersion, "2026-11-30");
        assert.equal(accepted?.consentLocale, "fr-CA");
        assert.equal(accepted?.consentClientHash, actor.clientHash);
        assert.equal(typeof accepted?.consentAt, "number");
      });

      it("sends a connection link's customer to its connection", async () => {
        const company = await newCompany();
        const session = await exchangeToken(await accessToken(company));
        await answerConsent(d, session.hashes, { accept: true }, actor);
        const { connection } = await startConnection(d, session.hashes, "sandbox-bank", actor);
        const failed = await sendCredentials(d, session.hashes, connection.id, { username: "user_good", password: "wrong" }, actor);
        assert.equal(failed.connections[0]?.status, "failed");
        const { code } = await link(company, connection.id);
        const reopened = await exchangeCode(company, code, connection.id);
        assert.equal(reopened.state.flow.step, "connect");
        assert.equal(reopened.state.flow.activeConnectionId, connection.id);
      });

      it("keeps a linked connection linked, and moves a flow only from the steps named", async () => {
        const company = await newCompany();
        const session = await toReview(company);
        const { flow, connections } = await readFlow(d, session.hashes);
        const linked = connections[0];
        assert.equal(linked?.status, "linked");
        await store.withTransaction(async (tx) => {
          assert.equal(await tx.setConnectionStatus(linked.id, flow.id, "failed", "too late"), null);
          assert.equal(await tx.updateFlow(flow.id, { step: "select" }, ["consent", "connect"]), null);
          assert.equal((await tx.updateFlow(flow.id, { step: "select" }, ["review"]))?.step, "select");
        });
        assert.equal((await store.getConnection(linked.id))?.status, "linked");
        assert.equal((await store.getFlow(flow.id))?.step, "select");
      });

      it("finishes only from review, revoking the company's remaining active links", async () => {
        const company = await newCompany();
        const early = await exchangeToken(await accessToken(company));
        assert.equal(await problemOf(finishFlow(d, early.hashes, actor)), "conflict");
        const session = await toReview(company);
        const spare = await link(company);
        const { state, revokedLinkIds } = await finishFlow(d, session.hashes, actor);
        assert.equal(state.flow.status, "done");
        assert.equal(state.flow.step, "done");
        assert.equal(state.flow.finishedAt, clock.now());
        assert.deepEqual(revokedLinkIds, [spare.id]);
        assert.equal(await problemOf(exchangeCode(company, spare.code)), "token_revoked");
        assert.equal(await problemOf(answerConsent(d, session.hashes, { accept: true }, actor)), "conflict");
        const next = await exchangeToken(await accessToken(company));
        assert.notEqual(next.state.flow.id, state.flow.id, "after done, the next secret starts a new flow");
      });
    });

    describe("sessions", () => {
      it("expire after the idle window, which each call slides", async () => {
        const company = await newCompany();
        const { hashes } = await exchangeToken(await accessToken(company));
        const idle = d.lifetimes.sessionIdle * SECOND;
        clock.advance(idle - MINUTE);
        await readFlow(d, hashes);
        clock.advance(idle - MINUTE);
        await readFlow(d, hashes);
        clock.advance(idle);
        assert.equal(await problemOf(readFlow(d, hashes)), "session_expired");
      });

      it("expire at their absolute limit, however active", async () => {
        const company = await newCompany();
        const { hashes } = await exchangeToken(await accessToken(company));
        const absolute = d.lifetimes.sessionAbsolute * SECOND;
        let elapsed = 0;
        while (elapsed + 20 * MINUTE < absolute) {
          clock.advance(20 * MINUTE);
          elapsed += 20 * MINUTE;
          await readFlow(d, hashes);
        }
        clock.advance(absolute - elapsed - 1);
        await readFlow(d, hashes);
        clock.advance(1);
        assert.equal(await problemOf(readFlow(d, hashes)), "session_expired");
      });

      it("slide only when stale: a call within a minute of the last slide writes nothing", async () => {
        const company = await newCompany();
        const { hashes, state } = await exchangeToken(await accessToken(company));
        clock.advance(30 * SECOND);
        await readFlow(d, hashes);
        assert.equal((await store.findSession(hashes))?.lastSeenAt, state.session.createdAt);
        clock.advance(30 * SECOND);
        await readFlow(d, hashes);
        assert.equal((await store.findSession(hashes))?.lastSeenAt, clock.now());
      });

      it("are read with their flow and the database's time in one call, inside a transaction and out", async () => {
        const company = await newCompany();
        const { hashes, state } = await exchangeToken(await accessToken(company));
        const found = await store.findSessionFlow(hashes);
        assert.deepEqual(found?.session, await store.findSession(hashes));
        assert.deepEqual(found?.flow, await store.getFlow(state.flow.id));
        assert.equal(found?.now, clock.now());
        assert.equal(await store.findSessionFlow([keyring.hash(newSessionToken())]), null, "an unknown token finds nothing");
        await store.withTransaction(async (tx) => {
          const inside = await tx.findSessionFlow(hashes);
          assert.equal(inside?.flow?.id, state.flow.id);
          clock.advance(SECOND);
          // The transaction's time is read once: the time this read saw is what now() answers after it.
          assert.equal(await tx.now(), inside?.now);
        });
      });

      it("are unknown once ended", async () => {
        const company = await newCompany();
        const { hashes } = await exchangeToken(await accessToken(company));
        await store.withTransaction(async (tx) => {
          const session = await tx.findSession(hashes);
          assert.ok(session && (await tx.endSession(session.id)));
          assert.equal(await tx.endSession(session.id), null, "ending twice changes nothing");
        });
        assert.equal(await problemOf(readFlow(d, hashes)), "unauthorized");
      });
    });

    describe("oauth states", () => {
      it("are used once, by one statement, and not after they expire", async () => {
        const company = await newCompany();
        const session = await exchangeToken(await accessToken(company));
        await answerConsent(d, session.hashes, { accept: true }, actor);
        const { connection } = await startConnection(d, session.hashes, "sandbox-bank", actor);
        const now = clock.now();
        const record = (secret: string, ttl: number) => ({
          id: `oa_conformance${++serial}`,
          stateHash: keyring.hash(secret),
          sessionId: session.state.session.id,
          flowId: session.state.flow.id,
          connectionId: connection.id,
          returnTo: "https://app.example.test/connect",
          createdAt: now,
          expiresAt: now + ttl,
          usedAt: null,
        });
        const freshSecret = `state-fresh-${connection.id}`;
        const lateSecret = `state-late-${connection.id}`;
        const fresh = record(freshSecret, 15 * MINUTE);
        const late = record(lateSecret, MINUTE);
        await store.withTransaction(async (tx) => {
          await tx.insertOAuthState(fresh);
          await tx.insertOAuthState(late);
        });
        const hashes = keyring.candidates(freshSecret);
        assert.equal(await store.findOAuthState(keyring.candidates("never issued")), null);
        const both = await Promise.all([1, 2].map(() => store.withTransaction((tx) => tx.useOAuthState(hashes))));
        const winners = both.filter((row) => row !== null);
        assert.equal(winners.length, 1, "of two concurrent uses, exactly one gets the row");
        assert.deepEqual({ ...winners[0], usedAt: null }, fresh);
        assert.equal(winners[0]?.usedAt, clock.now());
        assert.equal((await store.findOAuthState(hashes))?.usedAt, clock.now(), "a used state is still found, as used");
        clock.advance(MINUTE);
        const lateHashes = keyring.candidates(lateSecret);
        assert.equal(await store.withTransaction((tx) => tx.useOAuthState(lateHashes)), null, "an expired state is not usable");
        assert.equal((await store.findOAuthState(lateHashes))?.usedAt, null);
      });
    });

    describe("counters", () => {
      it("count failures atomically, and start again after the window", async () => {
        const key = `conformance:${++serial}`;
        assert.equal(await store.rateLimitState(key), null);
        const counted = await Promise.all(Array.from({ length: 20 }, () => store.recordFailure(key, MINUTE)));
        assert.deepEqual(
          counted.map((state) => state.count).sort((a, b) => a - b),
          Array.from({ length: 20 }, (_, index) => index + 1),
        );
        assert.deepEqual(await store.rateLimitState(key), { count: 20, resetAt: clock.now() + MINUTE });
        clock.advance(MINUTE);
        assert.equal(await store.rateLimitState(key), null);
        assert.deepEqual(await store.recordFailure(key, MINUTE), { count: 1, resetAt: clock.now() + MINUTE });
      });
    });

    describe("outbox", () => {
      /** Queues a message about `subject`, due now, expiring in an hour unless told. */
      async function queue(subject: string, kind = "test", expiresInMs = 60 * MINUTE) {
        const id = `msg_${subject}_${++serial}`;
        const now = clock.now();
        await store.withTransaction((tx) =>
          tx.insertOutbox({
            id,
            kind,
            subject,
            meta: { to: "a***@example.com" },
            payload: "sealed",
            nextAttemptAt: now,
            expiresAt: now + expiresInMs,
          }),
        );
        return id;
      }
      const claim = (owner: string, kinds = ["test"], limit = 10) =>
        store.withTransaction((tx) => tx.claimOutbox({ owner, kinds, leaseMs: MINUTE, limit }));

      it("claims a due message once, counts the attempt, and holds it until the lease runs out", async () => {
        const id = await queue(`s${serial}`);
        const first = await claim("owner-a");
        assert.ok(first.some((message) => message.id === id));
        const mine = first.find((message) => message.id === id);
        assert.equal(mine?.attempts, 1);
        assert.equal(mine?.leaseOwner, "owner-a");
        assert.equal(mine?.leaseUntil, clock.now() + MINUTE);
        assert.ok(!(await claim("owner-b")).some((message) => message.id === id), "a held message is not claimed again");
        clock.advance(MINUTE);
        const retaken = (await claim("owner-b")).find((message) => message.id === id);
        assert.equal(retaken?.attempts, 2, "a lease that ran out lets another worker take it");
        // The first owner's late answer changes nothing.
        assert.equal(await store.withTransaction((tx) => tx.settleOutbox(id, "owner-a", { status: "sent", lastStatus: 250 })), null);
        const sent = await store.withTransaction((tx) => tx.settleOutbox(id, "owner-b", { status: "sent", lastStatus: 250 }));
        assert.equal(sent?.status, "sent");
        assert.equal(sent?.payload, null, "the content is erased once sent");
        assert.equal(sent?.sentAt, clock.now());
        assert.equal(sent?.leaseOwner, null);
        assert.deepEqual(sent?.meta, { to: "a***@example.com" });
      });

      it("claims only the kinds asked for, due ones, oldest due first, up to the limit", async () => {
        const subject = `s${serial}-kinds`;
        const other = await queue(subject, "other");
        const a = await queue(subject);
        clock.advance(SECOND);
        const b = await queue(subject);
        const claimed = (await claim("owner-k", ["test"], 1000)).map((message) => message.id);
        assert.ok(!claimed.includes(other));
        assert.ok(claimed.indexOf(a) < claimed.indexOf(b) && claimed.indexOf(a) >= 0);
        assert.equal((await claim("owner-l", ["other"], 1)).length, 1);
      });

      it("retries later, gives up, and expires what ran out, erasing the content", async () => {
        const subject = `s${serial}-retry`;
        const id = await queue(subject);
        await claim("owner-r");
        const later = clock.now() + 10 * SECOND;
        const retry = await store.withTransaction((tx) =>
          tx.settleOutbox(id, "owner-r", { status: "pending", nextAttemptAt: later, lastError: "421 try later", lastStatus: 421 }),
        );
        assert.equal(retry?.status, "pending");
        assert.equal(retry?.payload, "sealed", "kept for the next attempt");
        assert.equal(retry?.lastError, "421 try later");
        assert.equal(retry?.lastStatus, 421);
        assert.ok(!(await claim("owner-s")).some((message) => message.id === id), "not due yet");
        clock.advance(10 * SECOND);
        assert.ok((await claim("owner-s")).some((message) => message.id === id));
        const failed = await store.withTransaction((tx) =>
          tx.settleOutbox(id, "owner-s", { status: "failed", lastError: "550 no such user", lastStatus: 550 }),
        );
        assert.equal(failed?.status, "failed");
        assert.equal(failed?.payload, null);
        assert.equal(failed?.attempts, 2);

        const doomed = await queue(subject, "test", SECOND);
        clock.advance(SECOND);
        assert.ok(!(await claim("owner-t")).some((message) => message.id === doomed), "an expired message is never claimed");
        const expired = await store.withTransaction((tx) => tx.expireOutbox());
        assert.deepEqual(
          expired.filter((message) => message.id === doomed).map((message) => [message.status, message.payload]),
          [["expired", null]],
        );
        const listed = await store.listOutbox({ subject });
        assert.deepEqual(
          listed.map((message) => message.id),
          [doomed, id],
          "newest first",
        );
        assert.equal((await store.getOutboxMessage(id))?.status, "failed");
        assert.deepEqual(await store.listOutbox({ subject, kind: "other" }), []);
      });

      it("lets many concurrent claims take each message once", async () => {
        const subject = `s${serial}-race`;
        const ids = new Set<string>();
        for (let index = 0; index < 12; index++) ids.add(await queue(subject, "race"));
        const claims = await Promise.all(
          Array.from({ length: 6 }, (_, index) =>
            store.withTransaction((tx) => tx.claimOutbox({ owner: `racer-${index}`, kinds: ["race"], leaseMs: MINUTE, limit: 3 })),
          ),
        );
        const taken = claims.flat().map((message) => message.id);
        assert.equal(taken.length, 12);
        assert.deepEqual(new Set(taken), ids);
      });
    });

    describe("second factor codes", () => {
      it("sends with a cooldown, accepts the code once, counts wrong ones, and verifies a session once", async () => {
        const company = await newCompany();
        const { state } = await exchangeToken(await accessToken(company));
        const sessionId = state.session.id;
        const code = (codeHash: string) => ({
          sessionId,
          companyId: company.id,
          codeHash,
          channel: "sms" as const,
          to: "+61******678",
          expiresAt: clock.now() + 10 * MINUTE,
        });
        const first = await store.withTransaction((tx) => tx.sendSecondFactorCode(code("h1"), 30 * SECOND));
        assert.deepEqual([first?.sends, first?.failures, first?.sentAt, first?.to], [1, 0, clock.now(), "+61******678"]);
        assert.equal(await store.withTransaction((tx) => tx.sendSecondFactorCode(code("h2"), 30 * SECOND)), null, "within the cooldown");
        clock.advance(30 * SECOND);
        const second = await store.withTransaction((tx) => tx.sendSecondFactorCode(code("h2"), 30 * SECOND));
        assert.deepEqual([second?.sends, second?.codeHash], [2, "h2"]);
        assert.equal(await store.withTransaction((tx) => tx.useSecondFactorCode(sessionId, ["h1"], 5)), null, "the replaced code");
        const failed = await store.withTransaction((tx) => tx.failSecondFactorCode(sessionId));
        assert.equal(failed?.failures, 1);
        const uses = await Promise.all(
          Array.from({ length: 4 }, () => store.withTransaction((tx) => tx.useSecondFactorCode(sessionId, ["h2", "other"], 5))),
        );
        assert.equal(uses.filter(Boolean).length, 1, "one of concurrent uses wins");
        assert.equal((await store.getSecondFactorCode(sessionId))?.usedAt, clock.now());
        const verified = await store.withTransaction((tx) => tx.verifySession(sessionId));
        assert.equal(verified?.verifiedAt, clock.now());
        assert.equal(await store.withTransaction((tx) => tx.verifySession(sessionId)), null);
      });

      it("refuses the right code once the wrong ones reach the limit, or once it expired", async () => {
        const company = await newCompany();
        const { state } = await exchangeToken(await accessToken(company));
        const sessionId = state.session.id;
        await store.withTransaction((tx) =>
          tx.sendSecondFactorCode(
            {
              sessionId,
              companyId: company.id,
              codeHash: "right",
              channel: "email",
              to: "a***@x.example",
              expiresAt: clock.now() + MINUTE,
            },
            0,
          ),
        );
        for (let wrong = 0; wrong < 5; wrong++) await store.withTransaction((tx) => tx.failSecondFactorCode(sessionId));
        assert.equal(await store.withTransaction((tx) => tx.useSecondFactorCode(sessionId, ["right"], 5)), null);
        const other = await exchangeToken(await accessToken(company));
        await store.withTransaction((tx) =>
          tx.sendSecondFactorCode(
            {
              sessionId: other.state.session.id,
              companyId: company.id,
              codeHash: "late",
              channel: "email",
              to: "a***@x.example",
              expiresAt: clock.now() + MINUTE,
            },
            0,
          ),
        );
        clock.advance(MINUTE);
        assert.equal(await store.withTransaction((tx) => tx.useSecondFactorCode(other.state.session.id, ["late"], 5)), null);
      });
    });

    describe("audit", () => {
      it("appends in order, stamped by the database's clock, and never changes what it has", async () => {
        const company = await newCompany();
        const before = await store.readAudit({ companyId: company.id });
        clock.advance(SECOND);
        await store.withTransaction((tx) =>
          tx.appendAudit(
            Array.from({ length: 12 }, (_, index) => ({ event: "link.viewed" as const, companyId: company.id, detail: { index } })),
            actor,
          ),
        );
        await exchangeToken(await accessToken(company));
        const after = await store.readAudit({ companyId: company.id });
        assert.deepEqual(after.slice(0, before.length), before, "earlier records unchanged");
        const appended = after.slice(before.length, before.length + 12);
        assert.deepEqual(
          appended.map((entry) => entry.detail?.index),
          Array.from({ length: 12 }, (_, index) => index),
        );
        assert.ok(appended.every((entry) => entry.at === clock.now() && entry.clientHash === actor.clientHash));
        const seqs = after.map((entry) => entry.seq);
        assert.deepEqual(
          seqs,
          [...seqs].sort((a, b) => a - b),
        );
        assert.deepEqual(
          after.slice(-3).map((entry) => entry.event),
          ["access_token.issued", "flow.started", "link.redeemed"],
        );
      });
    });

    describe("audit queries and company search", () => {
      it("pages the audit log by seq with every filter, and a page never moves when records arrive", async () => {
        const company = await newCompany();
        const other = await newCompany();
        const first = await link(company);
        clock.advance(SECOND);
        const since = clock.now();
        await link(company);
        await link(other);
        const all = await store.queryAudit({ companyId: company.id, limit: 100 });
        assert.deepEqual(
          all.map((record) => record.event),
          ["company.created", "link.issued", "link.superseded", "link.issued"],
        );
        assert.ok(all.every((record) => record.companyId === company.id));

        const page1 = await store.queryAudit({ companyId: company.id, limit: 2 });
        await link(company); // arrives between pages: it comes after, never inside a page already read
        const page2 = await store.queryAudit({ companyId: company.id, afterSeq: page1.at(-1)?.seq, limit: 2 });
        assert.deepEqual([...page1, ...page2], all);

        const byLink = await store.queryAudit({ linkId: first.id, limit: 100 });
        assert.deepEqual(
          byLink.map((record) => record.event),
          ["link.issued", "link.superseded"],
        );
        const byEvent = await store.queryAudit({ companyId: company.id, event: "link.issued", limit: 100 });
        assert.equal(byEvent.length, 3);
        const recent = await store.queryAudit({ companyId: company.id, since, limit: 100 });
        assert.ok(recent.length > 0 && recent.every((record) => record.at >= since));
        assert.ok(!recent.some((record) => record.event === "company.created"));
      });

      it("searches companies by name or externalRef, case-insensitively, with wildcards taken literally", async () => {
        const tag = `Srch${++serial}`;
        // A second apart, so "oldest first" has one answer (within one millisecond the order is by id).
        const make = (name: string, externalRef: string | null) => {
          clock.advance(SECOND);
          return createCompany(d, { name, contactEmail: null, contactPhone: null, externalRef }, actor);
        };
        const alpha = await make(`${tag} Alpha Pty`, null);
        const beta = await make("Beta Ltd", `crm-${tag.toLowerCase()}`);
        const percent = await make(`${tag} 100% Gamma`, null);
        await make("Unrelated", "nothing");

        const found = await store.searchCompanies({ query: tag.toUpperCase(), limit: 10 });
        assert.deepEqual(
          found.map((company) => company.id),
          [alpha.id, beta.id, percent.id],
        );
        const literal = await store.searchCompanies({ query: `${tag} 100%`, limit: 10 });
        assert.deepEqual(
          literal.map((company) => company.id),
          [percent.id],
        );
        assert.deepEqual(await store.searchCompanies({ query: `${tag}_`, limit: 10 }), []);

        const page1 = await store.searchCompanies({ query: tag, limit: 2 });
        const page2 = await store.searchCompanies({ query: tag, afterId: page1.at(-1)?.id, limit: 2 });
        assert.deepEqual(
          [...page1, ...page2].map((company) => company.id),
          [alpha.id, beta.id, percent.id],
        );
        const everyone = await store.searchCompanies({ limit: 1000 });
        assert.ok(everyone.length >= 4);
      });
    });

    describe("link views", () => {
      it("fold repeated views of one link: one record per link per 10 minutes", async () => {
        const company = await newCompany();
        const viewed = await link(company);
        const views = async () =>
          (await store.readAudit({ companyId: company.id })).filter((entry) => entry.event === "link.viewed" && entry.linkId === viewed.id);
        const view = () =>
          store.withTransaction((tx) => tx.appendAudit([{ event: "link.viewed", companyId: company.id, linkId: viewed.id }], actor));
        await view();
        await view();
        clock.advance(9 * MINUTE);
        await view();
        assert.equal((await views()).length, 1);
        clock.advance(MINUTE + SECOND);
        await view();
        assert.equal((await views()).length, 2);
      });
    });

    // Last: it moves the clock on by more than a year, and purges the other tests' rows too.
    describe("retention", () => {
      it("purges what ended past its window and audit records past theirs, and leaves flows in progress untouched", async () => {
        // Webhooks on, to an endpoint from the settings: the events below queue outbox messages.
        d.webhooks = {
          settings: {
            cipher: new OutboxCipher([newOutboxKey()]),
            retryForMs: DAY,
            configured: { url: "http://127.0.0.1:9/otl-events", secret: newWebhookSecret() },
          },
          wake() {},
        };
        const ended = await newCompany();
        const finished = await toReview(ended);
        const grantId = finished.state.session.grantId as string;
        const revoked = await link(ended);
        // The finished session's 2FA code, and messages about that session and the revoked link.
        const sessionId = finished.state.session.id;
        const queued = (id: string, subject: string) => ({
          id,
          kind: "test",
          subject,
          meta: null,
          payload: "sealed",
          nextAttemptAt: clock.now(),
          expiresAt: clock.now() + DAY,
        });
        await store.withTransaction(async (tx) => {
          await tx.sendSecondFactorCode(
            {
              sessionId,
              companyId: ended.id,
              codeHash: "h",
              channel: "email",
              to: "a***@example.com",
              expiresAt: clock.now() + 10 * MINUTE,
            },
            0,
          );
          await tx.insertOutbox(queued(`msg_code_${sessionId}`, sessionId));
          await tx.insertOutbox(queued(`msg_link_${revoked.id}`, revoked.id));
        });
        await finishFlow(d, finished.hashes, actor);
        await store.withTransaction((tx) => tx.recordFailure(`renew:${ended.id}`, DAY));
        clock.advance(31 * DAY);

        const live = await newCompany();
        const inProgress = await exchangeToken(await accessToken(live));
        const waiting = await link(live);
        // A delivery of the revoked link, beside the webhooks of its events.
        await store.withTransaction((tx) =>
          tx.insertOutbox({
            id: `msg_mail${++serial}`,
            kind: "email",
            subject: revoked.id,
            meta: { purpose: "link" },
            payload: null,
            nextAttemptAt: clock.now(),
            expiresAt: clock.now() + DAY,
          }),
        );
        const webhooks = async () => await store.listOutbox({ subject: ENV_ENDPOINT_ID, kind: WEBHOOK_KIND });
        const about = (messages: OutboxRecord[], key: "linkId" | "flowId", id: string) =>
          messages.filter((message) => message.meta?.[key] === id).map((message) => message.meta?.event);
        const announced = await webhooks();
        assert.deepEqual(about(announced, "linkId", revoked.id), ["link.revoked", "link.issued"], "newest first");
        assert.deepEqual(about(announced, "flowId", finished.state.flow.id), [
          "flow.finished",
          "connection.linked",
          "flow.consent_accepted",
        ]);
        assert.deepEqual(about(announced, "linkId", waiting.id), ["link.issued"]);

        const counts = await applyRetention(store);
        assert.ok(counts.sessions >= 1 && counts.flows >= 1 && counts.grants >= 2, JSON.stringify(counts));
        assert.ok(counts.outbox >= 6, JSON.stringify(counts));
        const kept = await webhooks();
        assert.deepEqual(about(kept, "linkId", revoked.id), [], "the webhooks of a purged link's events are gone");
        assert.deepEqual(about(kept, "flowId", finished.state.flow.id), [], "the webhooks of a purged flow's events are gone");
        assert.deepEqual(await store.listOutbox({ subject: revoked.id }), [], "a purged link's delivery is gone");
        assert.deepEqual(about(kept, "linkId", waiting.id), ["link.issued"], "a live link's webhooks stay");
        assert.equal(await store.getFlow(finished.state.flow.id), null, "the finished flow is gone");
        assert.equal(await store.findSession(finished.hashes), null, "its session is gone");
        assert.equal(await store.getGrant(grantId), null, "the spent access token is gone");
        assert.equal(await store.getGrant(revoked.id), null, "the revoked link is gone");
        assert.equal(await store.getSecondFactorCode(sessionId), null, "the session's 2FA code is gone");
        assert.deepEqual(await store.listOutbox({ subject: sessionId }), [], "the messages about the session are gone");
        assert.deepEqual(await store.listOutbox({ subject: revoked.id }), [], "the messages about the link are gone");
        assert.ok(counts.outbox >= 2 && counts.secondFactorCodes >= 1 && counts.rateLimits >= 1, JSON.stringify(counts));
        assert.equal((await store.listConnections(ended.id)).length, 1, "the company's connection stays");
        assert.notEqual((await store.getCompany(ended.id))?.id, undefined, "the company stays");

        assert.equal((await store.getFlow(inProgress.state.flow.id))?.status, "open", "the flow in progress is untouched");
        assert.notEqual(await store.findSession(inProgress.hashes), null, "its session is untouched");
        assert.equal((await store.getGrant(waiting.id))?.consumedAt, null, "a usable link is untouched");
        assert.ok((await store.readAudit({ companyId: ended.id })).length > 0, "audit records are kept 400 days");

        clock.advance(370 * DAY);
        const later = await applyRetention(store);
        assert.ok(later.audit > 0, JSON.stringify(later));
        assert.deepEqual(await store.readAudit({ companyId: ended.id }), [], "audit records older than 400 days are gone");
        assert.ok((await store.readAudit({ companyId: live.id })).length > 0, "younger ones stay");
        assert.deepEqual(
          await applyRetention(store),
          { sessions: 0, flows: 0, grants: 0, audit: 0, outbox: 0, secondFactorCodes: 0, rateLimits: 0 },
          "a second purge finds nothing",
        );
        delete d.webhooks;
      });
    });
  });
}
