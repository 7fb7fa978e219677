import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync, StatementSync } from "node:sqlite";
import { after, before, describe, it } from "node:test";
import { ManualClock } from "../../clock.ts";
import { tempDataDir } from "../../test/harness.ts";
import type { ConnectionRecord, FlowRecord, GrantRecord, SessionRecord } from "../types.ts";
import { SqliteConnection } from "./connection.ts";
import { SqliteReads } from "./reads.ts";
import { SqliteStore } from "./store.ts";

const T = Date.parse("2026-03-01T12:00:00Z");
const company = { id: "co_values", name: "Values", contactEmail: null, contactPhone: null, externalRef: null, locale: "de", createdAt: T };
const grant: GrantRecord = {
  id: "at_values",
  kind: "access_token",
  companyId: company.id,
  connectionId: null,
  secretHash: "hash-values",
  require2fa: true,
  createdAt: T,
  expiresAt: T + 60_000,
  consumedAt: T + 1,
  revokedAt: null,
  supersededAt: null,
};
const flow: FlowRecord = {
  id: "fl_values",
  companyId: company.id,
  status: "open",
  step: "select",
  consentStatus: "accepted",
  consentAt: T + 2,
  consentTextVersion: "v3",
  consentLocale: "de",
  consentClientHash: "client-hash",
  activeConnectionId: "cn_values",
  createdAt: T,
  updatedAt: T + 2,
  expiresAt: T + 3_600_000,
  finishedAt: null,
};
const session: SessionRecord = {
  id: "ss_values",
  tokenHash: "token-hash",
  flowId: flow.id,
  grantId: grant.id,
  require2fa: true,
  verifiedAt: T + 3,
  createdAt: T,
  lastSeenAt: T + 3,
  idleExpiresAt: T + 900_000,
  expiresAt: T + 3_600_000,
  endedAt: null,
};
const connection: ConnectionRecord = {
  id: "cn_values",
  companyId: company.id,
  flowId: flow.id,
  integration: "sandbox-bank",
  status: "failed",
  message: "wrong password",
  createdAt: T,
  updatedAt: T + 4,
};

// The store reads sessions, flows, connections and grants by named columns, as arrays where node:sqlite
// has `setReturnArrays` (Node 24, 22.16) and as the row object's values where it has not (22.13–22.15).
// Both must give back every field as written.
describe("SQLite rows as values", () => {
  let dataDir: string;
  let db: DatabaseSync;

  before(async () => {
    dataDir = tempDataDir();
    const store = new SqliteStore({ dataDir, clock: new ManualClock(T + 2) });
    await store.withTransaction(async (tx) => {
      await tx.insertCompany(company);
      await tx.insertGrant(grant);
      await tx.insertFlow(flow);
      await tx.updateFlow(flow.id, {
        consentTextVersion: flow.consentTextVersion,
        consentLocale: flow.consentLocale,
        consentClientHash: flow.consentClientHash,
      });
      await tx.insertSession(session);
      await tx.insertConnection(connection);
    });
    await store.close();
    db = new DatabaseSync(join(dataDir, "otl.sqlite"));
  });

  after(() => {
    db.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // On a Node without setReturnArrays only the fallback can run.
  const modes = typeof StatementSync.prototype.setReturnArrays === "function" ? [true, false] : [false];
  for (const returnArrays of modes) {
    it(`reads every field back ${returnArrays ? "from arrays" : "from row objects (Node before 22.16)"}`, async () => {
      const reads = new SqliteReads(new SqliteConnection(db, new ManualClock(T + 2), returnArrays));
      assert.deepEqual(await reads.getGrant(grant.id), grant);
      assert.deepEqual(await reads.findGrant([grant.secretHash]), grant);
      assert.deepEqual(await reads.findSession([session.tokenHash]), session);
      assert.deepEqual(await reads.getFlow(flow.id), flow);
      assert.deepEqual(await reads.openFlow(company.id), flow);
      assert.deepEqual(await reads.flowConnections(flow.id), [connection]);
      assert.deepEqual(await reads.getConnection(connection.id), connection);
      assert.deepEqual(await reads.listConnections(company.id), [connection]);
    });
  }
});
