import postgres from "postgres";
import { type Clock, systemClock } from "../../clock.ts";
import { patchOnRedeem } from "../../flow.ts";
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
} from "../types.ts";
import { migrate } from "./migrate.ts";

/** How to reach PostgreSQL, and how much of it one process may use. */
export interface PostgresStoreOptions {
  /** A `postgres://user:password@host:port/database` URL (libpq query parameters such as `sslmode` work too). */
  url: string;
  /** Connections this process keeps open at most; default 10. Every process on the database has its own pool. */
  poolSize?: number;
  /** Milliseconds after which PostgreSQL cancels one statement (`statement_timeout`); default 5000. */
  statementTimeoutMs?: number;
  /** Apply pending migrations when opening (default true); `otl-server migrate` applies them on its own. */
  migrate?: boolean;
  /**
   * A clock that replaces the database's in `otl_now()`, pinned per transaction: for tests only.
   * Without it the database's clock decides expiry, so every process agrees however their clocks drift.
   */
  clock?: Clock;
}

type Db = postgres.Sql<{ bigint: number }>;
type Tx = postgres.TransactionSql<{ bigint: number }>;
/** Anything that runs a statement: the pool, or one transaction. */
type Queryable = Db | Tx;

// Columns read back into records, named so that `toCamel` gives each record's field names; the
// `seq` columns stand in for SQLite's rowid and stay out of the records.
const COMPANY = ["id", "name", "contact_email", "contact_phone", "external_ref", "created_at"];
const CONNECTION = ["id", "company_id", "flow_id", "integration", "status", "message", "created_at", "updated_at"];
const GRANT = [
  "id",
  "kind",
  "company_id",
  "connection_id",
  "secret_hash",
  "require_2fa",
  "created_at",
  "expires_at",
  "consumed_at",
  "revoked_at",
  "superseded_at",
];
const FLOW = [
  "id",
  "company_id",
  "status",
  "step",
  "consent_status",
  "consent_at",
  "active_connection_id",
  "created_at",
  "updated_at",
  "expires_at",
  "finished_at",
];
const SESSION = [
  "id",
  "token_hash",
  "flow_id",
  "grant_id",
  "require_2fa",
  "verified_at",
  "created_at",
  "last_seen_at",
  "idle_expires_at",
  "expires_at",
  "ended_at",
];
const AUDIT = ["seq", "at", "event", "company_id", "link_id", "flow_id", "client_hash", "detail"];
const LINK_KINDS = ["company_link", "connection_link"];

// Losers of a lock cycle (40P01) or of a serializable check (40001) are retried: every operation is
// one transaction with its ids chosen beforehand, so running it again is the same operation.
const RETRYABLE = new Set(["40001", "40P01"]);
const ATTEMPTS = 5;

const DEFAULT_POOL_SIZE = 10;
const DEFAULT_STATEMENT_TIMEOUT_MS = 5_000;

/** The store's SQL for "this grant is still usable"; `otl_now()` is the database's clock, read in the statement itself. */
const usable = (sql: Queryable) => sql`consumed_at IS NULL AND revoked_at IS NULL AND superseded_at IS NULL AND expires_at > otl_now()`;

/**
 * The scale-out store: any number of `otl-server` processes on one PostgreSQL (≥ 14), through the
 * `postgres` driver's pool. Each operation is one READ COMMITTED transaction. The conditional
 * `UPDATE … RETURNING` decides every race, as in SQLite: a concurrent loser waits on the row lock,
 * re-reads the row once the winner commits, finds it no longer matches, and gets a clean "consumed"
 * answer, never an error. Work that reads before it writes (opening a company's flow, superseding its
 * links) first locks the company's row, which stands in for SQLite's single write lock.
 */
export class PostgresStore implements OtlStore {
  readonly #sql: Db;
  readonly #clock: Clock | null;

  private constructor(sql: Db, clock: Clock | null) {
    this.#sql = sql;
    this.#clock = clock;
  }

  /** Connects, applies pending migrations (unless `migrate: false`) and answers the store. */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const sql = connect(options);
    try {
      if (options.migrate !== false) await migrate(sql);
    } catch (error) {
      await sql.end({ timeout: 5 });
      throw error;
    }
    const clock = options.clock && options.clock !== systemClock ? options.clock : null;
    return new PostgresStore(sql, clock);
  }

  // One transaction, retried when PostgreSQL picked it as the loser of a deadlock.
  async #write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.#sql.begin(async (tx) => {
          await this.#pinClock(tx);
          return work(tx);
        })) as T;
      } catch (error) {
        if (attempt >= ATTEMPTS || !RETRYABLE.has((error as { code?: string }).code ?? "")) throw error;
      }
    }
  }

  // A read is one statement on the pool; with a test clock it needs a transaction to pin the clock in.
  #read<T>(work: (sql: Queryable) => Promise<T>): Promise<T> {
    return this.#clock ? this.#write(work) : work(this.#sql);
  }

  async #pinClock(tx: Tx): Promise<void> {
    if (this.#clock) await tx`SELECT set_config('otl.now', ${String(this.#clock.now())}, true)`;
  }

  // All of an operation's audit events in one INSERT, in order, whatever their number.
  async #audit(tx: Queryable, entries: readonly AuditEntry[], actor?: Actor): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map((entry) => ({
      event: entry.event,
      company_id: entry.companyId ?? null,
      link_id: entry.linkId ?? null,
      flow_id: entry.flowId ?? null,
      client_hash: entry.clientHash ?? actor?.clientHash ?? null,
      detail: entry.detail ?? null,
    }));
    await tx`
      INSERT INTO audit_events (at, event, company_id, link_id, flow_id, client_hash, detail)
      SELECT otl_now(), event, company_id, link_id, flow_id, client_hash, detail
      FROM jsonb_to_recordset(${tx.json(rows)}::jsonb)
        AS entry(event text, company_id text, link_id text, flow_id text, client_hash text, detail jsonb)`;
  }

  async createCompany(company: CompanyRecord, actor: Actor): Promise<void> {
    await this.#write(async (tx) => {
      await tx`
        INSERT INTO companies (id, name, contact_email, contact_phone, external_ref, created_at)
        VALUES (${company.id}, ${company.name}, ${company.contactEmail}, ${company.contactPhone}, ${company.externalRef}, ${company.createdAt})`;
      await this.#audit(tx, [{ event: "company.created", companyId: company.id }], actor);
    });
  }

  async getCompany(id: string): Promise<CompanyRecord | null> {
    const [row] = await this.#read((sql) => sql`SELECT ${sql(COMPANY)} FROM companies WHERE id = ${id}`);
    return (row as CompanyRecord | undefined) ?? null;
  }

  async #insertConnection(tx: Tx, connection: ConnectionRecord): Promise<ConnectionRecord> {
    const [row] = await tx`
      INSERT INTO connections (id, company_id, flow_id, integration, status, message, created_at, updated_at)
      VALUES (${connection.id}, ${connection.companyId}, ${connection.flowId}, ${connection.integration},
              ${connection.status}, ${connection.message}, ${connection.createdAt}, ${connection.updatedAt})
      RETURNING ${tx(CONNECTION)}`;
    return row as ConnectionRecord;
  }

  async createConnection(connection: ConnectionRecord, actor: Actor): Promise<void> {
    await this.#write(async (tx) => {
      await this.#insertConnection(tx, connection);
      await this.#audit(
        tx,
        [{ event: "connection.created", companyId: connection.companyId, detail: { connectionId: connection.id } }],
        actor,
      );
    });
  }

  async getConnection(id: string): Promise<ConnectionRecord | null> {
    const [row] = await this.#read((sql) => sql`SELECT ${sql(CONNECTION)} FROM connections WHERE id = ${id}`);
    return (row as ConnectionRecord | undefined) ?? null;
  }

  async listConnections(companyId: string): Promise<ConnectionRecord[]> {
    const rows = await this.#read(
      (sql) => sql`SELECT ${sql(CONNECTION)} FROM connections WHERE company_id = ${companyId} ORDER BY created_at, seq`,
    );
    return [...rows] as ConnectionRecord[];
  }

  async issueGrant(grant: GrantRecord, options: { supersede: boolean }, actor: Actor): Promise<{ supersededIds: string[] }> {
    return this.#write(async (tx) => {
      let supersededIds: string[] = [];
      if (options.supersede) {
        // Two issues at once through two processes must not each miss the other's new grant.
        await tx`SELECT 1 FROM companies WHERE id = ${grant.companyId} FOR NO KEY UPDATE`;
        const rows = await tx`
          UPDATE grants SET superseded_at = otl_now()
          WHERE company_id = ${grant.companyId} AND kind = ${grant.kind}
            AND connection_id IS NOT DISTINCT FROM ${grant.connectionId} AND ${usable(tx)}
          RETURNING id`;
        supersededIds = rows.map((row) => row.id as string);
      }
      await tx`
        INSERT INTO grants (id, kind, company_id, connection_id, secret_hash, require_2fa, created_at, expires_at)
        VALUES (${grant.id}, ${grant.kind}, ${grant.companyId}, ${grant.connectionId}, ${grant.secretHash},
                ${grant.require2fa}, ${grant.createdAt}, ${grant.expiresAt})`;
      const events: AuditEntry[] = supersededIds.map((id) => ({
        event: "link.superseded",
        companyId: grant.companyId,
        linkId: id,
        detail: { by: grant.id },
      }));
      const event = grant.kind === "access_token" ? "access_token.issued" : "link.issued";
      events.push({ event, companyId: grant.companyId, linkId: grant.id, detail: { kind: grant.kind } });
      await this.#audit(tx, events, actor);
      return { supersededIds };
    });
  }

  async getGrant(id: string): Promise<GrantRecord | null> {
    const [row] = await this.#read((sql) => sql`SELECT ${sql(GRANT)} FROM grants WHERE id = ${id}`);
    return (row as GrantRecord | undefined) ?? null;
  }

  async findGrant(hashes: string[]): Promise<GrantRecord | null> {
    return this.#read((sql) => this.#grantByHash(sql, hashes));
  }

  async #grantByHash(sql: Queryable, hashes: string[]): Promise<GrantRecord | null> {
    const [row] = await sql`SELECT ${sql(GRANT)} FROM grants WHERE secret_hash = ANY(${hashes})`;
    return (row as GrantRecord | undefined) ?? null;
  }

  async listLinks(companyId: string): Promise<GrantRecord[]> {
    const rows = await this.#read(
      (sql) =>
        sql`SELECT ${sql(GRANT)} FROM grants WHERE company_id = ${companyId} AND kind = ANY(${LINK_KINDS}) ORDER BY created_at DESC, id`,
    );
    return [...rows] as GrantRecord[];
  }

  async revokeGrant(id: string, actor: Actor): Promise<GrantRecord | null> {
    return this.#write(async (tx) => {
      const [revoked] = await tx`UPDATE grants SET revoked_at = otl_now() WHERE id = ${id} AND ${usable(tx)} RETURNING ${tx(GRANT)}`;
      if (revoked) {
        const grant = revoked as GrantRecord;
        await this.#audit(tx, [{ event: "link.revoked", companyId: grant.companyId, linkId: grant.id, detail: { by: "host" } }], actor);
        return grant;
      }
      const [row] = await tx`SELECT ${tx(GRANT)} FROM grants WHERE id = ${id}`;
      return (row as GrantRecord | undefined) ?? null;
    });
  }

  async redeem(request: RedeemRequest, actor: Actor): Promise<RedeemOutcome> {
    return this.#write(async (tx): Promise<RedeemOutcome> => {
      let grant: GrantRecord | null = null;
      if (request.hashes !== null) {
        // The one statement that decides: whoever's update returns the row owns the secret. A
        // concurrent loser waits for the winner's commit, finds the row consumed, and returns nothing.
        const [consumed] = await tx`
          UPDATE grants SET consumed_at = otl_now()
          WHERE secret_hash = ANY(${request.hashes}) AND kind = ANY(${request.kinds})
            AND company_id = COALESCE(${request.companyId}::text, company_id)
            AND connection_id IS NOT DISTINCT FROM ${request.connectionId}::text AND ${usable(tx)}
          RETURNING ${tx(GRANT)}`;
        if (!consumed) return { ok: false, grant: await this.#grantByHash(tx, request.hashes) };
        grant = consumed as GrantRecord;
      }
      const companyId = grant?.companyId ?? (request.companyId as string);
      // The company's row lock serialises the read-then-write below across every process.
      const [company] = await tx`SELECT id FROM companies WHERE id = ${companyId} FOR NO KEY UPDATE`;
      if (!company) return { ok: false, grant: null };
      const events: AuditEntry[] = [];
      const flow = await this.#openFlowFor(tx, companyId, grant, request, events);
      const idleMs = Math.min(request.session.idleMs, request.session.absoluteMs);
      const [session] = await tx`
        INSERT INTO sessions (id, token_hash, flow_id, grant_id, require_2fa, verified_at, created_at, last_seen_at, idle_expires_at, expires_at)
        VALUES (${request.session.id}, ${request.session.tokenHash}, ${flow.id}, ${grant?.id ?? null}, ${grant?.require2fa ?? false},
                NULL, otl_now(), otl_now(), otl_now() + ${idleMs}, otl_now() + ${request.session.absoluteMs})
        RETURNING ${tx(SESSION)}`;
      events.push({
        event: "link.redeemed",
        companyId,
        linkId: grant?.id ?? null,
        flowId: flow.id,
        detail: { kind: grant?.kind ?? "reusable_link" },
      });
      await this.#audit(tx, events, actor);
      return { ok: true, grant, session: session as SessionRecord, flow };
    });
  }

  // Inside redeem's transaction, under the company's row lock: the company's open flow, resumed at
  // its step, or a new one. Its audit events are pushed to `events`, for the caller to write with its own.
  async #openFlowFor(
    tx: Tx,
    companyId: string,
    grant: GrantRecord | null,
    request: RedeemRequest,
    events: AuditEntry[],
  ): Promise<FlowRecord> {
    let [open] =
      await tx`SELECT ${tx(FLOW)}, expires_at <= otl_now() AS lapsed FROM flows WHERE company_id = ${companyId} AND status = 'open'`;
    if (open?.lapsed) {
      await tx`UPDATE flows SET status = 'expired', updated_at = otl_now() WHERE id = ${open.id} AND status = 'open'`;
      open = undefined;
    }
    let flow: FlowRecord;
    if (open) {
      const { lapsed: _, ...record } = open;
      flow = record as FlowRecord;
      events.push({ event: "flow.resumed", companyId, linkId: grant?.id ?? null, flowId: flow.id, detail: { step: flow.step } });
    } else {
      const [created] = await tx`
        INSERT INTO flows (id, company_id, status, step, consent_status, consent_at, active_connection_id, created_at, updated_at, expires_at)
        VALUES (${request.newFlow.id}, ${companyId}, 'open', 'consent', 'pending', NULL, NULL, otl_now(), otl_now(), otl_now() + ${request.newFlow.lifetimeMs})
        RETURNING ${tx(FLOW)}`;
      flow = created as FlowRecord;
      events.push({ event: "flow.started", companyId, linkId: grant?.id ?? null, flowId: flow.id });
    }
    if (grant?.connectionId == null) return flow;
    const [target] = await tx`
      UPDATE connections SET flow_id = ${flow.id}, updated_at = otl_now() WHERE id = ${grant.connectionId} RETURNING ${tx(CONNECTION)}`;
    const patch = patchOnRedeem(flow, grant, (target as ConnectionRecord | undefined) ?? null);
    return (await this.#patchFlow(tx, flow.id, patch)) ?? flow;
  }

  // One statement shape for every patch (so it is prepared once): a field the patch leaves out keeps its value.
  async #patchFlow(tx: Tx, flowId: string, patch: FlowPatch, fromSteps?: StoredStep[]): Promise<FlowRecord | null> {
    const [row] = await tx`
      UPDATE flows SET
        step = CASE WHEN ${patch.step !== undefined} THEN ${patch.step ?? null}::text ELSE step END,
        consent_status = CASE WHEN ${patch.consentStatus !== undefined} THEN ${patch.consentStatus ?? null}::text ELSE consent_status END,
        consent_at = CASE WHEN ${patch.consentAt !== undefined} THEN ${patch.consentAt ?? null}::bigint ELSE consent_at END,
        active_connection_id = CASE WHEN ${patch.activeConnectionId !== undefined}
          THEN ${patch.activeConnectionId ?? null}::text ELSE active_connection_id END,
        updated_at = otl_now()
      WHERE id = ${flowId} AND status = 'open' AND expires_at > otl_now()
        AND (${fromSteps === undefined} OR step = ANY(${fromSteps ?? []}::text[]))
      RETURNING ${tx(FLOW)}`;
    return (row as FlowRecord | undefined) ?? null;
  }

  async touchSession(hashes: string[], idleMs: number): Promise<SessionLookup> {
    return this.#write(async (tx) => {
      const [row] = await tx`
        UPDATE sessions SET last_seen_at = otl_now(), idle_expires_at = LEAST(otl_now() + ${idleMs}, expires_at)
        WHERE token_hash = ANY(${hashes}) AND ended_at IS NULL AND idle_expires_at > otl_now()
        RETURNING ${tx(SESSION)}`;
      if (row) return { ok: true, session: row as SessionRecord };
      const [stale] = await tx`SELECT ended_at FROM sessions WHERE token_hash = ANY(${hashes})`;
      return { ok: false, reason: stale && stale.endedAt === null ? "expired" : "unknown" };
    });
  }

  async endSession(id: string, actor: Actor): Promise<void> {
    await this.#write(async (tx) => {
      const [row] = await tx`UPDATE sessions SET ended_at = otl_now() WHERE id = ${id} AND ended_at IS NULL RETURNING flow_id`;
      if (row) await this.#audit(tx, [{ event: "session.ended", flowId: row.flowId as string }], actor);
    });
  }

  async getFlow(id: string): Promise<FlowRecord | null> {
    const [row] = await this.#read((sql) => sql`SELECT ${sql(FLOW)} FROM flows WHERE id = ${id}`);
    return (row as FlowRecord | undefined) ?? null;
  }

  async latestFlow(companyId: string): Promise<FlowRecord | null> {
    const [row] = await this.#read(
      (sql) => sql`
        SELECT ${sql(FLOW)} FROM flows WHERE company_id = ${companyId}
        ORDER BY (status = 'open') DESC, created_at DESC, seq DESC LIMIT 1`,
    );
    return (row as FlowRecord | undefined) ?? null;
  }

  async flowConnections(flowId: string): Promise<ConnectionRecord[]> {
    const rows = await this.#read(
      (sql) => sql`SELECT ${sql(CONNECTION)} FROM connections WHERE flow_id = ${flowId} ORDER BY created_at, seq`,
    );
    return [...rows] as ConnectionRecord[];
  }

  async updateFlow(flowId: string, fromSteps: StoredStep[], patch: FlowPatch, audit: AuditEntry, actor: Actor): Promise<FlowRecord | null> {
    return this.#write(async (tx) => {
      const flow = await this.#patchFlow(tx, flowId, patch, fromSteps);
      if (flow) await this.#audit(tx, [{ companyId: flow.companyId, flowId: flow.id, ...audit }], actor);
      return flow;
    });
  }

  async startConnection(
    flowId: string,
    fromSteps: StoredStep[],
    connection: ConnectionRecord,
    actor: Actor,
  ): Promise<{ flow: FlowRecord; connection: ConnectionRecord } | null> {
    return this.#write(async (tx) => {
      const flow = await this.#patchFlow(tx, flowId, { step: "connect", activeConnectionId: connection.id }, fromSteps);
      if (!flow) return null;
      const [existing] = await tx`SELECT id FROM connections WHERE id = ${connection.id} AND flow_id = ${flowId}`;
      let row: ConnectionRecord;
      if (existing) {
        // A linked connection stays linked: the update leaves it alone, and the read answers it as it is.
        const [retried] = await tx`
          UPDATE connections SET status = 'pending', message = NULL, updated_at = otl_now()
          WHERE id = ${connection.id} AND status <> 'linked' RETURNING ${tx(CONNECTION)}`;
        const [current] = retried ? [retried] : await tx`SELECT ${tx(CONNECTION)} FROM connections WHERE id = ${connection.id}`;
        row = current as ConnectionRecord;
      } else {
        row = await this.#insertConnection(tx, { ...connection, flowId });
      }
      await this.#audit(
        tx,
        [
          {
            event: "connection.started",
            companyId: flow.companyId,
            flowId,
            detail: { connectionId: connection.id, integration: connection.integration },
          },
        ],
        actor,
      );
      return { flow, connection: row };
    });
  }

  async settleConnection(
    flowId: string,
    connectionId: string,
    result: { status: "linked" | "failed"; message: string | null },
    actor: Actor,
  ): Promise<{ flow: FlowRecord; connection: ConnectionRecord } | null> {
    return this.#write(async (tx) => {
      const [row] = await tx`
        UPDATE connections SET status = ${result.status}, message = ${result.message}, updated_at = otl_now()
        WHERE id = ${connectionId} AND flow_id = ${flowId} AND status <> 'linked' RETURNING ${tx(CONNECTION)}`;
      if (!row) return null;
      const connection = row as ConnectionRecord;
      const patch: FlowPatch = result.status === "linked" ? { step: "review", activeConnectionId: null } : {};
      const flow = await this.#patchFlow(tx, flowId, patch, ["connect"]);
      if (!flow) throw new Error("flow left the connect step while a connection settled");
      const event = result.status === "linked" ? "connection.linked" : "connection.failed";
      await this.#audit(
        tx,
        [{ event, companyId: flow.companyId, flowId, detail: { connectionId, integration: connection.integration } }],
        actor,
      );
      return { flow, connection };
    });
  }

  async finishFlow(flowId: string, actor: Actor): Promise<{ flow: FlowRecord; revokedLinkIds: string[] } | null> {
    return this.#write(async (tx) => {
      const [row] = await tx`
        UPDATE flows SET status = 'done', step = 'done', finished_at = otl_now(), updated_at = otl_now(), active_connection_id = NULL
        WHERE id = ${flowId} AND status = 'open' AND step = 'review' AND expires_at > otl_now() RETURNING ${tx(FLOW)}`;
      if (!row) return null;
      const flow = row as FlowRecord;
      const revoked = await tx`
        UPDATE grants SET revoked_at = otl_now()
        WHERE company_id = ${flow.companyId} AND kind = ANY(${LINK_KINDS}) AND ${usable(tx)} RETURNING id`;
      const revokedLinkIds = revoked.map((grant) => grant.id as string);
      const events: AuditEntry[] = revokedLinkIds.map((id) => ({
        event: "link.revoked",
        companyId: flow.companyId,
        linkId: id,
        flowId,
        detail: { by: "finish" },
      }));
      events.push({ event: "flow.finished", companyId: flow.companyId, flowId, detail: { disclosedAll: true } });
      await this.#audit(tx, events, actor);
      return { flow, revokedLinkIds };
    });
  }

  async audit(entry: AuditEntry): Promise<void> {
    await this.#write((tx) => this.#audit(tx, [entry]));
  }

  async readAudit(filter: { companyId?: string } = {}): Promise<AuditRecord[]> {
    const rows = await this.#read((sql) =>
      filter.companyId
        ? sql`SELECT ${sql(AUDIT)} FROM audit_events WHERE company_id = ${filter.companyId} ORDER BY seq`
        : sql`SELECT ${sql(AUDIT)} FROM audit_events ORDER BY seq`,
    );
    return [...rows] as AuditRecord[];
  }

  async rateLimitState(key: string): Promise<RateLimitState | null> {
    const [row] = await this.#read((sql) => sql`SELECT count, reset_at FROM rate_limits WHERE key = ${key} AND reset_at > otl_now()`);
    return row ? { count: row.count as number, resetAt: row.resetAt as number } : null;
  }

  async recordFailure(key: string, windowMs: number): Promise<RateLimitState> {
    // One upsert, atomic across processes: a window that has run out starts again at 1, otherwise the count grows.
    const [row] = await this.#write(
      (tx) => tx`
        INSERT INTO rate_limits AS counter (key, window_start, reset_at, count) VALUES (${key}, otl_now(), otl_now() + ${windowMs}, 1)
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN counter.reset_at <= otl_now() THEN 1 ELSE counter.count + 1 END,
          window_start = CASE WHEN counter.reset_at <= otl_now() THEN otl_now() ELSE counter.window_start END,
          reset_at = CASE WHEN counter.reset_at <= otl_now() THEN excluded.reset_at ELSE counter.reset_at END
        RETURNING count, reset_at`,
    );
    return { count: row?.count as number, resetAt: row?.resetAt as number };
  }

  /** Closes the pool, letting statements under way finish (at most 5 s). */
  async close(): Promise<void> {
    await this.#sql.end({ timeout: 5 });
  }
}

/** The driver's pool for `options`: BIGINT epoch milliseconds read as numbers, snake_case columns as camelCase fields. */
export function connect(options: Pick<PostgresStoreOptions, "url" | "poolSize" | "statementTimeoutMs">): Db {
  return postgres(options.url, {
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    connection: {
      statement_timeout: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
      application_name: "otl-server",
    },
    // Epoch milliseconds stay below 2^53 for another 285,000 years: a number holds them exactly.
    types: { bigint: { to: 20, from: [20], serialize: (value: number) => String(value), parse: (value: string) => Number(value) } },
    transform: { column: { from: postgres.toCamel } },
    // `CREATE TABLE IF NOT EXISTS` and the like send notices; they are not worth a log line.
    onnotice: () => {},
  });
}
