import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type StartedPostgres, startPostgres } from "../../../../../scripts/postgres.mjs";
import { ManualClock } from "../../clock.ts";
import type { GrantRecord } from "../types.ts";
import { connect } from "./connection.ts";
import { migrate } from "./migrate.ts";
import { POSTGRES_MIGRATIONS } from "./migrations.ts";
import { PostgresStore } from "./store.ts";

// What only the PostgreSQL store has to prove: its migrations under the advisory lock, its trigger,
// its clock, and races decided by row locks between many connections. Everything a store does
// besides is the conformance suite's.

const START = Date.parse("2026-03-01T12:00:00Z");

let cluster: StartedPostgres;
before(async () => {
  cluster = await startPostgres();
});
after(async () => {
  await cluster?.stop();
});

/** A fresh database on the suite's cluster, dropped after the test. */
async function freshDatabase(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const database = await startPostgres({ url: cluster.url });
  t.after(() => database.stop());
  return database.url;
}

function grant(id: string, companyId: string, expiresAt: number): GrantRecord {
  return {
    id,
    kind: "company_link",
    companyId,
    connectionId: null,
    secretHash: `hash-${id}`,
    require2fa: false,
    createdAt: START,
    expiresAt,
    consumedAt: null,
    revokedAt: null,
    supersededAt: null,
  };
}

const company = (id: string) => ({ id, name: id, contactEmail: null, contactPhone: null, externalRef: null, createdAt: START });

describe("PostgreSQL migrations", () => {
  it("run once when four pools migrate an empty database at the same moment", async (t) => {
    const url = await freshDatabase(t);
    const pools = Array.from({ length: 4 }, () => connect({ url, poolSize: 2 }));
    try {
      const results = await Promise.all(pools.map((sql) => migrate(sql)));
      const latest = POSTGRES_MIGRATIONS.length;
      assert.deepEqual(
        results.map((result) => result.to),
        [latest, latest, latest, latest],
      );
      assert.equal(results.filter((result) => result.from === 0).length, 1, "one pool applied them; the others found them applied");
      const versions = await (pools[0] as ReturnType<typeof connect>)`SELECT version FROM schema_migrations ORDER BY version`;
      assert.deepEqual(
        versions.map((row) => row.version),
        POSTGRES_MIGRATIONS.map((_, index) => index + 1),
      );
    } finally {
      await Promise.all(pools.map((sql) => sql.end()));
    }
  });

  it("refuse a database whose schema is newer than this code", async (t) => {
    const url = await freshDatabase(t);
    const sql = connect({ url });
    try {
      await migrate(sql);
      await sql`INSERT INTO schema_migrations (version) VALUES (${POSTGRES_MIGRATIONS.length + 1})`;
      await assert.rejects(migrate(sql), /newer than this otl-server knows/);
    } finally {
      await sql.end();
    }
  });
});

describe("PostgresStore", () => {
  it("keeps the audit log append-only: UPDATE, DELETE and TRUNCATE are refused by the database", async (t) => {
    const url = await freshDatabase(t);
    const store = await PostgresStore.open({ url });
    const sql = connect({ url });
    t.after(async () => {
      await store.close();
      await sql.end();
    });
    await store.withTransaction((tx) => tx.appendAudit([{ event: "company.created", companyId: "co_1" }], { clientHash: "h" }));

    await assert.rejects(sql`UPDATE audit_events SET event = 'link.viewed'`, /append-only/);
    await assert.rejects(sql`DELETE FROM audit_events`, /append-only/);
    await assert.rejects(sql`TRUNCATE audit_events`, /append-only/);
    const [entry] = await store.readAudit();
    assert.equal(entry?.event, "company.created");
    assert.equal(entry?.clientHash, "h");
  });

  it("purges audit records by seq, with no index on their time (migration 12)", async (t) => {
    const url = await freshDatabase(t);
    const store = await PostgresStore.open({ url });
    const sql = connect({ url });
    t.after(async () => {
      await store.close();
      await sql.end();
    });
    const indexes = await sql`SELECT indexname FROM pg_indexes WHERE tablename = 'audit_events' ORDER BY indexname`;
    assert.deepEqual(
      indexes.map((row) => row.indexname),
      ["audit_by_company", "audit_by_event", "audit_by_link", "audit_events_pkey"],
    );
    // The first record in the window is found by walking the primary key from the oldest (the planner's
    // MIN as ORDER BY seq LIMIT 1), and the records before it go by a range of that key.
    const plan = await sql.begin(async (tx) => {
      await tx`SET LOCAL enable_seqscan = off`;
      return tx`EXPLAIN DELETE FROM audit_events
        WHERE seq < (SELECT COALESCE(MIN(seq), 9223372036854775807) FROM audit_events WHERE at >= ${START})`;
    });
    const text = plan.map((row) => row["QUERY PLAN"]).join("\n");
    assert.match(text, /Limit[\s\S]*Index Scan using audit_events_pkey on audit_events[\s\S]*Filter: \(at >= /, text);
    assert.doesNotMatch(text, /Seq Scan/, text);
  });

  it("decides expiry by the database's clock, which a test clock replaces per transaction", async (t) => {
    const url = await freshDatabase(t);
    const real = await PostgresStore.open({ url });
    t.after(() => real.close());
    const before = Date.now();
    const now = await real.now();
    assert.ok(Math.abs(now - before) < 5_000, `the database's clock (${now}) is the real time (${before})`);

    const clock = new ManualClock(START);
    const store = await PostgresStore.open({ url, clock });
    t.after(() => store.close());
    assert.equal(await store.now(), START);
    await store.withTransaction(async (tx) => {
      await tx.insertCompany(company("co_clock"));
      await tx.insertGrant(grant("gr_1", "co_clock", START + 1_000));
      await tx.insertGrant(grant("gr_2", "co_clock", START + 1_000));
    });
    const consume = (id: string) =>
      store.withTransaction((tx) =>
        tx.consumeGrant({ hashes: [`hash-${id}`], kinds: ["company_link"], companyId: "co_clock", connectionId: null }),
      );

    assert.equal((await consume("gr_1"))?.consumedAt, START, "stamped with the test clock");
    clock.advance(1_000);
    assert.equal(await consume("gr_2"), null, "expired at expiresAt, by the test clock");
    assert.equal(await real.now().then((ms) => ms > START + 1_000), true, "the clock is pinned only in that store's transactions");
  });

  it("lets exactly one of 50 concurrent transactions on 10 connections consume one grant; the others get null, not an error", async (t) => {
    const url = await freshDatabase(t);
    const store = await PostgresStore.open({ url, poolSize: 10 });
    t.after(() => store.close());
    await store.withTransaction(async (tx) => {
      await tx.insertCompany(company("co_race"));
      await tx.insertGrant(grant("gr_race", "co_race", Date.now() + 60_000));
    });

    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        store.withTransaction((tx) =>
          tx.consumeGrant({ hashes: ["hash-gr_race"], kinds: ["company_link"], companyId: null, connectionId: null }),
        ),
      ),
    );

    assert.equal(results.filter((result) => result !== null).length, 1);
    assert.notEqual((await store.getGrant("gr_race"))?.consumedAt, null);
  });

  it("counts 50 concurrent failures under one key from two pools as 50", async (t) => {
    const url = await freshDatabase(t);
    const stores = await Promise.all([PostgresStore.open({ url }), PostgresStore.open({ url })]);
    t.after(() => Promise.all(stores.map((store) => store.close())).then(() => {}));

    const states = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (stores[i % 2] as PostgresStore).recordFailure("rate:key", 60_000)),
    );

    assert.deepEqual(
      states.map((state) => state.count).sort((a, b) => a - b),
      Array.from({ length: 50 }, (_, i) => i + 1),
      "each increment saw its own count",
    );
    assert.equal((await stores[0]?.rateLimitState("rate:key"))?.count, 50);
  });

  it("keeps nothing of a transaction whose work throws", async (t) => {
    const url = await freshDatabase(t);
    const store = await PostgresStore.open({ url });
    t.after(() => store.close());

    await assert.rejects(
      store.withTransaction(async (tx) => {
        await tx.insertCompany(company("co_gone"));
        throw new Error("changed my mind");
      }),
      /changed my mind/,
    );
    assert.equal(await store.getCompany("co_gone"), null);
  });

  it("refuses a second open flow for one company, rolling the transaction back", async (t) => {
    const url = await freshDatabase(t);
    const store = await PostgresStore.open({ url });
    t.after(() => store.close());
    const flow = (id: string) => ({
      id,
      companyId: "co_flow",
      status: "open" as const,
      step: "consent" as const,
      consentStatus: "pending" as const,
      consentAt: null,
      consentTextVersion: null,
      consentLocale: null,
      consentClientHash: null,
      activeConnectionId: null,
      createdAt: START,
      updatedAt: START,
      expiresAt: START + 60_000,
      finishedAt: null,
    });
    await store.withTransaction(async (tx) => {
      await tx.insertCompany(company("co_flow"));
      await tx.insertFlow(flow("fl_1"));
    });

    await assert.rejects(store.withTransaction((tx) => tx.insertFlow(flow("fl_2"))));
    assert.equal((await store.openFlow("co_flow"))?.id, "fl_1");
  });
});
