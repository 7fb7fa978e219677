import type { SQLInputValue } from "node:sqlite";
import type {
  Actor,
  AuditEntry,
  AuditFilter,
  AuditRecord,
  CompanyRecord,
  ConnectionRecord,
  FileRecord,
  FlowPatch,
  FlowRecord,
  GrantMatch,
  GrantRecord,
  GrantScope,
  NewOutboxMessage,
  NewSecondFactorCode,
  OAuthStateRecord,
  OutboxOutcome,
  OutboxRecord,
  PurgeCounts,
  PurgeCutoffs,
  RateLimitState,
  SecondFactorRecord,
  SessionRecord,
  StoredStep,
  StoreTransaction,
  WebhookEndpointRecord,
  WebhookSubscription,
} from "../types.ts";
import { type AuditRow, auditRows, foldSince, insertAudit, viewedIn } from "./audit-rows.ts";
import type { SqliteConnection } from "./connection.ts";
import { LINK_KINDS_SQL, oneOf, SqliteReads } from "./reads.ts";
import {
  CONNECTION_COLUMNS,
  FLOW_COLUMNS,
  GRANT_COLUMNS,
  SESSION_COLUMNS,
  toConnection,
  toFlow,
  toGrant,
  toOAuthState,
  toOutbox,
  toSecondFactor,
  toSession,
} from "./rows.ts";

// A grant is usable while none of these has happened; its one parameter is the transaction's time.
const USABLE = "consumed_at IS NULL AND revoked_at IS NULL AND superseded_at IS NULL AND expires_at > ?";

/**
 * The audit records a purge deletes: the oldest, by seq, up to the first one still within the window.
 * Seq is the log's insertion order and `at` follows it, so these are the records older than the cutoff,
 * found without an index on `at` (dropped in migration 12): SQLite walks seq from the start and stops at
 * the first younger record, reading only what it deletes. A record stamped out of order (a clock set back)
 * waits behind a younger one for a later purge, never the other way round.
 */
export const AUDIT_PURGE =
  "DELETE FROM audit_events WHERE seq < (SELECT COALESCE(MIN(seq), 9223372036854775807) FROM audit_events WHERE at >= ?)";

const PATCH_COLUMNS: Record<keyof FlowPatch, string> = {
  step: "step",
  consentStatus: "consent_status",
  consentAt: "consent_at",
  consentTextVersion: "consent_text_version",
  consentLocale: "consent_locale",
  consentClientHash: "consent_client_hash",
  activeConnectionId: "active_connection_id",
  finishedAt: "finished_at",
  status: "status",
};

/**
 * The writes of one SQLite transaction (see `SqliteStore.withTransaction`, which opens and ends it).
 * Each conditional write is one `UPDATE … WHERE … RETURNING`: the row count decides, never a read first.
 * The statements a flow runs are given the transaction's one time, read once from the database's clock
 * (the store's `Clock`, which `otl_now()` reads too): as with PostgreSQL's `now()`, one time for the
 * whole transaction, and a bound number costs nothing where each call of that JS function costs ~1.3 µs.
 * The rarer ones (rate limits, outbox, second factor, OAuth) still call `otl_now()`.
 */
export class SqliteTransaction extends SqliteReads implements StoreTransaction {
  #now: number | undefined;
  /** What runs once this transaction has committed; `SqliteStore.withTransaction` calls them. */
  readonly committed: (() => void)[] = [];
  /**
   * Audit rows appended and not yet written: once this transaction has succeeded, the store moves them
   * to its group commit's `batchAudit`, written just before the COMMIT (see `insertAudit`).
   */
  readonly audit: AuditRow[] = [];
  /** Rows of earlier transactions of the group commit that a read here wrote early (see `#writeAudit`). */
  readonly wroteEarly: AuditRow[] = [];
  readonly #batchAudit: AuditRow[];

  /** A transaction on `conn`, in the group commit whose pending audit rows are `batchAudit`. */
  constructor(conn: SqliteConnection, batchAudit: AuditRow[]) {
    super(conn);
    this.#batchAudit = batchAudit;
  }

  afterCommit(callback: () => void): void {
    this.committed.push(callback);
  }

  protected override time(): number {
    this.#now ??= this.conn.clock.now();
    return this.#now;
  }

  // SQLite runs one write transaction at a time (BEGIN IMMEDIATE takes the database's write lock), so a company is already held.
  async lockCompany(_companyId: string): Promise<void> {}

  async insertCompany(company: CompanyRecord): Promise<void> {
    this.conn.run(
      "INSERT INTO companies (id, name, contact_email, contact_phone, external_ref, locale, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      company.id,
      company.name,
      company.contactEmail,
      company.contactPhone,
      company.externalRef,
      company.locale ?? null,
      company.createdAt,
    );
  }

  async insertConnection(connection: ConnectionRecord): Promise<void> {
    this.conn.run(
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

  async insertFile(file: FileRecord): Promise<void> {
    this.conn.run(
      "INSERT INTO files (id, company_id, connection_id, name, media_type, size, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      file.id,
      file.companyId,
      file.connectionId,
      file.name,
      file.mediaType,
      file.size,
      file.createdAt,
    );
  }

  async deleteFile(fileId: string, connectionId: string): Promise<boolean> {
    return this.conn.get("DELETE FROM files WHERE id = ? AND connection_id = ? RETURNING id", fileId, connectionId) !== undefined;
  }

  async attachConnection(connectionId: string, flowId: string): Promise<ConnectionRecord | null> {
    const row = this.conn.values(
      `UPDATE connections SET flow_id = ?, updated_at = ? WHERE id = ? RETURNING ${CONNECTION_COLUMNS}`,
      flowId,
      this.time(),
      connectionId,
    );
    return row ? toConnection(row) : null;
  }

  async setConnectionStatus(
    connectionId: string,
    flowId: string,
    status: ConnectionRecord["status"],
    message: string | null,
  ): Promise<ConnectionRecord | null> {
    const row = this.conn.values(
      `UPDATE connections SET status = ?, message = ?, updated_at = ? WHERE id = ? AND flow_id = ? AND status <> 'linked' RETURNING ${CONNECTION_COLUMNS}`,
      status,
      message,
      this.time(),
      connectionId,
      flowId,
    );
    return row ? toConnection(row) : null;
  }

  async insertGrant(grant: GrantRecord): Promise<void> {
    this.conn.run(
      `INSERT INTO grants (id, kind, company_id, connection_id, secret_hash, require_2fa, created_at, expires_at, consumed_at, revoked_at, superseded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      grant.id,
      grant.kind,
      grant.companyId,
      grant.connectionId,
      grant.secretHash,
      grant.require2fa ? 1 : 0,
      grant.createdAt,
      grant.expiresAt,
      grant.consumedAt,
      grant.revokedAt,
      grant.supersededAt,
    );
  }

  async supersedeGrants(scope: GrantScope): Promise<string[]> {
    return this.conn
      .all(
        `UPDATE grants SET superseded_at = ? WHERE company_id = ? AND kind = ? AND connection_id IS ? AND ${USABLE} RETURNING id`,
        this.time(),
        scope.companyId,
        scope.kind,
        scope.connectionId,
        this.time(),
      )
      .map((row) => row.id as string);
  }

  async consumeGrant(match: GrantMatch): Promise<GrantRecord | null> {
    const [hashTest, hashParam] = oneOf("secret_hash", match.hashes);
    const kindTest = `kind IN (${match.kinds.map(() => "?").join(", ")})`;
    // The one statement that decides: whoever's update returns the row owns the secret.
    const row = this.conn.values(
      `UPDATE grants SET consumed_at = ?
       WHERE ${hashTest} AND ${kindTest} AND company_id = COALESCE(?, company_id) AND connection_id IS ? AND ${USABLE}
       RETURNING ${GRANT_COLUMNS}`,
      this.time(),
      hashParam,
      ...match.kinds,
      match.companyId,
      match.connectionId,
      this.time(),
    );
    return row ? toGrant(row) : null;
  }

  async revokeGrant(id: string): Promise<GrantRecord | null> {
    const now = this.time();
    const row = this.conn.values(`UPDATE grants SET revoked_at = ? WHERE id = ? AND ${USABLE} RETURNING ${GRANT_COLUMNS}`, now, id, now);
    return row ? toGrant(row) : null;
  }

  async revokeLinks(companyId: string): Promise<string[]> {
    return this.conn
      .all(
        `UPDATE grants SET revoked_at = ? WHERE company_id = ? AND kind IN ${LINK_KINDS_SQL} AND ${USABLE} RETURNING id`,
        this.time(),
        companyId,
        this.time(),
      )
      .map((row) => row.id as string);
  }

  async insertFlow(flow: FlowRecord): Promise<void> {
    this.conn.run(
      `INSERT INTO flows (id, company_id, status, step, consent_status, consent_at, active_connection_id, created_at, updated_at, expires_at, finished_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      flow.id,
      flow.companyId,
      flow.status,
      flow.step,
      flow.consentStatus,
      flow.consentAt,
      flow.activeConnectionId,
      flow.createdAt,
      flow.updatedAt,
      flow.expiresAt,
      flow.finishedAt,
    );
  }

  async updateFlow(flowId: string, patch: FlowPatch, fromSteps?: readonly StoredStep[]): Promise<FlowRecord | null> {
    const keys = (Object.keys(patch) as (keyof FlowPatch)[]).filter((key) => patch[key] !== undefined);
    const sets = ["updated_at = ?", ...keys.map((key) => `${PATCH_COLUMNS[key]} = ?`)];
    const values = keys.map((key) => patch[key] as SQLInputValue);
    const now = this.time();
    // A few steps at most: one placeholder each is cheaper than a json_each table, and each count is one prepared shape.
    const stepTest = fromSteps ? `AND step IN (${fromSteps.map(() => "?").join(", ")})` : "";
    const row = this.conn.values(
      `UPDATE flows SET ${sets.join(", ")} WHERE id = ? AND status = 'open' AND expires_at > ? ${stepTest} RETURNING ${FLOW_COLUMNS}`,
      now,
      ...values,
      flowId,
      now,
      ...(fromSteps ?? []),
    );
    return row ? toFlow(row) : null;
  }

  async expireFlow(flowId: string): Promise<boolean> {
    return (
      this.conn.run(
        "UPDATE flows SET status = 'expired', updated_at = ? WHERE id = ? AND status = 'open' AND expires_at <= ?",
        this.time(),
        flowId,
        this.time(),
      ) > 0
    );
  }

  async insertSession(session: SessionRecord): Promise<void> {
    this.conn.run(
      `INSERT INTO sessions (id, token_hash, flow_id, grant_id, require_2fa, verified_at, created_at, last_seen_at, idle_expires_at, expires_at, ended_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      session.id,
      session.tokenHash,
      session.flowId,
      session.grantId,
      session.require2fa ? 1 : 0,
      session.verifiedAt,
      session.createdAt,
      session.lastSeenAt,
      session.idleExpiresAt,
      session.expiresAt,
      session.endedAt,
    );
  }

  async slideSession(id: string, idleMs: number): Promise<SessionRecord | null> {
    const row = this.conn.values(
      `UPDATE sessions SET last_seen_at = ?, idle_expires_at = MIN(? + ?, expires_at)
       WHERE id = ? AND ended_at IS NULL AND idle_expires_at > ? RETURNING ${SESSION_COLUMNS}`,
      this.time(),
      this.time(),
      idleMs,
      id,
      this.time(),
    );
    return row ? toSession(row) : null;
  }

  async endSession(id: string): Promise<SessionRecord | null> {
    const row = this.conn.values(
      `UPDATE sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL RETURNING ${SESSION_COLUMNS}`,
      this.time(),
      id,
    );
    return row ? toSession(row) : null;
  }

  async appendAudit(all: readonly AuditEntry[], actor?: Actor): Promise<void> {
    const entries = all.filter((entry) => !this.#viewedLately(entry));
    // Not written yet: the rows wait for the group commit's COMMIT, and are written together before it.
    for (const row of auditRows(entries, this.time(), actor)) this.audit.push(row);
  }

  async appendAuditForWebhooks(entries: readonly AuditEntry[], actor?: Actor): Promise<WebhookSubscription[]> {
    await this.appendAudit(entries, actor);
    // In process, on a table of a few rows: no round trip to spare here, so a plain second statement.
    return this.conn.all("SELECT id, events FROM webhook_endpoints").map((row) => ({
      id: row.id as string,
      events: row.events === null ? null : (JSON.parse(row.events as string) as string[]),
    }));
  }

  // A link viewed again within the fold window adds no record: an unthrottled inspect would otherwise grow the log without bound.
  // Views appended in this group commit and not yet written count too.
  #viewedLately(entry: AuditEntry): boolean {
    if (entry.event !== "link.viewed" || !entry.linkId) return false;
    const since = foldSince(this.time());
    if (viewedIn(this.audit, entry.linkId, since) || viewedIn(this.#batchAudit, entry.linkId, since)) return true;
    return (
      this.conn.get("SELECT 1 FROM audit_events WHERE link_id = ? AND event = 'link.viewed' AND at > ? LIMIT 1", entry.linkId, since) !==
      undefined
    );
  }

  // A read of the log inside a transaction sees what the transaction (and the group commit before it)
  // appended: the rows waiting are written first, in order. Should this transaction then roll back, the
  // store puts the rows of the earlier ones, which the rollback took back, in the queue again.
  #writeAudit(): void {
    const earlier = this.#batchAudit.splice(0);
    for (const row of earlier) this.wroteEarly.push(row);
    insertAudit(this.conn, [...earlier, ...this.audit.splice(0)]);
  }

  override async readAudit(filter?: { companyId?: string }): Promise<AuditRecord[]> {
    this.#writeAudit();
    return super.readAudit(filter);
  }

  override async queryAudit(filter: AuditFilter): Promise<AuditRecord[]> {
    this.#writeAudit();
    return super.queryAudit(filter);
  }

  async recordFailure(key: string, windowMs: number): Promise<RateLimitState> {
    // One upsert: a window that has run out starts again at 1, otherwise the count grows.
    const row = this.conn.get(
      `INSERT INTO rate_limits (key, window_start, reset_at, count) VALUES (?, otl_now(), otl_now() + ?, 1)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN reset_at <= otl_now() THEN 1 ELSE count + 1 END,
         window_start = CASE WHEN reset_at <= otl_now() THEN otl_now() ELSE window_start END,
         reset_at = CASE WHEN reset_at <= otl_now() THEN otl_now() + excluded.reset_at - excluded.window_start ELSE reset_at END
       RETURNING count, reset_at`,
      key,
      windowMs,
    );
    return { count: row?.count as number, resetAt: row?.reset_at as number };
  }

  async insertWebhookEndpoint(endpoint: WebhookEndpointRecord): Promise<void> {
    this.conn.run(
      "INSERT INTO webhook_endpoints (id, url, events, description, secret_sealed, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      endpoint.id,
      endpoint.url,
      endpoint.events === null ? null : JSON.stringify(endpoint.events),
      endpoint.description,
      endpoint.secretSealed,
      endpoint.createdAt,
    );
  }

  async deleteWebhookEndpoint(id: string): Promise<boolean> {
    return this.conn.run("DELETE FROM webhook_endpoints WHERE id = ?", id) > 0;
  }

  async insertOutbox(message: NewOutboxMessage): Promise<void> {
    this.conn.run(
      `INSERT INTO outbox (id, kind, subject, meta, payload, status, attempts, next_attempt_at, expires_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, otl_now(), otl_now())`,
      message.id,
      message.kind,
      message.subject,
      message.meta ? JSON.stringify(message.meta) : null,
      message.payload,
      message.nextAttemptAt,
      message.expiresAt,
    );
  }

  // SQLite has no SKIP LOCKED and needs none: this transaction holds the database's write lock.
  async claimOutbox(claim: { owner: string; kinds: readonly string[]; leaseMs: number; limit: number }): Promise<OutboxRecord[]> {
    return this.conn
      .all(
        `UPDATE outbox SET lease_owner = ?, lease_until = otl_now() + ?, attempts = attempts + 1, updated_at = otl_now()
         WHERE id IN (
           SELECT id FROM outbox
           WHERE status = 'pending' AND next_attempt_at <= otl_now() AND expires_at > otl_now()
             AND (lease_until IS NULL OR lease_until <= otl_now()) AND kind IN (SELECT value FROM json_each(?))
           ORDER BY next_attempt_at LIMIT ?)
         RETURNING *`,
        claim.owner,
        claim.leaseMs,
        JSON.stringify(claim.kinds),
        claim.limit,
      )
      .map(toOutbox)
      .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt);
  }

  async settleOutbox(id: string, owner: string, outcome: OutboxOutcome): Promise<OutboxRecord | null> {
    const row = this.conn.get(
      `UPDATE outbox SET status = ?, payload = CASE WHEN ? = 'pending' THEN payload END,
         next_attempt_at = COALESCE(?, next_attempt_at), last_error = ?, last_status = ?,
         sent_at = CASE WHEN ? = 'sent' THEN otl_now() END, lease_owner = NULL, lease_until = NULL, updated_at = otl_now()
       WHERE id = ? AND lease_owner = ? AND status = 'pending' RETURNING *`,
      outcome.status,
      outcome.status,
      outcome.status === "pending" ? outcome.nextAttemptAt : null,
      outcome.status === "sent" ? null : outcome.lastError,
      outcome.lastStatus,
      outcome.status,
      id,
      owner,
    );
    return row ? toOutbox(row) : null;
  }

  async expireOutbox(): Promise<OutboxRecord[]> {
    return this.conn
      .all(
        `UPDATE outbox SET status = 'expired', payload = NULL, updated_at = otl_now()
         WHERE status = 'pending' AND expires_at <= otl_now() AND (lease_until IS NULL OR lease_until <= otl_now())
         RETURNING *`,
      )
      .map(toOutbox);
  }

  async sendSecondFactorCode(code: NewSecondFactorCode, cooldownMs: number): Promise<SecondFactorRecord | null> {
    const row = this.conn.get(
      `INSERT INTO second_factor_codes (session_id, company_id, code_hash, channel, destination, expires_at, sent_at, sends, failures, used_at)
       VALUES (?, ?, ?, ?, ?, ?, otl_now(), 1, 0, NULL)
       ON CONFLICT (session_id) DO UPDATE SET code_hash = excluded.code_hash, channel = excluded.channel,
         destination = excluded.destination, expires_at = excluded.expires_at, sent_at = otl_now(), sends = sends + 1, used_at = NULL
       WHERE sent_at <= otl_now() - ?
       RETURNING *`,
      code.sessionId,
      code.companyId,
      code.codeHash,
      code.channel,
      code.to,
      code.expiresAt,
      cooldownMs,
    );
    return row ? toSecondFactor(row) : null;
  }

  async useSecondFactorCode(sessionId: string, hashes: readonly string[], maxFailures: number): Promise<SecondFactorRecord | null> {
    const [hashTest, hashParam] = oneOf("code_hash", hashes);
    const row = this.conn.get(
      `UPDATE second_factor_codes SET used_at = otl_now()
       WHERE session_id = ? AND ${hashTest} AND used_at IS NULL AND expires_at > otl_now() AND failures < ? RETURNING *`,
      sessionId,
      hashParam,
      maxFailures,
    );
    return row ? toSecondFactor(row) : null;
  }

  async failSecondFactorCode(sessionId: string): Promise<SecondFactorRecord | null> {
    const row = this.conn.get("UPDATE second_factor_codes SET failures = failures + 1 WHERE session_id = ? RETURNING *", sessionId);
    return row ? toSecondFactor(row) : null;
  }

  async verifySession(sessionId: string): Promise<SessionRecord | null> {
    const row = this.conn.values(
      `UPDATE sessions SET verified_at = otl_now() WHERE id = ? AND verified_at IS NULL AND ended_at IS NULL RETURNING ${SESSION_COLUMNS}`,
      sessionId,
    );
    return row ? toSession(row) : null;
  }

  async insertOAuthState(state: OAuthStateRecord): Promise<void> {
    this.conn.run(
      `INSERT INTO oauth_states (id, state_hash, session_id, flow_id, connection_id, return_to, created_at, expires_at, used_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      state.id,
      state.stateHash,
      state.sessionId,
      state.flowId,
      state.connectionId,
      state.returnTo,
      state.createdAt,
      state.expiresAt,
      state.usedAt,
    );
  }

  async useOAuthState(hashes: string[]): Promise<OAuthStateRecord | null> {
    const [hashTest, hashParam] = oneOf("state_hash", hashes);
    // One statement decides: whoever's update returns the row owns the state.
    const row = this.conn.get(
      `UPDATE oauth_states SET used_at = otl_now() WHERE ${hashTest} AND used_at IS NULL AND expires_at > otl_now() RETURNING *`,
      hashParam,
    );
    return row ? toOAuthState(row) : null;
  }

  async purge(cutoffs: PurgeCutoffs): Promise<PurgeCounts> {
    const { endedBefore, auditBefore } = cutoffs;
    // OAuth states point at sessions and flows, and live minutes: those of ended sessions go first.
    this.conn.run(
      "DELETE FROM oauth_states WHERE expires_at < ? OR session_id IN (SELECT id FROM sessions WHERE COALESCE(ended_at, idle_expires_at) < ?)",
      endedBefore,
      endedBefore,
    );
    // A purged session's 2FA code and the messages about it (its codes) go with it, and so do the
    // messages about a purged link and any message whose expiry is past the window.
    const endedSessions = "SELECT id FROM sessions WHERE COALESCE(ended_at, idle_expires_at) < ?";
    const secondFactorCodes = this.conn.run(`DELETE FROM second_factor_codes WHERE session_id IN (${endedSessions})`, endedBefore);
    let outbox = this.conn.run(`DELETE FROM outbox WHERE expires_at < ? OR subject IN (${endedSessions})`, endedBefore, endedBefore);
    const sessions = this.conn.run("DELETE FROM sessions WHERE COALESCE(ended_at, idle_expires_at) < ?", endedBefore);
    // A flow ends when it is done, or when its time runs out (marked expired or not yet).
    const finished = `SELECT id FROM flows WHERE (CASE WHEN status = 'done' THEN finished_at ELSE expires_at END) < ?
      AND NOT EXISTS (SELECT 1 FROM sessions WHERE sessions.flow_id = flows.id)`;
    this.conn.run(`UPDATE connections SET flow_id = NULL WHERE flow_id IN (${finished})`, endedBefore);
    // The webhooks of a purged flow's events (`meta.flowId`) go with it.
    outbox += this.conn.run(`DELETE FROM outbox WHERE json_extract(meta, '$.flowId') IN (${finished})`, endedBefore);
    const flows = this.conn.run(`DELETE FROM flows WHERE id IN (${finished})`, endedBefore);
    // A grant ends at the first of being consumed, revoked, superseded or expiring.
    const spent = `SELECT id FROM grants
      WHERE MIN(COALESCE(consumed_at, expires_at), COALESCE(revoked_at, expires_at), COALESCE(superseded_at, expires_at)) < ?
      AND NOT EXISTS (SELECT 1 FROM sessions WHERE sessions.grant_id = grants.id)`;
    // A purged link's deliveries (`subject`) and the webhooks of its events (`meta.linkId`) go with it.
    outbox += this.conn.run(`DELETE FROM outbox WHERE subject IN (${spent})`, endedBefore);
    outbox += this.conn.run(`DELETE FROM outbox WHERE json_extract(meta, '$.linkId') IN (${spent})`, endedBefore);
    const grants = this.conn.run(`DELETE FROM grants WHERE id IN (${spent})`, endedBefore);
    // Counters whose window closed before the cutoff (guesses by address hash, the companies' 2FA and
    // renewal budgets) count nothing any more.
    const rateLimits = this.conn.run("DELETE FROM rate_limits WHERE reset_at < ?", endedBefore);
    this.conn.run("INSERT INTO retention_purge (audit_before) VALUES (?)", auditBefore);
    const audit = this.conn.run(AUDIT_PURGE, auditBefore);
    this.conn.run("DELETE FROM retention_purge");
    return { sessions, flows, grants, audit, outbox, secondFactorCodes, rateLimits };
  }
}
