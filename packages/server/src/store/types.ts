import type { ConnectionStatus, FlowStep } from "@otl/protocol";

/** A company row. Times are epoch milliseconds, UTC. */
export interface CompanyRecord {
  id: string;
  name: string;
  contactEmail: string | null;
  contactPhone: string | null;
  externalRef: string | null;
  /** BCP 47: the language of the messages it is sent (delivered links, 2FA codes); null for English. */
  locale?: string | null;
  createdAt: number;
}

/** A connection row. */
export interface ConnectionRecord {
  id: string;
  companyId: string;
  flowId: string | null;
  integration: string;
  status: ConnectionStatus;
  message: string | null;
  createdAt: number;
  updatedAt: number;
}

/**
 * A pending OAuth 2 redirect (integrations of kind `redirect`): the `state` sent to the provider,
 * bound to one session and connection and usable once. Only the state's keyed hash is kept; the PKCE
 * verifier is derived from the state under the same key (domain/oauth-secrets.ts), so it is never stored.
 */
export interface OAuthStateRecord {
  id: string;
  /** `keyId:hmac` of the state (Keyring.hash). */
  stateHash: string;
  sessionId: string;
  flowId: string;
  connectionId: string;
  /** The page the flow started from, where the callback sends the browser back. */
  returnTo: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

/**
 * An uploaded file's record (its bytes live in the store's `blobs`, under the same id). `mediaType`
 * was decided from the bytes; `name` is the browser's, for display only; `size` is in bytes.
 */
export interface FileRecord {
  id: string;
  companyId: string;
  connectionId: string;
  name: string;
  mediaType: string;
  size: number;
  createdAt: number;
}

/**
 * Where uploaded files' bytes are kept, by file id, outside any served path: a directory for SQLite
 * (`OTL_BLOB_DIR`, default `files/` in the data dir), a table for PostgreSQL, memory for `memory://`.
 */
export interface BlobStore {
  /** Keeps `bytes` under `id`, durably (written in full before it answers). */
  put(id: string, bytes: Uint8Array): Promise<void>;
  /** The bytes under `id`, or null. */
  get(id: string): Promise<Uint8Array<ArrayBuffer> | null>;
  /** Forgets the bytes under `id`; nothing happens for an unknown id. */
  delete(id: string): Promise<void>;
}

/** What a one-time secret opens: a company link, a connection link, or an access token for SDK init. */
export type GrantKind = "company_link" | "connection_link" | "access_token";

/** A one-time secret: only its keyed hash is kept. */
export interface GrantRecord {
  id: string;
  kind: GrantKind;
  companyId: string;
  connectionId: string | null;
  secretHash: string;
  require2fa: boolean;
  createdAt: number;
  expiresAt: number;
  consumedAt: number | null;
  revokedAt: number | null;
  supersededAt: number | null;
}

/** A flow step as stored; `verify` belongs to a session, not to the flow. */
export type StoredStep = Exclude<FlowStep, "verify">;

/** A flow row: one open flow per company at a time. */
export interface FlowRecord {
  id: string;
  companyId: string;
  status: "open" | "done" | "expired";
  step: StoredStep;
  consentStatus: "pending" | "accepted" | "declined";
  consentAt: number | null;
  /** The consent receipt (with `consentAt`): the wording's version and language, and the client's keyed hash; null unless accepted. */
  consentTextVersion: string | null;
  consentLocale: string | null;
  consentClientHash: string | null;
  /** The connection the customer is connecting, or is sent to by a connection link. */
  activeConnectionId: string | null;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
  finishedAt: number | null;
}

/** A session with its flow and the database's time (`StoreReads.findSessionFlow`). */
export interface SessionFlow {
  session: SessionRecord;
  /** The session's flow, whatever its state; null only if it no longer exists. */
  flow: FlowRecord | null;
  /** The database's clock, epoch milliseconds UTC, as `StoreReads.now()` reads it. */
  now: number;
}

/** A browser session row. */
export interface SessionRecord {
  id: string;
  tokenHash: string;
  flowId: string;
  grantId: string | null;
  require2fa: boolean;
  verifiedAt: number | null;
  createdAt: number;
  lastSeenAt: number;
  idleExpiresAt: number;
  expiresAt: number;
  endedAt: number | null;
}

/** Every lifecycle event the audit log records. */
export type AuditEvent =
  | "company.created"
  | "connection.created"
  | "link.issued"
  | "link.superseded"
  | "link.revoked"
  | "link.viewed"
  | "link.redeemed"
  | "link.redeem_failed"
  | "link.replayed"
  | "access_token.issued"
  | "flow.started"
  | "flow.resumed"
  | "flow.consent"
  | "flow.finished"
  | "connection.started"
  | "connection.linked"
  | "connection.failed"
  | "session.ended"
  | "link.delivered"
  | "link.delivery_failed"
  | "file.uploaded"
  | "file.removed"
  | "link.renew_requested"
  | "second_factor.sent"
  | "second_factor.checked"
  | "second_factor.locked";

/** One append-only audit record. Never a raw secret: links are named by id, clients by a keyed hash. */
export interface AuditEntry {
  event: AuditEvent;
  companyId?: string | null;
  linkId?: string | null;
  flowId?: string | null;
  clientHash?: string | null;
  detail?: Record<string, string | number | boolean | null>;
}

/** An audit record as read back. */
export interface AuditRecord extends Required<Omit<AuditEntry, "detail">> {
  seq: number;
  at: number;
  detail: Record<string, string | number | boolean | null> | null;
}

/** Which companies `searchCompanies` answers: oldest first, `limit` of them, after the cursor's company. */
export interface CompanySearch {
  /** Matched, case-insensitively and anywhere, against the name and the externalRef. */
  query?: string;
  /** The id of the last company of the previous page; the page starts after it. */
  afterId?: string;
  limit: number;
}

/** Which audit records `queryAudit` answers: in `seq` order, `limit` of them, each filter narrowing. */
export interface AuditFilter {
  companyId?: string;
  linkId?: string;
  event?: AuditEvent;
  /** Records at or after this instant, epoch milliseconds. */
  since?: number;
  /** Records with a `seq` above this one: the cursor. */
  afterSeq?: number;
  limit: number;
}

/** Who is asking, for the audit log. */
export interface Actor {
  clientHash: string | null;
}

/**
 * The fields of an open flow that a step may change. `status: "done"` (with `finishedAt`) closes it:
 * the only way a flow leaves `open` besides expiring.
 */
export type FlowPatch = Partial<
  Pick<
    FlowRecord,
    | "step"
    | "consentStatus"
    | "consentAt"
    | "consentTextVersion"
    | "consentLocale"
    | "consentClientHash"
    | "activeConnectionId"
    | "finishedAt"
  >
> & {
  status?: "done";
};

/** What a failure counter said. */
export interface RateLimitState {
  count: number;
  resetAt: number;
}

/** Which grant a presented secret may consume: the redeem's conditions besides "still usable". */
export interface GrantMatch {
  /** The secret's stored forms, one per accepted hash key (see `Keyring.candidates`). */
  hashes: string[];
  /** The kinds this entry point accepts. */
  kinds: GrantKind[];
  /** A link code only works at its own company's URL; null for access tokens, which name no company. */
  companyId: string | null;
  /** Must equal the grant's connection: null for company links and access tokens. */
  connectionId: string | null;
}

/** The grants one new link supersedes: the company's usable ones of the same kind and connection. */
export interface GrantScope {
  companyId: string;
  kind: GrantKind;
  connectionId: string | null;
}

/** Where an outbox message stands: waiting (and retried), sent, given up, or past its expiry unsent. */
export type OutboxStatus = "pending" | "sent" | "failed" | "expired";

/** Facts about an outbox message that are not secret (a masked address, an event name), readable without the key. */
export type OutboxMeta = Record<string, string | number | boolean | null>;

/**
 * A message the domain queued for the outbox worker (`outbox/`) to send: an e-mail, an SMS, a webhook.
 * Its content is `payload`, sealed with AES-256-GCM (`outbox/cipher.ts`) and erased (null) once the
 * message is sent, failed or expired; the row stays so that its attempts remain visible.
 * Times are epoch milliseconds, UTC, by the database's clock.
 */
export interface OutboxRecord {
  /** `msg_…`; also what the receiver sees as the message's id (a webhook's `webhook-id`), the same on every retry. */
  id: string;
  /** Which handler sends it, e.g. `email`, `sms`, `webhook`. */
  kind: string;
  /** What it is about, for listing: a link id, a webhook endpoint id; null for none. */
  subject: string | null;
  meta: OutboxMeta | null;
  /** The sealed content; null once the message left `pending`. */
  payload: string | null;
  status: OutboxStatus;
  /** Sends tried so far (a claim counts as one). */
  attempts: number;
  /** When the worker may next try it. */
  nextAttemptAt: number;
  /** The claim holding it, and until when; null when nobody holds it. */
  leaseOwner: string | null;
  leaseUntil: number | null;
  /** After this, it is never sent. */
  expiresAt: number;
  /** Why the last attempt failed (a message for the host, never a secret). */
  lastError: string | null;
  /** The receiver's last status code (an SMTP reply, an HTTP status), when it gave one. */
  lastStatus: number | null;
  createdAt: number;
  updatedAt: number;
  sentAt: number | null;
}

/** What `insertOutbox` takes: the rest starts as a fresh `pending` message with no attempts. */
export type NewOutboxMessage = Pick<OutboxRecord, "id" | "kind" | "subject" | "meta" | "payload" | "nextAttemptAt" | "expiresAt">;

/** How the worker ends an attempt it holds: sent, to be tried again at `nextAttemptAt`, or given up. */
export type OutboxOutcome =
  | { status: "sent"; lastStatus: number | null }
  | { status: "pending"; nextAttemptAt: number; lastError: string; lastStatus: number | null }
  | { status: "failed" | "expired"; lastError: string; lastStatus: number | null };

/**
 * A webhook endpoint made through the admin API. Its signing secret is kept sealed (AES-256-GCM, the
 * outbox's cipher, bound to the endpoint id): it must be used to sign, so a hash would not do.
 */
export interface WebhookEndpointRecord {
  /** `we_…`. */
  id: string;
  url: string;
  /** The event types it receives; null for every type. */
  events: string[] | null;
  description: string | null;
  /** The `whsec_…` secret, sealed. */
  secretSealed: string;
  createdAt: number;
}

/** A webhook endpoint as announcing needs it: where an event goes, and which events it takes (null: every one). */
export type WebhookSubscription = Pick<WebhookEndpointRecord, "id" | "events">;

/**
 * A session's 2FA code (CONTRACT.md ◇ Second factor): one row per session, replaced on each send.
 * Only the code's keyed hash is kept, bound to the session. Times are epoch milliseconds, UTC.
 */
export interface SecondFactorRecord {
  sessionId: string;
  companyId: string;
  /** HMAC of the session id and the code (`Keyring.hash`), never the code. */
  codeHash: string;
  channel: "email" | "sms";
  /** The masked destination, for the verify screen and the audit. */
  to: string;
  expiresAt: number;
  /** When the last code was sent: the next waits for the cooldown. */
  sentAt: number;
  /** Codes sent to this session. */
  sends: number;
  /** Wrong codes entered, across resends: the link is spent at the limit. */
  failures: number;
  /** When the code was accepted. */
  usedAt: number | null;
}

/** A new code for a session, as `sendSecondFactorCode` takes it. */
export type NewSecondFactorCode = Pick<SecondFactorRecord, "sessionId" | "companyId" | "codeHash" | "channel" | "to" | "expiresAt">;

/**
 * What every store answers from committed data, and inside a transaction from the transaction's
 * own view. Reads never change anything; "not found" is null (or an empty list), never an error.
 */
export interface StoreReads {
  /**
   * The database's clock, epoch milliseconds UTC: what every expiry is compared with. SQLite reads
   * the store's `Clock` (its `otl_now()`); PostgreSQL reads its own clock, or a setting tests move.
   * Inside a transaction it is the transaction's time, read once.
   */
  now(): Promise<number>;

  /** A company by id. Companies never change once created, so a store may cache them. */
  getCompany(id: string): Promise<CompanyRecord | null>;
  /** A connection by id. */
  getConnection(id: string): Promise<ConnectionRecord | null>;
  /** A company's connections, oldest first. */
  listConnections(companyId: string): Promise<ConnectionRecord[]>;

  /** A grant by id. */
  getGrant(id: string): Promise<GrantRecord | null>;
  /** The grant whose stored secret is any of `hashes`, whatever its state. */
  findGrant(hashes: string[]): Promise<GrantRecord | null>;
  /** A company's links (not access tokens), newest first. */
  listLinks(companyId: string): Promise<GrantRecord[]>;

  /** The session whose token is any of `hashes`, whatever its state (ended and expired included). */
  findSession(hashes: string[]): Promise<SessionRecord | null>;
  /**
   * `findSession`, its flow and the database's time, read together: every session call starts with
   * these three. PostgreSQL reads them in one statement (one round trip); SQLite, with no round trip
   * to save, in two plain lookups by key, which cost it about a third of the join.
   * `flow` is null if the flow is gone; `now` is what `now()` answers (inside a transaction, the
   * transaction's time, read once). Null when no session has the token.
   */
  findSessionFlow(hashes: string[]): Promise<SessionFlow | null>;

  /** A flow by id. */
  getFlow(id: string): Promise<FlowRecord | null>;
  /** The company's flow with status `open`, even one whose time has run out (the caller expires it). */
  openFlow(companyId: string): Promise<FlowRecord | null>;
  /** The company's open flow, or else its most recent one. */
  latestFlow(companyId: string): Promise<FlowRecord | null>;
  /** The connections made in a flow, oldest first. */
  flowConnections(flowId: string): Promise<ConnectionRecord[]>;

  /** A file record by id. */
  getFile(id: string): Promise<FileRecord | null>;
  /** A connection's files, oldest first. */
  listFiles(connectionId: string): Promise<FileRecord[]>;

  /** The audit log, oldest first (in `seq` order), optionally one company's. */
  readAudit(filter?: { companyId?: string }): Promise<AuditRecord[]>;
  /** Every webhook endpoint, oldest first. */
  listWebhookEndpoints(): Promise<WebhookEndpointRecord[]>;
  /** A webhook endpoint by id. */
  getWebhookEndpoint(id: string): Promise<WebhookEndpointRecord | null>;
  /** One page of the audit log, filtered (see `AuditFilter`). */
  queryAudit(filter: AuditFilter): Promise<AuditRecord[]>;
  /** One page of companies, oldest first, optionally those whose name or externalRef holds `query`. */
  searchCompanies(filter: CompanySearch): Promise<CompanyRecord[]>;
  /** The failure counter under `key`, if its window is still open by the database's clock. */
  rateLimitState(key: string): Promise<RateLimitState | null>;

  /** An outbox message by id. */
  getOutboxMessage(id: string): Promise<OutboxRecord | null>;
  /** The outbox messages about `subject` (optionally of one kind), newest first. */
  listOutbox(filter: { subject: string; kind?: string }): Promise<OutboxRecord[]>;

  /** A session's 2FA code row, if one was ever sent. */
  getSecondFactorCode(sessionId: string): Promise<SecondFactorRecord | null>;
  /**
   * The OAuth state with one of these hashes, used or not: a replay (used) is told from a forgery
   * (none). Null when none.
   */
  findOAuthState(hashes: string[]): Promise<OAuthStateRecord | null>;
}

/**
 * One transaction: the reads, plus the writes. The conditional writes are single statements that
 * decide under the database's own clock and locks (`UPDATE … WHERE <condition> RETURNING`), and
 * answer the row as written, or null when the condition did not hold — never read-then-write.
 * Insert operations throw on a broken constraint (a duplicate id or secret, a second open flow for
 * a company), which rolls the whole transaction back.
 */
export interface StoreTransaction extends StoreReads {
  /**
   * Runs `callback` once this transaction has committed, and never if it rolls back (a retried
   * PostgreSQL attempt drops the callbacks of the attempt that failed). For what must follow a commit
   * and not precede it: waking the outbox worker, which could not see the new messages any sooner.
   * A callback must not throw: the change is committed by then, and the caller would be told otherwise.
   */
  afterCommit(callback: () => void): void;

  /**
   * Holds the company until this transaction ends: another transaction that locks the same company
   * waits. The domain takes it before the reads its writes depend on (which flow is open, which links
   * a new one supersedes), so two processes cannot both start a flow or both keep a "latest" link.
   * SQLite: nothing to do (one writer at a time); PostgreSQL: `SELECT … FROM companies … FOR UPDATE`.
   * Does nothing for an unknown company.
   */
  lockCompany(companyId: string): Promise<void>;

  /** Adds a company. */
  insertCompany(company: CompanyRecord): Promise<void>;

  /** Adds a connection. */
  insertConnection(connection: ConnectionRecord): Promise<void>;
  /** Puts a connection in a flow (a connection link opened it there); the row as written, or null if unknown. */
  attachConnection(connectionId: string, flowId: string): Promise<ConnectionRecord | null>;
  /**
   * Sets the status (and message) of a connection of `flowId` that is not `linked`: a linked
   * connection stays linked. Updates `updatedAt`. The row as written, or null when none matched.
   */
  setConnectionStatus(
    connectionId: string,
    flowId: string,
    status: ConnectionRecord["status"],
    message: string | null,
  ): Promise<ConnectionRecord | null>;

  /** Adds a file record (its bytes are already in the store's `blobs`). */
  insertFile(file: FileRecord): Promise<void>;
  /** Deletes the file record `fileId` of `connectionId`; whether there was one. */
  deleteFile(fileId: string, connectionId: string): Promise<boolean>;

  /** Adds a grant (its secret's hash must be new). */
  insertGrant(grant: GrantRecord): Promise<void>;
  /** Marks superseded every usable grant in `scope`; their ids. */
  supersedeGrants(scope: GrantScope): Promise<string[]>;
  /**
   * The redeem: marks consumed the one grant that fits `match` and is still usable (not consumed,
   * revoked or superseded, and unexpired by the database's clock in the same statement). Of any
   * number of concurrent calls for one secret, across processes, exactly one gets the row.
   */
  consumeGrant(match: GrantMatch): Promise<GrantRecord | null>;
  /** Marks revoked a grant that is still usable; the row as written, or null when it was not usable (or unknown). */
  revokeGrant(id: string): Promise<GrantRecord | null>;
  /** Marks revoked every usable link (not access token) of a company; their ids. */
  revokeLinks(companyId: string): Promise<string[]>;

  /** Adds a flow. A company has at most one `open` flow: a second one throws. */
  insertFlow(flow: FlowRecord): Promise<void>;
  /**
   * Changes a flow that is `open`, unexpired by the database's clock and (when given) at one of
   * `fromSteps`; sets `updatedAt`. The row as written, or null when a condition did not hold.
   */
  updateFlow(flowId: string, patch: FlowPatch, fromSteps?: readonly StoredStep[]): Promise<FlowRecord | null>;
  /** Marks `expired` a flow that is `open` but whose time has run out by the database's clock; whether it did. */
  expireFlow(flowId: string): Promise<boolean>;

  /** Adds a session. */
  insertSession(session: SessionRecord): Promise<void>;
  /**
   * Slides a live session's idle expiry to `idleMs` from now (never past its absolute expiry) and
   * sets `lastSeenAt`. Live: not ended, idle expiry still ahead by the database's clock.
   * The row as written, or null when it was not live.
   */
  slideSession(id: string, idleMs: number): Promise<SessionRecord | null>;
  /** Ends a session that has not ended; the row as written, or null. */
  endSession(id: string): Promise<SessionRecord | null>;

  /**
   * Appends to the audit log, in order, stamped with the database's clock. Records are never
   * changed or deleted (the store refuses it, retention's `purge` aside); `clientHash` defaults to
   * the actor's. A `link.viewed` of a link already viewed within `VIEW_FOLD_MS` is folded into that
   * record: not written (CONTRACT.md, "Retention": one per link per 10 minutes).
   */
  appendAudit(entries: readonly AuditEntry[], actor?: Actor): Promise<void>;
  /**
   * `appendAudit`, answering too the webhook endpoints that exist as the append sees them (id and
   * event filter), read with the append itself: on PostgreSQL in the same statement, so announcing
   * an audited change costs no round trip more. The domain calls it only for entries that announce
   * a webhook event (`domain/record.ts`).
   */
  appendAuditForWebhooks(entries: readonly AuditEntry[], actor?: Actor): Promise<WebhookSubscription[]>;
  /**
   * Counts one failure under `key` in a window of `windowMs`, in one statement: a window that has
   * run out starts again at 1. Every process sharing the store shares the count.
   */
  recordFailure(key: string, windowMs: number): Promise<RateLimitState>;

  /** Adds a webhook endpoint. */
  insertWebhookEndpoint(endpoint: WebhookEndpointRecord): Promise<void>;
  /** Removes a webhook endpoint; whether there was one. Its messages still queued then fail when tried. */
  deleteWebhookEndpoint(id: string): Promise<boolean>;
  /** Queues a message for the outbox worker; it commits (or not) with the rest of the transaction. */
  insertOutbox(message: NewOutboxMessage): Promise<void>;
  /**
   * Claims up to `limit` due messages of `kinds` for `owner` until `leaseMs` from now, counting an
   * attempt on each: `pending`, due, unexpired and not held by a live lease, oldest due first. One
   * statement; on PostgreSQL `FOR UPDATE SKIP LOCKED`, so two processes never claim one message.
   */
  claimOutbox(claim: { owner: string; kinds: readonly string[]; leaseMs: number; limit: number }): Promise<OutboxRecord[]>;
  /**
   * Ends the attempt that `owner` holds on message `id`: its lease is released and, unless it stays
   * `pending`, its payload erased. Null when `owner` no longer holds it (its lease ran out and another
   * claim took it), so a late answer never overwrites a newer attempt.
   */
  settleOutbox(id: string, owner: string, outcome: OutboxOutcome): Promise<OutboxRecord | null>;
  /** Marks `expired` (payload erased) the pending messages past their expiry that no live lease holds; them. */
  expireOutbox(): Promise<OutboxRecord[]>;

  /**
   * Stores a new code for a session (the first, or a resend replacing the last), in one upsert that
   * holds only when the last send is at least `cooldownMs` old by the database's clock; `sends` grows,
   * `failures` stays. The row as written, or null while the cooldown runs.
   */
  sendSecondFactorCode(code: NewSecondFactorCode, cooldownMs: number): Promise<SecondFactorRecord | null>;
  /**
   * Accepts the session's code if its hash is one of `hashes`, it is unused, unexpired and fewer than
   * `maxFailures` wrong codes came before: one conditional write, so of concurrent verifies one wins.
   * The row as written, or null.
   */
  useSecondFactorCode(sessionId: string, hashes: readonly string[], maxFailures: number): Promise<SecondFactorRecord | null>;
  /** Counts one wrong code for the session, atomically; the row as written, or null if none. */
  failSecondFactorCode(sessionId: string): Promise<SecondFactorRecord | null>;
  /** Marks a live, unverified session verified; the row as written, or null. */
  verifySession(sessionId: string): Promise<SessionRecord | null>;
  /** Adds a pending OAuth state (its hash must be new). */
  insertOAuthState(state: OAuthStateRecord): Promise<void>;
  /**
   * Marks used the one OAuth state with one of these hashes that is unused and unexpired by the
   * database's clock, in one statement: of any number of concurrent callbacks, exactly one gets the
   * row. Null when none fits (unknown, used or expired).
   */
  useOAuthState(hashes: string[]): Promise<OAuthStateRecord | null>;
  /**
   * Retention (CONTRACT.md, "Retention"): deletes the sessions that ended (or idled out), the flows
   * that finished (or ran out) and the grants that were spent (consumed, revoked, superseded or
   * expired) before `cutoffs.endedBefore`, keeping any a remaining row still points to, with their 2FA
   * codes and outbox messages (and any message whose expiry is that old), and the
   * audit records written before `cutoffs.auditBefore`. A purged flow's connections stay, detached
   * from it. The outbox messages about a purged link or flow go with it (a link's e-mail or SMS, the
   * webhooks of its events: `subject`, or `meta.linkId` / `meta.flowId`), whatever their state: what
   * they announced has ended. The only path by which audit records are ever deleted: it marks the
   * transaction with a `retention_purge` row, which the audit trigger requires, and removes the mark
   * before the commit.
   */
  purge(cutoffs: PurgeCutoffs): Promise<PurgeCounts>;
}

/** Repeated `link.viewed` records of one link within this many milliseconds are folded into the first. */
export const VIEW_FOLD_MS = 10 * 60 * 1000;

/** The instants (epoch ms) before which retention deletes; see `StoreTransaction.purge`. */
export interface PurgeCutoffs {
  /** Spent grants, ended sessions and finished flows that ended before this are deleted. */
  endedBefore: number;
  /** Audit records written before this are deleted. */
  auditBefore: number;
}

/** How many rows one purge deleted, per table. */
export interface PurgeCounts {
  sessions: number;
  flows: number;
  grants: number;
  audit: number;
  /** Outbox messages about purged sessions, links and flows (deliveries, webhooks), or past their expiry by the window. */
  outbox: number;
  /** 2FA codes of purged sessions. */
  secondFactorCodes: number;
  /** Rate-limit counters (guesses, 2FA and renewal budgets) whose window closed before the cutoff. */
  rateLimits: number;
}

/**
 * Where OTL keeps everything: SQLite (`store/sqlite/`) or PostgreSQL (`store/postgres/`); both pass
 * `describeStoreConformance` (store/conformance.ts). The product's rules are not here but in
 * `domain/`, which runs them inside `withTransaction`; a store only offers storage and the few
 * atomic operations above.
 */
export interface OtlStore extends StoreReads {
  /**
   * Runs `work` in one transaction and answers its result once the transaction is committed and
   * durable; if `work` throws (or the commit fails) nothing of it is kept and the error is rethrown.
   * `work` must await only the transaction's own operations — never the network or a timer — so
   * that a transaction is short (SQLite runs a process's transactions one at a time, and groups
   * those of one event-loop turn into one commit). The handle is not to be used after `work` ends.
   */
  withTransaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  /** Where uploaded files' bytes are kept (see `BlobStore`). */
  readonly blobs: BlobStore;
  /** `recordFailure` in a transaction of its own: one statement, for the rate limiter. */
  recordFailure(key: string, windowMs: number): Promise<RateLimitState>;
  /** Resolves when the store answers a trivial query, rejects when it cannot (for `GET /readyz`). */
  ping(): Promise<void>;
  /** Finishes pending commits and closes the store. */
  close(): Promise<void>;
}
