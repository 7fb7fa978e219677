import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import { Worker } from "node:worker_threads";
import { type Clock, systemClock } from "../clock.ts";
import { patchOnRedeem } from "../flow.ts";
import { SQLITE_MIGRATIONS } from "./sqlite-schema.ts";
import type {
  Actor,
  AuditEntry,
  AuditRecord,
  CompanyRecord,
  ConnectionRecord,
  FlowPatch,
  FlowRecord,
  GrantRecord,
  OtlStore,
  RateLimitState,
  RedeemOutcome,
  RedeemRequest,
  SessionLookup,
  SessionRecord,
  StoredStep,
} from "./types.ts";

/** Where the SQLite store keeps its file: a directory, or `memory://` to keep nothing. */
export interface SqliteStoreOptions {
  /** A directory (created if missing) that holds `otl.sqlite`, or `memory://`. */
  dataDir: string;
  /** The clock behind the database's `otl_now()`; tests pass a manual one. */
  clock?: Clock;
}

/** The in-memory location: nothing is kept after close. */
export const MEMORY = "memory://";

type Row = Record<string, unknown>;

/** The writes of one event-loop turn, committed together. */
interface Batch {
  committed: Promise<void>;
  settle(error?: unknown): void;
}

const num = (value: unknown): number => value as number;
const numOrNull = (value: unknown): number | null => (value === null ? null : (value as number));
const strOrNull = (value: unknown): string | null => (value === null ? null : (value as string));

function toCompany(row: Row): CompanyRecord {
  return {
    id: row.id as string,
    name: row.name as string,
    contactEmail: strOrNull(row.contact_email),
    contactPhone: strOrNull(row.contact_phone),
    externalRef: strOrNull(row.external_ref),
    createdAt: num(row.created_at),
  };
}

function toConnection(row: Row): ConnectionRecord {
  return {
    id: row.id as string,
    companyId: row.company_id as string,
    flowId: strOrNull(row.flow_id),
    integration: row.integration as string,
    status: row.status as ConnectionRecord["status"],
    message: strOrNull(row.message),
    createdAt: num(row.created_at),
    updatedAt: num(row.updated_at),
  };
}

function toGrant(row: Row): GrantRecord {
  return {
    id: row.id as string,
    kind: row.kind as GrantRecord["kind"],
    companyId: row.company_id as string,
    connectionId: strOrNull(row.connection_id),
    secretHash: row.secret_hash as string,
    require2fa: row.require_2fa === 1,
    createdAt: num(row.created_at),
    expiresAt: num(row.expires_at),
    consumedAt: numOrNull(row.consumed_at),
    revokedAt: numOrNull(row.revoked_at),
    supersededAt: numOrNull(row.superseded_at),
  };
}

function toFlow(row: Row): FlowRecord {
  return {
    id: row.id as string,
    companyId: row.company_id as string,
    status: row.status as FlowRecord["status"],
    step: row.step as StoredStep,
    consentStatus: row.consent_status as FlowRecord["consentStatus"],
    consentAt: numOrNull(row.consent_at),
    consentTextVersion: strOrNull(row.consent_text_version),
    consentLocale: strOrNull(row.consent_locale),
    consentClientHash: strOrNull(row.consent_client_hash),
    activeConnectionId: strOrNull(row.active_connection_id),
    createdAt: num(row.created_at),
    updatedAt: num(row.updated_at),
    expiresAt: num(row.expires_at),
    finishedAt: numOrNull(row.finished_at),
  };
}

function toSession(row: Row): SessionRecord {
  return {
    id: row.id as string,
    tokenHash: row.token_hash as string,
    flowId: row.flow_id as string,
    grantId: strOrNull(row.grant_id),
    require2fa: row.require_2fa === 1,
    verifiedAt: numOrNull(row.verified_at),
    createdAt: num(row.created_at),
    lastSeenAt: num(row.last_seen_at),
    idleExpiresAt: num(row.idle_expires_at),
    expiresAt: num(row.expires_at),
    endedAt: numOrNull(row.ended_at),
  };
}

function toAudit(row: Row): AuditRecord {
  return {
    seq: num(row.seq),
    at: num(row.at),
    event: row.event as AuditRecord["event"],
    companyId: strOrNull(row.company_id),
    linkId: strOrNull(row.link_id),
    flowId: strOrNull(row.flow_id),
    clientHash: strOrNull(row.client_hash),
    detail: row.detail === null ? null : JSON.parse(row.detail as string),
  };
}

// A grant is usable while none of these has happened; `otl_now()` is the database's clock, read in the statement itself.
const USABLE = "consumed_at IS NULL AND revoked_at IS NULL AND superseded_at IS NULL AND expires_at > otl_now()";
const LINK_KINDS = "('company_link', 'connection_link')";
// Hashes arrive as a JSON array, so one statement serves any number of hash keys; with the usual
// single key (no rotation under way) a plain `=` spares SQLite building a temporary index per call.
const HASH_IN = "IN (SELECT value FROM json_each(?))";

/** The SQL test and its one parameter for "this column is one of these values". */
function oneOf(column: string, values: readonly string[]): [string, string] {
  return values.length === 1 ? [`${column} = ?`, values[0] as string] : [`${column} ${HASH_IN}`, JSON.stringify(values)];
}

// Companies never change once created, so a process may keep what it has read; bounded all the same.
const COMPANY_CACHE_MAX = 10_000;

const AUDIT_INSERT = "INSERT INTO audit_events (at, event, company_id, link_id, flow_id, client_hash, detail) VALUES ";
const AUDIT_ROW = "(otl_now(), ?, ?, ?, ?, ?, ?)";
const AUDIT_ROWS_PER_INSERT = 8;

/**
 * The embedded store: one SQLite file through Node's built-in `node:sqlite`, in WAL mode.
 * Every write runs synchronously, all or nothing (a savepoint inside the transaction of its
 * event-loop turn, see `#transaction`), so within a process no two operations interleave, and
 * across processes SQLite's write lock serialises them. Reads see committed data only.
 */
export class SqliteStore implements OtlStore {
  readonly #db: DatabaseSync;
  readonly #clock: Clock;
  readonly #statements = new Map<string, StatementSync>();
  readonly #checkpointer: Worker | undefined;
  readonly #companies = new Map<string, CompanyRecord>();
  #batch: Batch | null = null;
  #checkpointDue = false;

  constructor(options: SqliteStoreOptions) {
    this.#clock = options.clock ?? systemClock;
    const inMemory = options.dataDir === MEMORY;
    if (!inMemory) mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    this.#db = new DatabaseSync(inMemory ? ":memory:" : join(options.dataDir, "otl.sqlite"));
    this.#db.function("otl_now", { deterministic: false }, () => this.#clock.now());
    this.#db.exec("PRAGMA busy_timeout = 5000");
    this.#db.exec("PRAGMA foreign_keys = ON");
    if (!inMemory) {
      // WAL with NORMAL sync: a commit is one write to the log, no fsync. The fsyncs come with
      // checkpoints, which a worker thread runs on its own connection, off the request path; this
      // connection copies only the last few frames, so the log can start over (#finishCheckpoint).
      // After a burst, a log restarted from the top is cut back to this size rather than kept at its peak.
      this.#db.exec(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 67108864",
      );
      const source = import.meta.url.endsWith(".ts") ? "./sqlite-checkpointer.ts" : "./sqlite-checkpointer.js";
      this.#checkpointer = new Worker(new URL(source, import.meta.url), {
        workerData: { file: join(options.dataDir, "otl.sqlite"), intervalMs: 250 },
      });
      this.#checkpointer.unref();
      this.#checkpointer.on("message", () => this.#finishCheckpoint());
    }
    this.#migrate();
  }

  #migrate(): void {
    // One transaction for all of it, under the write lock: two processes starting at once cannot both migrate.
    this.#transactionNow(() => {
      this.#db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT");
      const applied = num((this.#db.prepare("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations").get() as Row).v);
      SQLITE_MIGRATIONS.forEach((sql, index) => {
        const version = index + 1;
        if (version <= applied) return;
        this.#db.exec(sql);
        this.#db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)").run(version, Date.now());
      });
    });
  }

  #sql(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #get(sql: string, ...params: SQLInputValue[]): Row | undefined {
    return this.#sql(sql).get(...params) as Row | undefined;
  }

  #all(sql: string, ...params: SQLInputValue[]): Row[] {
    return this.#sql(sql).all(...params) as Row[];
  }

  #run(sql: string, ...params: SQLInputValue[]): number {
    return Number(this.#sql(sql).run(...params).changes);
  }

  // IMMEDIATE takes the write lock up front, so two processes never both read then fail to upgrade.
  // BEGIN, COMMIT and the rest are prepared once: `exec` would parse them again on every call.
  #transactionNow<T>(work: () => T): T {
    this.#sql("BEGIN IMMEDIATE").run();
    try {
      const result = work();
      this.#sql("COMMIT").run();
      return result;
    } catch (error) {
      if (this.#db.isTransaction) this.#sql("ROLLBACK").run();
      throw error;
    }
  }

  /**
   * One write operation, all or nothing, answered only once it is committed (group commit).
   * The first write of an event-loop turn opens a transaction (BEGIN IMMEDIATE: the write lock);
   * every write in that turn runs in its own SAVEPOINT inside it, so a write that fails rolls back
   * alone; the turn's writes are committed together right after (setImmediate), and only then does
   * any of them return. A failed COMMIT fails them all: nothing of theirs was written. Statements
   * and decisions are exactly those of one transaction per write, run one after another; what is
   * shared is the cost of the commit itself, which writes each touched page to the WAL once.
   */
  async #transaction<T>(work: () => T): Promise<T> {
    const batch = this.#batch ?? this.#openBatch();
    this.#sql("SAVEPOINT otl_write").run();
    let result: T;
    try {
      result = work();
      this.#sql("RELEASE otl_write").run();
    } catch (error) {
      if (this.#db.isTransaction) {
        this.#sql("ROLLBACK TO otl_write").run();
        this.#sql("RELEASE otl_write").run();
      } else {
        // SQLite rolled back the whole transaction (I/O error, full disk…): the turn's other writes are gone too.
        this.#settleBatch(batch, error);
      }
      throw error;
    }
    await batch.committed;
    return result;
  }

  #openBatch(): Batch {
    this.#sql("BEGIN IMMEDIATE").run();
    let settle: (error?: unknown) => void = () => {};
    const committed = new Promise<void>((resolve, reject) => {
      settle = (error) => (error === undefined ? resolve() : reject(error));
    });
    // A turn whose writes all failed has no one waiting on its commit.
    committed.catch(() => {});
    const batch: Batch = { committed, settle };
    this.#batch = batch;
    setImmediate(() => this.#commitBatch(batch));
    return batch;
  }

  #commitBatch(batch: Batch): void {
    if (this.#batch !== batch) return;
    try {
      this.#sql("COMMIT").run();
    } catch (error) {
      if (this.#db.isTransaction) this.#sql("ROLLBACK").run();
      this.#settleBatch(batch, error);
      return;
    }
    this.#settleBatch(batch);
    if (this.#checkpointDue) this.#finishCheckpoint();
  }

  // The checkpointer has copied nearly all of the log: copy the last frames here, between two commits,
  // so the checkpoint reaches the end of the log and the next commit starts it over. PASSIVE never waits:
  // should the worker be mid-checkpoint, this is skipped until its next round.
  #finishCheckpoint(): void {
    if (this.#batch) {
      this.#checkpointDue = true;
      return;
    }
    this.#checkpointDue = false;
    try {
      if (this.#db.isOpen) this.#sql("PRAGMA wal_checkpoint(PASSIVE)").get();
    } catch {
      // Busy: the next round tries again.
    }
  }

  #settleBatch(batch: Batch, error?: unknown): void {
    if (this.#batch === batch) this.#batch = null;
    batch.settle(error);
  }

  // Reads see committed data only: while a turn's writes are still uncommitted, a read waits for their commit.
  async #committed(): Promise<void> {
    while (this.#batch) await this.#batch.committed.catch(() => {});
  }

  #audit(entry: AuditEntry, actor?: Actor): void {
    this.#auditAll([entry], actor);
  }

  // Several events of one operation go in as multi-row INSERTs (a few statement shapes, each prepared once), rows in order.
  #auditAll(entries: readonly AuditEntry[], actor?: Actor): void {
    for (let start = 0; start < entries.length; start += AUDIT_ROWS_PER_INSERT) {
      const chunk = entries.slice(start, start + AUDIT_ROWS_PER_INSERT);
      const values: SQLInputValue[] = [];
      for (const entry of chunk) {
        values.push(
          entry.event,
          entry.companyId ?? null,
          entry.linkId ?? null,
          entry.flowId ?? null,
          entry.clientHash ?? actor?.clientHash ?? null,
          entry.detail ? JSON.stringify(entry.detail) : null,
        );
      }
      this.#run(AUDIT_INSERT + Array(chunk.length).fill(AUDIT_ROW).join(", "), ...values);
    }
  }

  async createCompany(company: CompanyRecord, actor: Actor): Promise<void> {
    return this.#transaction(() => {
      this.#run(
        "INSERT INTO companies (id, name, contact_email, contact_phone, external_ref, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        company.id,
        company.name,
        company.contactEmail,
        company.contactPhone,
        company.externalRef,
        company.createdAt,
      );
      this.#audit({ event: "company.created", companyId: company.id }, actor);
    });
  }

  async getCompany(id: string): Promise<CompanyRecord | null> {
    const cached = this.#companies.get(id);
    if (cached) return cached;
    if (this.#batch) await this.#committed();
    const row = this.#get("SELECT * FROM companies WHERE id = ?", id);
    if (!row) return null;
    const company = toCompany(row);
    if (this.#companies.size >= COMPANY_CACHE_MAX) this.#companies.clear();
    this.#companies.set(id, company);
    return company;
  }

  #insertConnection(connection: ConnectionRecord): void {
    this.#run(
      "INSERT INTO connections (id, company_id, flow_id, integration, status, message, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      connection.id,
      connection.companyId,
      connection.flowId,
      connection.integration,
      connection.status,
      connection.message,
      connection.createdAt,
      connection.updatedAt,
    );
  }

  async createConnection(connection: ConnectionRecord, actor: Actor): Promise<void> {
    return this.#transaction(() => {
      this.#insertConnection(connection);
      this.#audit({ event: "connection.created", companyId: connection.companyId, detail: { connectionId: connection.id } }, actor);
    });
  }

  async getConnection(id: string): Promise<ConnectionRecord | null> {
    if (this.#batch) await this.#committed();
    const row = this.#get("SELECT * FROM connections WHERE id = ?", id);
    return row ? toConnection(row) : null;
  }

  async listConnections(companyId: string): Promise<ConnectionRecord[]> {
    if (this.#batch) await this.#committed();
    return this.#all("SELECT * FROM connections WHERE company_id = ? ORDER BY created_at, rowid", companyId).map(toConnection);
  }

  async issueGrant(grant: GrantRecord, options: { supersede: boolean }, actor: Actor): Promise<{ supersededIds: string[] }> {
    return this.#transaction(() => {
      const supersededIds = options.supersede
        ? this.#all(
            `UPDATE grants SET superseded_at = otl_now()
             WHERE company_id = ? AND kind = ? AND connection_id IS ? AND ${USABLE} RETURNING id`,
            grant.companyId,
            grant.kind,
            grant.connectionId,
          ).map((row) => row.id as string)
        : [];
      this.#run(
        `INSERT INTO grants (id, kind, company_id, connection_id, secret_hash, require_2fa, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        grant.id,
        grant.kind,
        grant.companyId,
        grant.connectionId,
        grant.secretHash,
        grant.require2fa ? 1 : 0,
        grant.createdAt,
        grant.expiresAt,
      );
      const events: AuditEntry[] = supersededIds.map((id) => ({
        event: "link.superseded",
        companyId: grant.companyId,
        linkId: id,
        detail: { by: grant.id },
      }));
      const event = grant.kind === "access_token" ? "access_token.issued" : "link.issued";
      events.push({ event, companyId: grant.companyId, linkId: grant.id, detail: { kind: grant.kind } });
      this.#auditAll(events, actor);
      return { supersededIds };
    });
  }

  async getGrant(id: string): Promise<GrantRecord | null> {
    if (this.#batch) await this.#committed();
    const row = this.#get("SELECT * FROM grants WHERE id = ?", id);
    return row ? toGrant(row) : null;
  }

  async findGrant(hashes: string[]): Promise<GrantRecord | null> {
    if (this.#batch) await this.#committed();
    const [hashTest, hashParam] = oneOf("secret_hash", hashes);
    const row = this.#get(`SELECT * FROM grants WHERE ${hashTest}`, hashParam);
    return row ? toGrant(row) : null;
  }

  async listLinks(companyId: string): Promise<GrantRecord[]> {
    if (this.#batch) await this.#committed();
    return this.#all(`SELECT * FROM grants WHERE company_id = ? AND kind IN ${LINK_KINDS} ORDER BY created_at DESC, id`, companyId).map(
      toGrant,
    );
  }

  async revokeGrant(id: string, actor: Actor): Promise<GrantRecord | null> {
    return this.#transaction(() => {
      const revoked = this.#get(`UPDATE grants SET revoked_at = otl_now() WHERE id = ? AND ${USABLE} RETURNING *`, id);
      if (revoked) {
        const grant = toGrant(revoked);
        this.#audit({ event: "link.revoked", companyId: grant.companyId, linkId: grant.id, detail: { by: "host" } }, actor);
        return grant;
      }
      const row = this.#get("SELECT * FROM grants WHERE id = ?", id);
      return row ? toGrant(row) : null;
    });
  }

  async redeem(request: RedeemRequest, actor: Actor): Promise<RedeemOutcome> {
    const [hashTest, hashParam] = request.hashes === null ? ["", ""] : oneOf("secret_hash", request.hashes);
    const [kindTest, kindParam] = oneOf("kind", request.kinds);
    return this.#transaction((): RedeemOutcome => {
      let grant: GrantRecord | null = null;
      if (request.hashes !== null) {
        // The one statement that decides: whoever's update returns the row owns the secret.
        const consumed = this.#get(
          `UPDATE grants SET consumed_at = otl_now()
           WHERE ${hashTest} AND ${kindTest}
             AND company_id = COALESCE(?, company_id) AND connection_id IS ? AND ${USABLE}
           RETURNING *`,
          hashParam,
          kindParam,
          request.companyId,
          request.connectionId,
        );
        if (!consumed) {
          const row = this.#get(`SELECT * FROM grants WHERE ${hashTest}`, hashParam);
          return { ok: false, grant: row ? toGrant(row) : null };
        }
        grant = toGrant(consumed);
      } else if (!this.#get("SELECT id FROM companies WHERE id = ?", request.companyId)) {
        return { ok: false, grant: null };
      }
      const companyId = grant?.companyId ?? (request.companyId as string);
      const events: AuditEntry[] = [];
      const flow = this.#openFlowFor(companyId, grant, request, events);
      const now = this.#clock.now();
      const session: SessionRecord = {
        id: request.session.id,
        tokenHash: request.session.tokenHash,
        flowId: flow.id,
        grantId: grant?.id ?? null,
        require2fa: grant?.require2fa ?? false,
        verifiedAt: null,
        createdAt: now,
        lastSeenAt: now,
        idleExpiresAt: now + Math.min(request.session.idleMs, request.session.absoluteMs),
        expiresAt: now + request.session.absoluteMs,
        endedAt: null,
      };
      this.#run(
        `INSERT INTO sessions (id, token_hash, flow_id, grant_id, require_2fa, verified_at, created_at, last_seen_at, idle_expires_at, expires_at)
         VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)`,
        session.id,
        session.tokenHash,
        session.flowId,
        session.grantId,
        session.require2fa ? 1 : 0,
        session.createdAt,
        session.lastSeenAt,
        session.idleExpiresAt,
        session.expiresAt,
      );
      events.push({
        event: "link.redeemed",
        companyId,
        linkId: grant?.id ?? null,
        flowId: flow.id,
        detail: { kind: grant?.kind ?? "reusable_link" },
      });
      this.#auditAll(events, actor);
      return { ok: true, grant, session, flow };
    });
  }

  // Inside redeem's transaction: the company's open flow, resumed at its step, or a new one.
  // Its audit events are pushed to `events`, for the caller to write with its own.
  #openFlowFor(companyId: string, grant: GrantRecord | null, request: RedeemRequest, events: AuditEntry[]): FlowRecord {
    // Under the write lock, so nothing changes between this read and the writes below; the database's clock decides expiry.
    let open = this.#get("SELECT *, expires_at <= otl_now() AS lapsed FROM flows WHERE company_id = ? AND status = 'open'", companyId);
    if (open && open.lapsed === 1) {
      this.#run("UPDATE flows SET status = 'expired', updated_at = otl_now() WHERE id = ? AND status = 'open'", open.id as string);
      open = undefined;
    }
    let flow: FlowRecord;
    if (open) {
      flow = toFlow(open);
      events.push({ event: "flow.resumed", companyId, linkId: grant?.id ?? null, flowId: flow.id, detail: { step: flow.step } });
    } else {
      const now = this.#clock.now();
      flow = {
        id: request.newFlow.id,
        companyId,
        status: "open",
        step: "consent",
        consentStatus: "pending",
        consentAt: null,
        consentTextVersion: null,
        consentLocale: null,
        consentClientHash: null,
        activeConnectionId: null,
        createdAt: now,
        updatedAt: now,
        expiresAt: now + request.newFlow.lifetimeMs,
        finishedAt: null,
      };
      this.#run(
        `INSERT INTO flows (id, company_id, status, step, consent_status, consent_at, active_connection_id, created_at, updated_at, expires_at)
         VALUES (?, ?, 'open', 'consent', 'pending', NULL, NULL, ?, ?, ?)`,
        flow.id,
        flow.companyId,
        flow.createdAt,
        flow.updatedAt,
        flow.expiresAt,
      );
      events.push({ event: "flow.started", companyId, linkId: grant?.id ?? null, flowId: flow.id });
    }
    if (grant?.connectionId == null) return flow;
    this.#run("UPDATE connections SET flow_id = ?, updated_at = otl_now() WHERE id = ?", flow.id, grant.connectionId);
    const target = this.#get("SELECT * FROM connections WHERE id = ?", grant.connectionId);
    const patch = patchOnRedeem(flow, grant, target ? toConnection(target) : null);
    return this.#patchFlow(flow.id, patch) ?? flow;
  }

  #patchFlow(flowId: string, patch: FlowPatch, fromSteps?: StoredStep[]): FlowRecord | null {
    const columns: Record<keyof FlowPatch, string> = {
      step: "step",
      consentStatus: "consent_status",
      consentAt: "consent_at",
      consentTextVersion: "consent_text_version",
      consentLocale: "consent_locale",
      consentClientHash: "consent_client_hash",
      activeConnectionId: "active_connection_id",
    };
    const keys = (Object.keys(patch) as (keyof FlowPatch)[]).filter((key) => patch[key] !== undefined);
    const sets = ["updated_at = otl_now()", ...keys.map((key) => `${columns[key]} = ?`)];
    const values = keys.map((key) => patch[key] as SQLInputValue);
    const stepGuard = fromSteps ? "AND step IN (SELECT value FROM json_each(?))" : "";
    const guardValues = fromSteps ? [JSON.stringify(fromSteps)] : [];
    const row = this.#get(
      `UPDATE flows SET ${sets.join(", ")} WHERE id = ? AND status = 'open' AND expires_at > otl_now() ${stepGuard} RETURNING *`,
      ...values,
      flowId,
      ...guardValues,
    );
    return row ? toFlow(row) : null;
  }

  async touchSession(hashes: string[], idleMs: number): Promise<SessionLookup> {
    const [hashTest, hashParam] = oneOf("token_hash", hashes);
    return this.#transaction(() => this.#touchSession(hashTest, hashParam, idleMs));
  }

  #touchSession(hashTest: string, hashParam: string, idleMs: number): SessionLookup {
    const row = this.#get(
      `UPDATE sessions SET last_seen_at = otl_now(), idle_expires_at = MIN(otl_now() + ?, expires_at)
       WHERE ${hashTest} AND ended_at IS NULL AND idle_expires_at > otl_now() RETURNING *`,
      idleMs,
      hashParam,
    );
    if (row) return { ok: true, session: toSession(row) };
    const stale = this.#get(`SELECT ended_at FROM sessions WHERE ${hashTest}`, hashParam);
    return { ok: false, reason: stale && stale.ended_at === null ? "expired" : "unknown" };
  }

  async endSession(id: string, actor: Actor): Promise<void> {
    return this.#transaction(() => {
      const row = this.#get("UPDATE sessions SET ended_at = otl_now() WHERE id = ? AND ended_at IS NULL RETURNING flow_id", id);
      if (row) this.#audit({ event: "session.ended", flowId: row.flow_id as string }, actor);
    });
  }

  async getFlow(id: string): Promise<FlowRecord | null> {
    if (this.#batch) await this.#committed();
    const row = this.#get("SELECT * FROM flows WHERE id = ?", id);
    return row ? toFlow(row) : null;
  }

  async latestFlow(companyId: string): Promise<FlowRecord | null> {
    if (this.#batch) await this.#committed();
    const row = this.#get(
      "SELECT * FROM flows WHERE company_id = ? ORDER BY (status = 'open') DESC, created_at DESC, rowid DESC LIMIT 1",
      companyId,
    );
    return row ? toFlow(row) : null;
  }

  async flowConnections(flowId: string): Promise<ConnectionRecord[]> {
    if (this.#batch) await this.#committed();
    return this.#all("SELECT * FROM connections WHERE flow_id = ? ORDER BY created_at, rowid", flowId).map(toConnection);
  }

  async updateFlow(flowId: string, fromSteps: StoredStep[], patch: FlowPatch, audit: AuditEntry, actor: Actor): Promise<FlowRecord | null> {
    return this.#transaction(() => {
      const flow = this.#patchFlow(flowId, patch, fromSteps);
      if (flow) this.#audit({ companyId: flow.companyId, flowId: flow.id, ...audit }, actor);
      return flow;
    });
  }

  async startConnection(
    flowId: string,
    fromSteps: StoredStep[],
    connection: ConnectionRecord,
    actor: Actor,
  ): Promise<{ flow: FlowRecord; connection: ConnectionRecord } | null> {
    return this.#transaction(() => {
      const flow = this.#patchFlow(flowId, { step: "connect", activeConnectionId: connection.id }, fromSteps);
      if (!flow) return null;
      const existing = this.#get("SELECT * FROM connections WHERE id = ? AND flow_id = ?", connection.id, flowId);
      if (existing) {
        this.#run(
          "UPDATE connections SET status = 'pending', message = NULL, updated_at = otl_now() WHERE id = ? AND status <> 'linked'",
          connection.id,
        );
      } else {
        this.#insertConnection({ ...connection, flowId });
      }
      const row = this.#get("SELECT * FROM connections WHERE id = ?", connection.id) as Row;
      this.#audit(
        {
          event: "connection.started",
          companyId: flow.companyId,
          flowId,
          detail: { connectionId: connection.id, integration: connection.integration },
        },
        actor,
      );
      return { flow, connection: toConnection(row) };
    });
  }

  async settleConnection(
    flowId: string,
    connectionId: string,
    result: { status: "linked" | "failed"; message: string | null },
    actor: Actor,
  ): Promise<{ flow: FlowRecord; connection: ConnectionRecord } | null> {
    return this.#transaction(() => {
      const row = this.#get(
        "UPDATE connections SET status = ?, message = ?, updated_at = otl_now() WHERE id = ? AND flow_id = ? AND status <> 'linked' RETURNING *",
        result.status,
        result.message,
        connectionId,
        flowId,
      );
      if (!row) return null;
      const connection = toConnection(row);
      const patch: FlowPatch = result.status === "linked" ? { step: "review", activeConnectionId: null } : {};
      const flow = this.#patchFlow(flowId, patch, ["connect"]);
      if (!flow) throw new Error("flow left the connect step while a connection settled");
      const event = result.status === "linked" ? "connection.linked" : "connection.failed";
      this.#audit({ event, companyId: flow.companyId, flowId, detail: { connectionId, integration: connection.integration } }, actor);
      return { flow, connection };
    });
  }

  async finishFlow(flowId: string, actor: Actor): Promise<{ flow: FlowRecord; revokedLinkIds: string[] } | null> {
    return this.#transaction(() => {
      const row = this.#get(
        `UPDATE flows SET status = 'done', step = 'done', finished_at = otl_now(), updated_at = otl_now(), active_connection_id = NULL
         WHERE id = ? AND status = 'open' AND step = 'review' AND expires_at > otl_now() RETURNING *`,
        flowId,
      );
      if (!row) return null;
      const flow = toFlow(row);
      const revokedLinkIds = this.#all(
        `UPDATE grants SET revoked_at = otl_now() WHERE company_id = ? AND kind IN ${LINK_KINDS} AND ${USABLE} RETURNING id`,
        flow.companyId,
      ).map((revoked) => revoked.id as string);
      const events: AuditEntry[] = revokedLinkIds.map((id) => ({
        event: "link.revoked",
        companyId: flow.companyId,
        linkId: id,
        flowId,
        detail: { by: "finish" },
      }));
      events.push({ event: "flow.finished", companyId: flow.companyId, flowId, detail: { disclosedAll: true } });
      this.#auditAll(events, actor);
      return { flow, revokedLinkIds };
    });
  }

  async audit(entry: AuditEntry): Promise<void> {
    return this.#transaction(() => this.#audit(entry));
  }

  async readAudit(filter: { companyId?: string } = {}): Promise<AuditRecord[]> {
    if (this.#batch) await this.#committed();
    const rows = filter.companyId
      ? this.#all("SELECT * FROM audit_events WHERE company_id = ? ORDER BY seq", filter.companyId)
      : this.#all("SELECT * FROM audit_events ORDER BY seq");
    return rows.map(toAudit);
  }

  async rateLimitState(key: string): Promise<RateLimitState | null> {
    if (this.#batch) await this.#committed();
    const row = this.#get("SELECT count, reset_at FROM rate_limits WHERE key = ? AND reset_at > otl_now()", key);
    return row ? { count: num(row.count), resetAt: num(row.reset_at) } : null;
  }

  async recordFailure(key: string, windowMs: number): Promise<RateLimitState> {
    // One upsert: a window that has run out starts again at 1, otherwise the count grows.
    return this.#transaction(() => this.#recordFailure(key, windowMs));
  }

  #recordFailure(key: string, windowMs: number): RateLimitState {
    const row = this.#get(
      `INSERT INTO rate_limits (key, window_start, reset_at, count) VALUES (?, otl_now(), otl_now() + ?, 1)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN reset_at <= otl_now() THEN 1 ELSE count + 1 END,
         window_start = CASE WHEN reset_at <= otl_now() THEN otl_now() ELSE window_start END,
         reset_at = CASE WHEN reset_at <= otl_now() THEN otl_now() + excluded.reset_at - excluded.window_start ELSE reset_at END
       RETURNING count, reset_at`,
      key,
      windowMs,
    ) as Row;
    return { count: num(row.count), resetAt: num(row.reset_at) };
  }

  async close(): Promise<void> {
    if (this.#batch) this.#commitBatch(this.#batch);
    if (this.#checkpointer) {
      const exited = new Promise((resolve) => this.#checkpointer?.once("exit", resolve));
      this.#checkpointer.postMessage("close");
      await exited;
    }
    if (this.#db.isOpen) {
      // A last checkpoint leaves a tidy file behind for backups and the next start.
      this.#db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
      this.#db.close();
    }
  }
}
