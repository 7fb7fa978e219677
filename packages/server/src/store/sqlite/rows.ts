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

/** A `connections` row as a record. */
export function toConnection(row: Row): ConnectionRecord {
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

/** A `grants` row as a record. */
export function toGrant(row: Row): GrantRecord {
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

/** A `flows` row as a record. */
export function toFlow(row: Row): FlowRecord {
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

/** A `sessions` row as a record. */
export function toSession(row: Row): SessionRecord {
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
