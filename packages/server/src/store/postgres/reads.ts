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
import {
  AUDIT,
  COMPANY,
  CONNECTION,
  FILE,
  FLOW,
  GRANT,
  LINK_KINDS,
  OAUTH_STATE,
  OUTBOX,
  prefixedFlow,
  type Queryable,
  SECOND_FACTOR,
  SESSION,
  SESSION_AND_FLOW,
  sessionOf,
  WEBHOOK_ENDPOINT,
} from "./connection.ts";

/** The reads of the PostgreSQL store, each one statement, on the pool or inside one transaction. */
export class PostgresReads implements StoreReads {
  /** Where the statements run. */
  protected readonly sql: Queryable;

  constructor(sql: Queryable) {
    this.sql = sql;
  }

  async now(): Promise<number> {
    const [row] = await this.sql`SELECT otl_now() AS now`;
    return row?.now as number;
  }

  async getCompany(id: string): Promise<CompanyRecord | null> {
    const [row] = await this.sql`SELECT ${this.sql(COMPANY)} FROM companies WHERE id = ${id}`;
    return (row as CompanyRecord | undefined) ?? null;
  }

  async getConnection(id: string): Promise<ConnectionRecord | null> {
    const [row] = await this.sql`SELECT ${this.sql(CONNECTION)} FROM connections WHERE id = ${id}`;
    return (row as ConnectionRecord | undefined) ?? null;
  }

  async listConnections(companyId: string): Promise<ConnectionRecord[]> {
    const rows = await this.sql`SELECT ${this.sql(CONNECTION)} FROM connections WHERE company_id = ${companyId} ORDER BY created_at, seq`;
    return [...rows] as ConnectionRecord[];
  }

  async getGrant(id: string): Promise<GrantRecord | null> {
    const [row] = await this.sql`SELECT ${this.sql(GRANT)} FROM grants WHERE id = ${id}`;
    return (row as GrantRecord | undefined) ?? null;
  }

  async findGrant(hashes: string[]): Promise<GrantRecord | null> {
    const [row] = await this.sql`SELECT ${this.sql(GRANT)} FROM grants WHERE secret_hash = ANY(${hashes})`;
    return (row as GrantRecord | undefined) ?? null;
  }

  async listLinks(companyId: string): Promise<GrantRecord[]> {
    const rows = await this.sql`
      SELECT ${this.sql(GRANT)} FROM grants WHERE company_id = ${companyId} AND kind = ANY(${LINK_KINDS}) ORDER BY created_at DESC, id`;
    return [...rows] as GrantRecord[];
  }

  async findSession(hashes: string[]): Promise<SessionRecord | null> {
    const [row] = await this.sql`SELECT ${this.sql(SESSION)} FROM sessions WHERE token_hash = ANY(${hashes})`;
    return (row as SessionRecord | undefined) ?? null;
  }

  async findSessionFlow(hashes: string[]): Promise<SessionFlow | null> {
    // One round trip for what every session call reads first; the select list is made of constants only.
    const [row] = await this.sql`
      SELECT ${this.sql.unsafe(SESSION_AND_FLOW)}, otl_now() AS otl_now
      FROM sessions s LEFT JOIN flows f ON f.id = s.flow_id WHERE s.token_hash = ANY(${hashes})`;
    if (!row) return null;
    return { session: sessionOf(row), flow: prefixedFlow(row), now: await this.timeRead(row.otlNow as number) };
  }

  /** The database's time as a statement read it: a transaction keeps the first it reads (see `PostgresTransaction.now`). */
  protected async timeRead(now: number): Promise<number> {
    return now;
  }

  async getFlow(id: string): Promise<FlowRecord | null> {
    const [row] = await this.sql`SELECT ${this.sql(FLOW)} FROM flows WHERE id = ${id}`;
    return (row as FlowRecord | undefined) ?? null;
  }

  async openFlow(companyId: string): Promise<FlowRecord | null> {
    const [row] = await this.sql`SELECT ${this.sql(FLOW)} FROM flows WHERE company_id = ${companyId} AND status = 'open'`;
    return (row as FlowRecord | undefined) ?? null;
  }

  async latestFlow(companyId: string): Promise<FlowRecord | null> {
    const [row] = await this.sql`
      SELECT ${this.sql(FLOW)} FROM flows WHERE company_id = ${companyId}
      ORDER BY (status = 'open') DESC, created_at DESC, seq DESC LIMIT 1`;
    return (row as FlowRecord | undefined) ?? null;
  }

  async flowConnections(flowId: string): Promise<ConnectionRecord[]> {
    const rows = await this.sql`SELECT ${this.sql(CONNECTION)} FROM connections WHERE flow_id = ${flowId} ORDER BY created_at, seq`;
    return [...rows] as ConnectionRecord[];
  }

  async getFile(id: string): Promise<FileRecord | null> {
    const [row] = await this.sql`SELECT ${this.sql(FILE)} FROM files WHERE id = ${id}`;
    return (row as FileRecord | undefined) ?? null;
  }

  async listFiles(connectionId: string): Promise<FileRecord[]> {
    const rows = await this.sql`SELECT ${this.sql(FILE)} FROM files WHERE connection_id = ${connectionId} ORDER BY created_at, seq`;
    return [...rows] as FileRecord[];
  }

  async readAudit(filter: { companyId?: string } = {}): Promise<AuditRecord[]> {
    const rows = filter.companyId
      ? await this.sql`SELECT ${this.sql(AUDIT)} FROM audit_events WHERE company_id = ${filter.companyId} ORDER BY seq`
      : await this.sql`SELECT ${this.sql(AUDIT)} FROM audit_events ORDER BY seq`;
    return [...rows] as AuditRecord[];
  }

  async listWebhookEndpoints(): Promise<WebhookEndpointRecord[]> {
    const rows = await this.sql`SELECT ${this.sql(WEBHOOK_ENDPOINT)} FROM webhook_endpoints ORDER BY created_at, seq`;
    return [...rows] as WebhookEndpointRecord[];
  }

  async getWebhookEndpoint(id: string): Promise<WebhookEndpointRecord | null> {
    const [row] = await this.sql`SELECT ${this.sql(WEBHOOK_ENDPOINT)} FROM webhook_endpoints WHERE id = ${id}`;
    return (row as WebhookEndpointRecord | undefined) ?? null;
  }

  async queryAudit(filter: AuditFilter): Promise<AuditRecord[]> {
    const sql = this.sql;
    // An absent filter becomes `NULL IS NULL`, which the planner folds away: one statement shape for every filter.
    const rows = await sql`
      SELECT ${sql(AUDIT)} FROM audit_events
      WHERE seq > ${filter.afterSeq ?? 0}
        AND (${filter.companyId ?? null}::text IS NULL OR company_id = ${filter.companyId ?? null})
        AND (${filter.linkId ?? null}::text IS NULL OR link_id = ${filter.linkId ?? null})
        AND (${filter.event ?? null}::text IS NULL OR event = ${filter.event ?? null})
        AND (${filter.since ?? null}::bigint IS NULL OR at >= ${filter.since ?? null})
      ORDER BY seq LIMIT ${filter.limit}`;
    return [...rows] as AuditRecord[];
  }

  async searchCompanies(filter: CompanySearch): Promise<CompanyRecord[]> {
    const sql = this.sql;
    const pattern = filter.query ? likePattern(filter.query) : null;
    const rows = await sql`
      SELECT ${sql(COMPANY)} FROM companies
      WHERE (${filter.afterId ?? null}::text IS NULL
             OR (created_at, id) > (SELECT created_at, id FROM companies WHERE id = ${filter.afterId ?? null}))
        AND (${pattern}::text IS NULL OR name ILIKE ${pattern} OR external_ref ILIKE ${pattern})
      ORDER BY created_at, id LIMIT ${filter.limit}`;
    return [...rows] as CompanyRecord[];
  }

  async rateLimitState(key: string): Promise<RateLimitState | null> {
    const [row] = await this.sql`SELECT count, reset_at FROM rate_limits WHERE key = ${key} AND reset_at > otl_now()`;
    return row ? { count: row.count as number, resetAt: row.resetAt as number } : null;
  }

  async getOutboxMessage(id: string): Promise<OutboxRecord | null> {
    const [row] = await this.sql`SELECT ${this.sql(OUTBOX)} FROM outbox WHERE id = ${id}`;
    return (row as OutboxRecord | undefined) ?? null;
  }

  async listOutbox(filter: { subject: string; kind?: string }): Promise<OutboxRecord[]> {
    const rows = await this.sql`
      SELECT ${this.sql(OUTBOX)} FROM outbox WHERE subject = ${filter.subject} AND kind = COALESCE(${filter.kind ?? null}, kind)
      ORDER BY created_at DESC, seq DESC`;
    return [...rows] as OutboxRecord[];
  }

  async getSecondFactorCode(sessionId: string): Promise<SecondFactorRecord | null> {
    const [row] = await this
      .sql`SELECT ${this.sql(SECOND_FACTOR)}, destination AS "to" FROM second_factor_codes WHERE session_id = ${sessionId}`;
    return (row as SecondFactorRecord | undefined) ?? null;
  }

  async findOAuthState(hashes: string[]): Promise<OAuthStateRecord | null> {
    const [row] = await this.sql`SELECT ${this.sql(OAUTH_STATE)} FROM oauth_states WHERE state_hash = ANY(${hashes})`;
    return (row as OAuthStateRecord | undefined) ?? null;
  }
}
