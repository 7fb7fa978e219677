import assert from "node:assert/strict";
import { existsSync, readdirSync, readlinkSync, statSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { redeem } from "../../domain/redeem.ts";
import { domainContext } from "../../test/domain-context.ts";
import { tempDataDir } from "../../test/harness.ts";
import { Keyring, newAccessToken, newHashKey } from "../../tokens.ts";
import type { Actor, CompanyRecord, GrantRecord, OtlStore, StoreTransaction } from "../types.ts";
import { SqliteStore } from "./store.ts";

const keyring = new Keyring([newHashKey()]);
const actor: Actor = { clientHash: keyring.hash("client:test") };
let serial = 0;

function company(): CompanyRecord {
  serial++;
  return {
    id: `co_batch${serial}`,
    name: `Batch ${serial}`,
    contactEmail: null,
    contactPhone: null,
    externalRef: null,
    createdAt: Date.now(),
  };
}

function accessToken(companyId: string, secret: string): GrantRecord {
  serial++;
  const now = Date.now();
  return {
    id: `at_batch${serial}`,
    kind: "access_token",
    companyId,
    connectionId: null,
    secretHash: keyring.hash(secret),
    require2fa: false,
    createdAt: now,
    expiresAt: now + 3_600_000,
    consumedAt: null,
    revokedAt: null,
    supersededAt: null,
  };
}

/** Adds a company, as the domain would, in a transaction of its own. */
function createCompany(store: OtlStore, co: CompanyRecord): Promise<void> {
  return store.withTransaction(async (tx) => {
    await tx.insertCompany(co);
    await tx.appendAudit([{ event: "company.created", companyId: co.id }], actor);
  });
}

/** Adds a grant and its audit record in a transaction of its own. */
function issueGrant(store: OtlStore, grant: GrantRecord): Promise<void> {
  return store.withTransaction(async (tx) => {
    await tx.insertGrant(grant);
    await tx.appendAudit([{ event: "access_token.issued", companyId: grant.companyId, linkId: grant.id }], actor);
  });
}

/** Exchanges an access token through the domain; whether it opened a session. */
async function redeemToken(store: OtlStore, secret: string): Promise<boolean> {
  const match = { hashes: keyring.candidates(secret), kinds: ["access_token" as const], companyId: null, connectionId: null };
  try {
    await redeem(domainContext(store), { presented: { secret: match }, sessionTokenHash: keyring.hash(newAccessToken()) }, actor);
    return true;
  } catch {
    return false;
  }
}

// Writes made in one event-loop turn are committed together; each must still be its own all-or-nothing.
describe("SQLite group commit", () => {
  const dataDir = tempDataDir();
  let store: SqliteStore;
  let outside: DatabaseSync;
  before(() => {
    store = new SqliteStore({ dataDir });
    // A second connection sees only what is committed.
    outside = new DatabaseSync(join(dataDir, "otl.sqlite"), { readOnly: true });
  });
  after(async () => {
    outside.close();
    await store.close();
  });

  const committedGrant = (id: string) => outside.prepare("SELECT id FROM grants WHERE id = ?").get(id);

  it("answers a write only once it is committed", async () => {
    const co = company();
    await createCompany(store, co);
    const grant = accessToken(co.id, newAccessToken());
    const issuing = issueGrant(store, grant);
    assert.equal(committedGrant(grant.id), undefined, "not committed within the turn");
    await issuing;
    assert.ok(committedGrant(grant.id), "committed by the time the write answers");
  });

  it("lets a write that fails roll back alone, and commits the others of its turn", async () => {
    const co = company();
    await createCompany(store, co);
    const first = accessToken(co.id, newAccessToken());
    const clash = { ...accessToken(co.id, newAccessToken()), id: first.id };
    const third = accessToken(co.id, newAccessToken());
    const results = await Promise.allSettled([issueGrant(store, first), issueGrant(store, clash), issueGrant(store, third)]);
    assert.deepEqual(
      results.map((result) => result.status),
      ["fulfilled", "rejected", "fulfilled"],
    );
    assert.ok(committedGrant(first.id));
    assert.ok(committedGrant(third.id));
    assert.equal((await store.getGrant(first.id))?.secretHash, first.secretHash, "the clash left the first grant as it was");
    const issued = (await store.readAudit({ companyId: co.id })).filter((entry) => entry.event === "access_token.issued");
    assert.deepEqual(
      issued.map((entry) => entry.linkId),
      [first.id, third.id],
      "no audit row from the write that failed",
    );
  });

  it("rolls back a failing first transaction of a turn alone, and commits the ones after it", async () => {
    const co = company();
    await createCompany(store, co);
    const existing = accessToken(co.id, newAccessToken());
    await issueGrant(store, existing);
    // The first of the turn opens the batch without a savepoint: its failure must not take the others down.
    const clash = { ...accessToken(co.id, newAccessToken()), id: existing.id };
    const second = accessToken(co.id, newAccessToken());
    const third = accessToken(co.id, newAccessToken());
    const failing = store.withTransaction(async (tx) => {
      await tx.appendAudit([{ event: "access_token.issued", companyId: co.id, linkId: "at_ghost" }], actor);
      await tx.insertGrant(clash);
    });
    const results = await Promise.allSettled([failing, issueGrant(store, second), issueGrant(store, third)]);
    assert.deepEqual(
      results.map((result) => result.status),
      ["rejected", "fulfilled", "fulfilled"],
    );
    assert.ok(committedGrant(second.id));
    assert.ok(committedGrant(third.id));
    assert.equal((await store.getGrant(existing.id))?.secretHash, existing.secretHash);
    const issued = (await store.readAudit({ companyId: co.id })).filter((entry) => entry.event === "access_token.issued");
    assert.deepEqual(
      issued.map((entry) => entry.linkId),
      [existing.id, second.id, third.id],
      "nothing of the failed transaction, not even what it wrote before failing",
    );
  });

  it("commits a turn's audit rows in the order its transactions ran", async () => {
    const co = company();
    await createCompany(store, co);
    const grants = Array.from({ length: 5 }, () => accessToken(co.id, newAccessToken()));
    const issuing = Promise.all(grants.map((grant) => issueGrant(store, grant)));
    const written = () => outside.prepare("SELECT link_id FROM audit_events WHERE company_id = ? ORDER BY seq").all(co.id);
    assert.equal(written().length, 1, "nothing of the turn is committed before its commit");
    await issuing;
    assert.deepEqual(
      written().map((row) => row.link_id),
      [null, ...grants.map((grant) => grant.id)],
    );
  });

  it("shows a transaction's audit read what its turn appended, and keeps the others' rows when it rolls back", async () => {
    const co = company();
    await createCompany(store, co);
    const append = (linkId: string) => (tx: StoreTransaction) =>
      tx.appendAudit([{ event: "link.viewed", companyId: co.id, linkId }], actor);
    let seen: (string | null)[] = [];
    const results = await Promise.allSettled([
      store.withTransaction(append("ln_first")),
      store.withTransaction(async (tx) => {
        await append("ln_second")(tx);
        seen = (await tx.readAudit({ companyId: co.id })).map((entry) => entry.linkId);
        throw new Error("rolled back after its read");
      }),
      store.withTransaction(append("ln_third")),
    ]);
    assert.deepEqual(
      results.map((result) => result.status),
      ["fulfilled", "rejected", "fulfilled"],
    );
    assert.deepEqual(seen, [null, "ln_first", "ln_second"], "the read saw the turn's earlier row and its own");
    assert.deepEqual(
      (await store.readAudit({ companyId: co.id })).map((entry) => entry.linkId),
      [null, "ln_first", "ln_third"],
      "the earlier transaction's row survives the rollback that took back its early write",
    );
  });

  it("folds a view into one appended earlier in the same turn", async () => {
    const co = company();
    await createCompany(store, co);
    const view = () =>
      store.withTransaction((tx) => tx.appendAudit([{ event: "link.viewed", companyId: co.id, linkId: "ln_folded" }], actor));
    await Promise.all([view(), view(), view()]);
    const views = (await store.readAudit({ companyId: co.id })).filter((entry) => entry.event === "link.viewed");
    assert.equal(views.length, 1);
  });

  it("keeps a large SAVEPOINT's sub-journal in memory, never in a temporary file", async (t) => {
    if (!existsSync("/proc/self/fd")) return t.skip("needs /proc to see the process's open files");
    const co = company();
    await createCompany(store, co);
    // Enough links that revoking them all changes far more than the 64 KiB SQLite would keep in memory by default.
    await store.withTransaction(async (tx) => {
      for (let i = 0; i < 600; i++) await tx.insertGrant({ ...accessToken(co.id, newAccessToken()), kind: "company_link" });
    });
    // SQLite deletes a temporary file as soon as it has opened it: it shows among the open files as "… (deleted)".
    const temporaryFiles = () =>
      readdirSync("/proc/self/fd")
        .map((fd) => {
          try {
            return readlinkSync(`/proc/self/fd/${fd}`);
          } catch {
            return "";
          }
        })
        .filter((target) => target.endsWith(" (deleted)"));
    let during: string[] = [];
    await Promise.all([
      createCompany(store, company()),
      // Second in its turn: it runs in a SAVEPOINT.
      store.withTransaction(async (tx) => {
        assert.equal((await tx.revokeLinks(co.id)).length, 600);
        during = temporaryFiles();
      }),
    ]);
    assert.deepEqual(during, []);
  });

  it("lets exactly one of many redeems of one secret in one turn win", async () => {
    const co = company();
    await createCompany(store, co);
    const secret = newAccessToken();
    await issueGrant(store, accessToken(co.id, secret));
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => redeemToken(store, secret)));
    assert.equal(outcomes.filter(Boolean).length, 1);
    const replays = (await store.readAudit({ companyId: co.id })).filter((entry) => entry.event === "link.replayed");
    assert.equal(replays.length, 19, "every other exchange found the secret spent");
    const sessions = outside
      .prepare("SELECT COUNT(*) AS n FROM sessions s JOIN flows f ON f.id = s.flow_id WHERE f.company_id = ?")
      .get(co.id);
    assert.equal(sessions?.n, 1, "one session, from the one redeem that won");
  });

  it("stays usable after a transaction that could not begin: another process held the write lock too long", async () => {
    const co = company();
    await createCompany(store, co);
    const other = new DatabaseSync(join(dataDir, "otl.sqlite"));
    other.exec("BEGIN IMMEDIATE");
    try {
      // The store's BEGIN waits out its busy timeout (5 s), then fails: the transaction is refused, not queued forever.
      await assert.rejects(issueGrant(store, accessToken(co.id, newAccessToken())), /locked|busy/i);
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    const after = accessToken(co.id, newAccessToken());
    await issueGrant(store, after);
    assert.ok(committedGrant(after.id));
  });

  it("shows a read only committed data: a read in the turn of a write waits for its commit", async () => {
    const co = company();
    const creating = createCompany(store, co);
    const reading = store.getCompany(co.id);
    assert.equal((await reading)?.id, co.id);
    assert.ok(outside.prepare("SELECT id FROM companies WHERE id = ?").get(co.id), "what the read saw was committed");
    await creating;
  });
});

describe("SQLite checkpoints under steady writes", () => {
  const dataDir = tempDataDir();
  let store: SqliteStore;
  before(() => {
    store = new SqliteStore({ dataDir });
  });
  after(() => store.close());

  // Without the log starting over, every write would extend the WAL file for as long as writes go on.
  it("keeps the WAL from growing without bound", async () => {
    const co = company();
    await createCompany(store, co);
    const started = Date.now();
    let writes = 0;
    while (Date.now() - started < 2_500) {
      await Promise.all(Array.from({ length: 20 }, () => issueGrant(store, accessToken(co.id, newAccessToken()))));
      writes += 20;
      // Let the checkpointer's timer and messages in now and then, as a server's idle moments would.
      if (writes % 400 === 0) await sleep(1);
    }
    const wal = statSync(join(dataDir, "otl.sqlite-wal")).size;
    // Each write adds several 4 KiB pages to the log; unbounded, the WAL would hold them all.
    const unbounded = writes * 4 * 4096;
    assert.ok(wal < unbounded / 4, `WAL is ${wal} bytes after ${writes} writes (unbounded it would be about ${unbounded})`);
  });
});
