import type {
  AuditRecord,
  CompanyRecord,
  ConnectionRecord,
  FileRecord,
  FlowRecord,
  GrantRecord,
  OAuthStateRecord,
  OutboxRecord,
  SecondFactorRecord,
  SessionRecord,
  StoredStep,
  WebhookEndpointRecord,
} from "../types.ts";

// SQLite rows become records here and only here: INTEGER epoch milliseconds, 0/1 booleans, snake_case columns.

/** A row as `node:sqlite` answers it. */
export type Row = Record<string, unknown>;

/**
 * A row as its values in the order of the columns its statement names (`SqliteConnection.values`):
 * the tables a flow reads and writes most, each with its column list, which a statement names instead of `*`.
 */
export type Values = readonly unknown[];

const num = (value: unknown): number => value as number;
const numOrNull = (value: unknown): number | null => (value === null ? null : (value as number));
const strOrNull = (value: unknown): string | null => (value === null ? null : (value as string));

/** A `companies` row as a record. */
export function toCompany(row: Row): CompanyRecord {
  return {
    id: row.id as string,
    name: row.name as string,
    contactEmail: strOrNull(row.contact_email),
    contactPhone: strOrNull(row.contact_phone),
    externalRef: strOrNull(row.external_ref),
    locale: strOrNull(row.locale),
    createdAt: num(row.created_at),
  };
}

/** The `connections` columns, in the order `toConnection` reads them. */
export const CONNECTION_COLUMNS = "id, company_id, flow_id, integration, status, message, created_at, updated_at";

/** A `connections` row (its `CONNECTION_COLUMNS`) as a record. */
export function toConnection(v: Values): ConnectionRecord {
  return {
    id: v[0] as string,
    companyId: v[1] as string,
    flowId: strOrNull(v[2]),
    integration: v[3] as string,
    status: v[4] as ConnectionRecord["status"],
    message: strOrNull(v[5]),
    createdAt: num(v[6]),
    updatedAt: num(v[7]),
  };
}

/** The `grants` columns, in the order `toGrant` reads them. */
export const GRANT_COLUMNS =
  "id, kind, company_id, connection_id, secret_hash, require_2fa, created_at, expires_at, consumed_at, revoked_at, superseded_at";

/** A `grants` row (its `GRANT_COLUMNS`) as a record. */
export function toGrant(v: Values): GrantRecord {
  return {
    id: v[0] as string,
    kind: v[1] as GrantRecord["kind"],
    companyId: v[2] as string,
    connectionId: strOrNull(v[3]),
    secretHash: v[4] as string,
    require2fa: v[5] === 1,
    createdAt: num(v[6]),
    expiresAt: num(v[7]),
    consumedAt: numOrNull(v[8]),
    revokedAt: numOrNull(v[9]),
    supersededAt: numOrNull(v[10]),
  };
}

/** The `flows` columns, in the order `toFlow` reads them. */
export const FLOW_COLUMNS =
  "id, company_id, status, step, consent_status, consent_at, consent_text_version, consent_locale, consent_client_hash, active_connection_id, created_at, updated_at, expires_at, finished_at";

/** A `flows` row (its `FLOW_COLUMNS`) as a record. */
export function toFlow(v: Values): FlowRecord {
  return {
    id: v[0] as string,
    companyId: v[1] as string,
    status: v[2] as FlowRecord["status"],
    step: v[3] as StoredStep,
    consentStatus: v[4] as FlowRecord["consentStatus"],
    consentAt: numOrNull(v[5]),
    consentTextVersion: strOrNull(v[6]),
    consentLocale: strOrNull(v[7]),
    consentClientHash: strOrNull(v[8]),
    activeConnectionId: strOrNull(v[9]),
    createdAt: num(v[10]),
    updatedAt: num(v[11]),
    expiresAt: num(v[12]),
    finishedAt: numOrNull(v[13]),
  };
}

/** The `sessions` columns, in the order `toSession` reads them. */
export const SESSION_COLUMNS =
  "id, token_hash, flow_id, grant_id, require_2fa, verified_at, created_at, last_seen_at, idle_expires_at, expires_at, ended_at";

/** A `sessions` row (its `SESSION_COLUMNS`) as a record. */
export function toSession(v: Values): SessionRecord {
  return {
    id: v[0] as string,
    tokenHash: v[1] as string,
    flowId: v[2] as string,
    grantId: strOrNull(v[3]),
    require2fa: v[4] === 1,
    verifiedAt: numOrNull(v[5]),
    createdAt: num(v[6]),
    lastSeenAt: num(v[7]),
    idleExpiresAt: num(v[8]),
    expiresAt: num(v[9]),
    endedAt: numOrNull(v[10]),
  };
}

/** An `audit_events` row as a record. */
export function toAudit(row: Row): AuditRecord {
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

/** An `outbox` row as a record. */
export function toOutbox(row: Row): OutboxRecord {
  return {
    id: row.id as string,
    kind: row.kind as string,
    subject: strOrNull(row.subject),
    meta: row.meta === null ? null : JSON.parse(row.meta as string),
    payload: strOrNull(row.payload),
    status: row.status as OutboxRecord["status"],
    attempts: num(row.attempts),
    nextAttemptAt: num(row.next_attempt_at),
    leaseOwner: strOrNull(row.lease_owner),
    leaseUntil: numOrNull(row.lease_until),
    expiresAt: num(row.expires_at),
    lastError: strOrNull(row.last_error),
    lastStatus: numOrNull(row.last_status),
    createdAt: num(row.created_at),
    updatedAt: num(row.updated_at),
    sentAt: numOrNull(row.sent_at),
  };
}

/** A `webhook_endpoints` row as a record. */
export function toWebhookEndpoint(row: Row): WebhookEndpointRecord {
  return {
    id: row.id as string,
    url: row.url as string,
    events: row.events === null ? null : JSON.parse(row.events as string),
    description: strOrNull(row.description),
    secretSealed: row.secret_sealed as string,
    createdAt: num(row.created_at),
  };
}

/** A `second_factor_codes` row as a record. */
export function toSecondFactor(row: Row): SecondFactorRecord {
  return {
    sessionId: row.session_id as string,
    companyId: row.company_id as string,
    codeHash: row.code_hash as string,
    channel: row.channel as SecondFactorRecord["channel"],
    to: row.destination as string,
    expiresAt: num(row.expires_at),
    sentAt: num(row.sent_at),
    sends: num(row.sends),
    failures: num(row.failures),
    usedAt: numOrNull(row.used_at),
  };
}

/** An `oauth_states` row as a record. */
export function toOAuthState(row: Row): OAuthStateRecord {
  return {
    id: row.id as string,
    stateHash: row.state_hash as string,
    sessionId: row.session_id as string,
    flowId: row.flow_id as string,
    connectionId: row.connection_id as string,
    returnTo: row.return_to as string,
    createdAt: num(row.created_at),
    expiresAt: num(row.expires_at),
    usedAt: numOrNull(row.used_at),
  };
}

/** A `files` row as a record. */
export function toFile(row: Row): FileRecord {
  return {
    id: row.id as string,
    companyId: row.company_id as string,
    connectionId: row.connection_id as string,
    name: row.name as string,
    mediaType: row.media_type as string,
    size: num(row.size),
    createdAt: num(row.created_at),
  };
}
