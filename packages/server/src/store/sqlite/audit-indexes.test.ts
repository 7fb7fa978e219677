import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, before, describe, it } from "node:test";
import { tempDataDir } from "../../test/harness.ts";
import { SqliteStore } from "./store.ts";
import { AUDIT_PURGE } from "./transaction.ts";

// Every audit row pays for every index on audit_events, so each index must serve a query the store
// runs, and no query may read the whole log. These are the store's audit queries (reads.ts,
// transaction.ts; keys bound as `CAST(? AS …)`, see SqliteReads), with each filter GET /v1/audit takes.
const AUDIT_QUERIES: Record<string, string> = {
  "GET /v1/audit": "SELECT * FROM audit_events WHERE seq > CAST(? AS INTEGER) ORDER BY seq LIMIT CAST(? AS INTEGER)",
  "GET /v1/audit?companyId":
    "SELECT * FROM audit_events WHERE seq > CAST(? AS INTEGER) AND company_id = CAST(? AS TEXT) ORDER BY seq LIMIT CAST(? AS INTEGER)",
  "GET /v1/audit?linkId":
    "SELECT * FROM audit_events WHERE seq > CAST(? AS INTEGER) AND link_id = CAST(? AS TEXT) ORDER BY seq LIMIT CAST(? AS INTEGER)",
  "GET /v1/audit?event":
    "SELECT * FROM audit_events WHERE seq > CAST(? AS INTEGER) AND event = CAST(? AS TEXT) ORDER BY seq LIMIT CAST(? AS INTEGER)",
  "GET /v1/audit?since":
    "SELECT * FROM audit_events WHERE seq > CAST(? AS INTEGER) AND at >= CAST(? AS INTEGER) ORDER BY seq LIMIT CAST(? AS INTEGER)",
  "GET /v1/audit?linkId&event":
    "SELECT * FROM audit_events WHERE seq > CAST(? AS INTEGER) AND link_id = CAST(? AS TEXT) AND event = CAST(? AS TEXT) ORDER BY seq LIMIT CAST(? AS INTEGER)",
  "readAudit by company": "SELECT * FROM audit_events WHERE company_id = CAST(? AS TEXT) ORDER BY seq",
  "fold repeated views": "SELECT 1 FROM audit_events WHERE link_id = ? AND event = 'link.viewed' AND at > otl_now() - ? LIMIT 1",
  "retention purge": AUDIT_PURGE,
};

describe("SQLite audit indexes", () => {
  let dataDir: string;
  let db: DatabaseSync;
  const plans = new Map<string, string>();

  before(async () => {
    dataDir = tempDataDir();
    // The store runs every migration; the file is then read as it ships.
    await new SqliteStore({ dataDir }).close();
    db = new DatabaseSync(join(dataDir, "otl.sqlite"));
    db.function("otl_now", () => Date.now());
    for (const [name, sql] of Object.entries(AUDIT_QUERIES)) {
      const params = Array((sql.match(/\?/g) ?? []).length).fill("x");
      const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
      plans.set(name, rows.map((row) => row.detail).join("; "));
    }
  });

  after(() => {
    db.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers every audit query by an index or by seq, never by reading the whole log", () => {
    for (const [name, plan] of plans) assert.match(plan, /^SEARCH audit_events USING /, `${name}: ${plan}`);
  });

  it("keeps no index on audit_events that none of those queries uses", () => {
    const indexes = (
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'audit_events'").all() as { name: string }[]
    )
      .map((row) => row.name)
      .filter((name) => !name.startsWith("sqlite_autoindex"));
    assert.ok(indexes.length > 0);
    const used = [...plans.values()].join("\n");
    for (const index of indexes) assert.match(used, new RegExp(`INDEX ${index} `), `${index} serves no audit query`);
  });

  it("serves a link's events and the view fold from one partial index (migration 11)", () => {
    assert.match(plans.get("GET /v1/audit?linkId") ?? "", /INDEX audit_by_link \(link_id=\? AND seq>\?\)/);
    assert.match(plans.get("fold repeated views") ?? "", /INDEX audit_by_link /);
    const sql = (db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'audit_by_link'").get() as { sql: string }).sql;
    assert.match(sql, /\(link_id, seq\) WHERE link_id IS NOT NULL/);
  });

  it("purges by seq, with no index on the time (migration 12): from the oldest record to the first one in the window", () => {
    assert.equal(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'audit_by_time'").get(), undefined);
    // The DELETE takes a range of seq; its subquery finds the first record in the window by walking seq
    // from the start (MIN over the rowid, which SQLite stops at the first match), reading no more than the
    // records the purge deletes and one more.
    assert.equal(
      plans.get("retention purge"),
      "SEARCH audit_events USING INTEGER PRIMARY KEY (rowid<?); SCALAR SUBQUERY 1; SEARCH audit_events",
    );
    db.exec("BEGIN");
    try {
      const insert = db.prepare("INSERT INTO audit_events (at, event) VALUES (?, 'company.created')");
      for (const at of [1, 2, 10, 3, 11]) insert.run(at);
      db.prepare("INSERT INTO retention_purge (audit_before) VALUES (?)").run(5);
      db.prepare(AUDIT_PURGE).run(5);
      const left = (db.prepare("SELECT at FROM audit_events ORDER BY seq").all() as { at: number }[]).map((row) => row.at);
      assert.deepEqual(left, [10, 3, 11], "the old records before the first young one go; one stamped out of order waits");
    } finally {
      db.exec("ROLLBACK");
    }
  });
});
