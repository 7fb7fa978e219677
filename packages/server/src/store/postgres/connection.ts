import postgres from "postgres";
import type { FlowRecord, SessionRecord } from "../types.ts";

/** The driver's pool, with BIGINT columns read as numbers. */
export type PostgresPool = postgres.Sql<{ bigint: number }>;
/** One transaction of the pool. */
export type PostgresTx = postgres.TransactionSql<{ bigint: number }>;
/** Anything that runs a statement: the pool, or one transaction. */
export type Queryable = PostgresPool | PostgresTx;

/** How to reach PostgreSQL, and how much of it one process may use. */
export interface PostgresConnectionOptions {
  /** A `postgres://user:password@host:port/database` URL (libpq query parameters such as `sslmode` work too). */
  url: string;
  /** Connections this process keeps open at most; default 10. Every process on the database has its own pool. */
  poolSize?: number;
  /** Milliseconds after which PostgreSQL cancels one statement (`statement_timeout`); default 5000. */
  statementTimeoutMs?: number;
}

const DEFAULT_POOL_SIZE = 10;
const DEFAULT_STATEMENT_TIMEOUT_MS = 5_000;
const CONNECT_TIMEOUT_SECONDS = 10;

/**
 * Opens the driver's pool (connections are made on first use): BIGINT epoch milliseconds read as
 * numbers, snake_case columns read as camelCase fields, so a row is already its record.
 */
export function connect(options: PostgresConnectionOptions): PostgresPool {
  return postgres(options.url, {
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    // Seconds to wait for a connection: a database that is down fails a start (or a request) within it, not after the default 30.
    connect_timeout: CONNECT_TIMEOUT_SECONDS,
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

// Columns read back into records, named so that `toCamel` gives each record's field names
// (`require_2fa` → `require2fa`); the `seq` columns stand in for SQLite's rowid and stay out of records.
/** The columns of a `CompanyRecord`. */
export const COMPANY = ["id", "name", "contact_email", "contact_phone", "external_ref", "locale", "created_at"];
/** The columns of a `ConnectionRecord`. */
export const CONNECTION = ["id", "company_id", "flow_id", "integration", "status", "message", "created_at", "updated_at"];
/** The columns of a `FileRecord`. */
export const FILE = ["id", "company_id", "connection_id", "name", "media_type", "size", "created_at"];
/** The columns of a `GrantRecord`. */
export const GRANT = [
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
/** The columns of a `FlowRecord`. */
export const FLOW = [
  "id",
  "company_id",
  "status",
  "step",
  "consent_status",
  "consent_at",
  "consent_text_version",
  "consent_locale",
  "consent_client_hash",
  "active_connection_id",
  "created_at",
  "updated_at",
  "expires_at",
  "finished_at",
];
/** The columns of a `SessionRecord`. */
export const SESSION = [
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
/** A session's columns (alias `s`) beside its flow's, each as `f_<column>` (alias `f`): the select list of `findSessionFlow`. */
export const SESSION_AND_FLOW = [...SESSION.map((column) => `s.${column}`), ...FLOW.map((column) => `f.${column} AS f_${column}`)].join(
  ", ",
);

/** The flow in a `SESSION_AND_FLOW` row (camelCase, so `f_company_id` reads as `fCompanyId`), or null when the join found none. */
export function prefixedFlow(row: Record<string, unknown>): FlowRecord | null {
  if (row.fId === null || row.fId === undefined) return null;
  const flow: Record<string, unknown> = {};
  for (const [field, prefixed] of FLOW_FIELDS) flow[field] = row[prefixed];
  return flow as unknown as FlowRecord;
}

/** The session's own fields of a `SESSION_AND_FLOW` row. */
export function sessionOf(row: Record<string, unknown>): SessionRecord {
  const session: Record<string, unknown> = {};
  for (const field of SESSION_FIELDS) session[field] = row[field];
  return session as unknown as SessionRecord;
}

const FLOW_FIELDS = FLOW.map((column) => [postgres.toCamel(column), postgres.toCamel(`f_${column}`)] as const);
const SESSION_FIELDS = SESSION.map((column) => postgres.toCamel(column));

/** The columns of an `OAuthStateRecord`. */
export const OAUTH_STATE = [
  "id",
  "state_hash",
  "session_id",
  "flow_id",
  "connection_id",
  "return_to",
  "created_at",
  "expires_at",
  "used_at",
];
/** The columns of an `AuditRecord`. */
export const AUDIT = ["seq", "at", "event", "company_id", "link_id", "flow_id", "client_hash", "detail"];
/** The columns of an `OutboxRecord`. */
export const OUTBOX = [
  "id",
  "kind",
  "subject",
  "meta",
  "payload",
  "status",
  "attempts",
  "next_attempt_at",
  "lease_owner",
  "lease_until",
  "expires_at",
  "last_error",
  "last_status",
  "created_at",
  "updated_at",
  "sent_at",
];
/** The columns of a `WebhookEndpointRecord`. */
export const WEBHOOK_ENDPOINT = ["id", "url", "events", "description", "secret_sealed", "created_at"];

/** The columns of a `SecondFactorRecord` (`destination` is read as `to`). */
export const SECOND_FACTOR = ["session_id", "company_id", "code_hash", "channel", "expires_at", "sent_at", "sends", "failures", "used_at"];
/** The grant kinds that are links (the rest are access tokens). */
export const LINK_KINDS = ["company_link", "connection_link"];

/** "This grant is still usable", by the database's clock (`otl_now()`) read in the statement itself. */
export const usable = (sql: Queryable) =>
  sql`consumed_at IS NULL AND revoked_at IS NULL AND superseded_at IS NULL AND expires_at > otl_now()`;
