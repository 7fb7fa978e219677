import type { SQLInputValue } from "node:sqlite";
import { likePattern } from "../like-pattern.ts";
import type {
  AuditFilter,
  AuditRecord,
  CompanyRecord,
  CompanySearch,
  ConnectionRecord,
  FileRecord,
  FlowRecord,
  GrantRecord,
  OAuthStateRecord,
  OutboxRecord,
  RateLimitState,
  SecondFactorRecord,
  SessionFlow,
  SessionRecord,
  StoreReads,
  WebhookEndpointRecord,
} from "../types.ts";
import type { SqliteConnection } from "./connection.ts";
import {
  CONNECTION_COLUMNS,
  FLOW_COLUMNS,
  GRANT_COLUMNS,
  SESSION_COLUMNS,
  toAudit,
  toCompany,
  toConnection,
  toFile,
  toFlow,
  toGrant,
  toOAuthState,
  toOutbox,
  toSecondFactor,
  toSession,
  toWebhookEndpoint,
} from "./rows.ts";

/** The link kinds, as SQL: access tokens are grants too, but not links. */
export const LINK_KINDS_SQL = "('company_link', 'connection_link')";

/**
 * The SQL test and its one parameter for "this column is one of these values". Values arrive as
 * a JSON array, so one statement serves any number of them; with the usual single value (one hash
 * key, no rotation under way) a plain `=` spares SQLite building a temporary index per call.
 */
export function oneOf(column: string, values: readonly string[]): [string, string] {
  return values.length === 1
    ? [`${column} = ?`, values[0] as string]
    : [`${column} IN (SELECT value FROM json_each(?))`, JSON.stringify(values)];
}

/**
 * The store's reads in SQL, on whatever the connection sees: committed data, or the open transaction's.
 * A key bound in a query with an ORDER BY is wrapped in `CAST(? AS …)`: bare, it made SQLite prepare
 * the statement again on every call (an authorizer sees it; same plan either way), which doubled or
 * tripled the read's cost. `ordered-reads.test.ts` holds every ordered read to one preparation.
 */
export class SqliteReads implements StoreReads {
  protected readonly conn: SqliteConnection;

  constructor(conn: SqliteConnection) {
    this.conn = conn;
  }

  async now(): Promise<number> {
    return this.time();
  }

  /** The database's time for a statement: now, or in a transaction the transaction's one time. */
  protected time(): number {
    return this.conn.clock.now();
  }

  async getCompany(id: string): Promise<CompanyRecord | null> {
    const cached = this.conn.companies.get(id);
    if (cached) return cached;
    const row = this.conn.get("SELECT * FROM companies WHERE id = ?", id);
    if (!row) return null;
    const company = toCompany(row);
    this.conn.remember(company);
    return company;
  }

  async getConnection(id: string): Promise<ConnectionRecord | null> {
    const row = this.conn.values(`SELECT ${CONNECTION_COLUMNS} FROM connections WHERE id = ?`, id);
    return row ? toConnection(row) : null;
  }

  async listConnections(companyId: string): Promise<ConnectionRecord[]> {
    return this.conn
      .allValues(`SELECT ${CONNECTION_COLUMNS} FROM connections WHERE company_id = CAST(? AS TEXT) ORDER BY created_at, rowid`, companyId)
      .map(toConnection);
  }

  async getGrant(id: string): Promise<GrantRecord | null> {
    const row = this.conn.values(`SELECT ${GRANT_COLUMNS} FROM grants WHERE id = ?`, id);
    return row ? toGrant(row) : null;
  }

  async findGrant(hashes: string[]): Promise<GrantRecord | null> {
    const [hashTest, hashParam] = oneOf("secret_hash", hashes);
    const row = this.conn.values(`SELECT ${GRANT_COLUMNS} FROM grants WHERE ${hashTest}`, hashParam);
    return row ? toGrant(row) : null;
  }

  async listLinks(companyId: string): Promise<GrantRecord[]> {
    return this.conn
      .allValues(
        `SELECT ${GRANT_COLUMNS} FROM grants WHERE company_id = CAST(? AS TEXT) AND kind IN ${LINK_KINDS_SQL} ORDER BY created_at DESC, id`,
        companyId,
      )
      .map(toGrant);
  }

  async findSession(hashes: string[]): Promise<SessionRecord | null> {
    const [hashTest, hashParam] = oneOf("token_hash", hashes);
    const row = this.conn.values(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE ${hashTest}`, hashParam);
    return row ? toSession(row) : null;
  }

  async findSessionFlow(hashes: string[]): Promise<SessionFlow | null> {
    // Two plain statements, not a join: in process there is no round trip to save, and SQLite answers
    // both by primary or unique key in about a third of the join's time (each aliased column of the
    // joined flow costs about as much as a lookup). The session's flow never changes, and the two run
    // back to back with nothing else on this connection between them.
    const session = await this.findSession(hashes);
    if (!session) return null;
    return { session, flow: await this.getFlow(session.flowId), now: await this.now() };
  }

  async getFlow(id: string): Promise<FlowRecord | null> {
    const row = this.conn.values(`SELECT ${FLOW_COLUMNS} FROM flows WHERE id = ?`, id);
    return row ? toFlow(row) : null;
  }

  async openFlow(companyId: string): Promise<FlowRecord | null> {
    const row = this.conn.values(`SELECT ${FLOW_COLUMNS} FROM flows WHERE company_id = ? AND status = 'open'`, companyId);
    return row ? toFlow(row) : null;
  }

  async latestFlow(companyId: string): Promise<FlowRecord | null> {
    const row = this.conn.values(
      `SELECT ${FLOW_COLUMNS} FROM flows WHERE company_id = CAST(? AS TEXT) ORDER BY (status = 'open') DESC, created_at DESC, rowid DESC LIMIT 1`,
      companyId,
    );
    return row ? toFlow(row) : null;
  }

  async flowConnections(flowId: string): Promise<ConnectionRecord[]> {
    return this.conn
      .allValues(`SELECT ${CONNECTION_COLUMNS} FROM connections WHERE flow_id = CAST(? AS TEXT) ORDER BY created_at, rowid`, flowId)
      .map(toConnection);
  }

  async getFile(id: string): Promise<FileRecord | null> {
    const row = this.conn.get("SELECT * FROM files WHERE id = ?", id);
    return row ? toFile(row) : null;
  }

  async listFiles(connectionId: string): Promise<FileRecord[]> {
    return this.conn.all("SELECT * FROM files WHERE connection_id = CAST(? AS TEXT) ORDER BY created_at, rowid", connectionId).map(toFile);
  }

  async readAudit(filter: { companyId?: string } = {}): Promise<AuditRecord[]> {
    const rows = filter.companyId
      ? this.conn.all("SELECT * FROM audit_events WHERE company_id = CAST(? AS TEXT) ORDER BY seq", filter.companyId)
      : this.conn.all("SELECT * FROM audit_events ORDER BY seq");
    return rows.map(toAudit);
  }

  async listWebhookEndpoints(): Promise<WebhookEndpointRecord[]> {
    return this.conn.all("SELECT * FROM webhook_endpoints ORDER BY created_at, rowid").map(toWebhookEndpoint);
  }

  async getWebhookEndpoint(id: string): Promise<WebhookEndpointRecord | null> {
    const row = this.conn.get("SELECT * FROM webhook_endpoints WHERE id = ?", id);
    return row ? toWebhookEndpoint(row) : null;
  }

  async queryAudit(filter: AuditFilter): Promise<AuditRecord[]> {
    const tests: string[] = ["seq > CAST(? AS INTEGER)"];
    const params: SQLInputValue[] = [filter.afterSeq ?? 0];
    const narrow = (test: string, value: SQLInputValue | undefined) => {
      if (value === undefined) return;
      tests.push(test);
      params.push(value);
    };
    narrow("company_id = CAST(? AS TEXT)", filter.companyId);
    narrow("link_id = CAST(? AS TEXT)", filter.linkId);
    narrow("event = CAST(? AS TEXT)", filter.event);
    narrow("at >= CAST(? AS INTEGER)", filter.since);
    return this.conn
      .all(`SELECT * FROM audit_events WHERE ${tests.join(" AND ")} ORDER BY seq LIMIT CAST(? AS INTEGER)`, ...params, filter.limit)
      .map(toAudit);
  }

  async searchCompanies(filter: CompanySearch): Promise<CompanyRecord[]> {
    const tests: string[] = [];
    const params: SQLInputValue[] = [];
    if (filter.afterId !== undefined) {
      // Row values compare (created_at, id) as one key, so companies created in the same millisecond keep one order.
      tests.push("(created_at, id) > (SELECT created_at, id FROM companies WHERE id = CAST(? AS TEXT))");
      params.push(filter.afterId);
    }
    if (filter.query) {
      tests.push("(name LIKE CAST(? AS TEXT) ESCAPE '\\' OR external_ref LIKE CAST(? AS TEXT) ESCAPE '\\')");
      const pattern = likePattern(filter.query);
      params.push(pattern, pattern);
    }
    const where = tests.length ? `WHERE ${tests.join(" AND ")}` : "";
    return this.conn
      .all(`SELECT * FROM companies ${where} ORDER BY created_at, id LIMIT CAST(? AS INTEGER)`, ...params, filter.limit)
      .map(toCompany);
  }

  async rateLimitState(key: string): Promise<RateLimitState | null> {
    const row = this.conn.get("SELECT count, reset_at FROM rate_limits WHERE key = ? AND reset_at > ?", key, this.time());
    return row ? { count: row.count as number, resetAt: row.reset_at as number } : null;
  }

  async getOutboxMessage(id: string): Promise<OutboxRecord | null> {
    const row = this.conn.get("SELECT * FROM outbox WHERE id = ?", id);
    return row ? toOutbox(row) : null;
  }

  async listOutbox(filter: { subject: string; kind?: string }): Promise<OutboxRecord[]> {
    return this.conn
      .all(
        "SELECT * FROM outbox WHERE subject = CAST(? AS TEXT) AND kind = COALESCE(CAST(? AS TEXT), kind) ORDER BY created_at DESC, rowid DESC",
        filter.subject,
        filter.kind ?? null,
      )
      .map(toOutbox);
  }

  async getSecondFactorCode(sessionId: string): Promise<SecondFactorRecord | null> {
    const row = this.conn.get("SELECT * FROM second_factor_codes WHERE session_id = ?", sessionId);
    return row ? toSecondFactor(row) : null;
  }

  async findOAuthState(hashes: string[]): Promise<OAuthStateRecord | null> {
    const [hashTest, hashParam] = oneOf("state_hash", hashes);
    const row = this.conn.get(`SELECT * FROM oauth_states WHERE ${hashTest}`, hashParam);
    return row ? toOAuthState(row) : null;
  }
}
