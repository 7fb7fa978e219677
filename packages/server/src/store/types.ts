import type { ConnectionStatus, FlowStep } from "@otl/protocol";

/** A company row. Times are epoch milliseconds, UTC. */
export interface CompanyRecord {
  id: string;
  name: string;
  contactEmail: string | null;
  contactPhone: string | null;
  externalRef: string | null;
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
  | "session.ended";

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

/** Who is asking, for the audit log. */
export interface Actor {
  clientHash: string | null;
}

/** Everything a redeem needs, decided before the one transaction that performs it. */
export interface RedeemRequest {
  /** The secret's stored forms, one per accepted hash key; null for a reusable link, which has no secret. */
  hashes: string[] | null;
  kinds: GrantKind[];
  /** Required for link codes: a code only works at its own company's URL. */
  companyId: string | null;
  /** Must equal the grant's connection (null for company links and access tokens). */
  connectionId: string | null;
  session: { id: string; tokenHash: string; idleMs: number; absoluteMs: number };
  /** Used only when the company has no open flow to resume. */
  newFlow: { id: string; lifetimeMs: number };
}

/** What a redeem did: a session on the resumed flow, or the grant that could not be used (if any). */
export type RedeemOutcome =
  | { ok: true; grant: GrantRecord | null; session: SessionRecord; flow: FlowRecord }
  | { ok: false; grant: GrantRecord | null };

/** What a session look-up found. */
export type SessionLookup = { ok: true; session: SessionRecord } | { ok: false; reason: "unknown" | "expired" };

/** The fields of a flow that a step may change. */
export type FlowPatch = Partial<
  Pick<
    FlowRecord,
    "step" | "consentStatus" | "consentAt" | "consentTextVersion" | "consentLocale" | "consentClientHash" | "activeConnectionId"
  >
>;

/** What a failure counter said. */
export interface RateLimitState {
  count: number;
  resetAt: number;
}

/**
 * The domain operations of the OTL store. Each is one transaction; the routes never compose
 * reads and writes themselves, so a second store (PostgreSQL) slots in without touching them.
 */
export interface OtlStore {
  /** Creates a company. */
  createCompany(company: CompanyRecord, actor: Actor): Promise<void>;
  /** Reads a company. */
  getCompany(id: string): Promise<CompanyRecord | null>;

  /** Creates a pending connection the host will send a connection link for. */
  createConnection(connection: ConnectionRecord, actor: Actor): Promise<void>;
  /** Reads a connection. */
  getConnection(id: string): Promise<ConnectionRecord | null>;
  /** Lists a company's connections, oldest first. */
  listConnections(companyId: string): Promise<ConnectionRecord[]>;

  /**
   * Stores a new one-time secret. With `supersede`, the company's earlier active grants of the
   * same kind (and connection) are superseded in the same transaction; their ids are returned.
   */
  issueGrant(grant: GrantRecord, options: { supersede: boolean }, actor: Actor): Promise<{ supersededIds: string[] }>;
  /** Reads a grant by id. */
  getGrant(id: string): Promise<GrantRecord | null>;
  /** Finds a grant by any stored form of its secret. */
  findGrant(hashes: string[]): Promise<GrantRecord | null>;
  /** Lists a company's links (not access tokens), newest first. */
  listLinks(companyId: string): Promise<GrantRecord[]>;
  /** Revokes a grant that is still usable; answers the grant as it now stands, or null if unknown. */
  revokeGrant(id: string, actor: Actor): Promise<GrantRecord | null>;

  /**
   * Consumes a secret exactly once and opens a session on the company's flow (resumed, or new),
   * atomically: one conditional update decides, and nothing is burned if a later part fails.
   */
  redeem(request: RedeemRequest, actor: Actor): Promise<RedeemOutcome>;

  /** Finds a live session by token and slides its idle expiry. */
  touchSession(hashes: string[], idleMs: number): Promise<SessionLookup>;
  /** Ends a session. */
  endSession(id: string, actor: Actor): Promise<void>;

  /** Reads a flow. */
  getFlow(id: string): Promise<FlowRecord | null>;
  /** The company's open flow, or else its most recent one. */
  latestFlow(companyId: string): Promise<FlowRecord | null>;
  /** The connections made in a flow, oldest first. */
  flowConnections(flowId: string): Promise<ConnectionRecord[]>;
  /** Changes an open flow if it is still at one of `fromSteps`; null when it was not. */
  updateFlow(flowId: string, fromSteps: StoredStep[], patch: FlowPatch, audit: AuditEntry, actor: Actor): Promise<FlowRecord | null>;
  /**
   * Starts connecting within an open flow at one of `fromSteps`: creates the connection (or
   * re-attempts an existing one of the flow) and moves the flow to `connect`.
   */
  startConnection(
    flowId: string,
    fromSteps: StoredStep[],
    connection: ConnectionRecord,
    actor: Actor,
  ): Promise<{ flow: FlowRecord; connection: ConnectionRecord } | null>;
  /** Records how a connection attempt ended; a linked one moves the flow to `review`. */
  settleConnection(
    flowId: string,
    connectionId: string,
    result: { status: "linked" | "failed"; message: string | null },
    actor: Actor,
  ): Promise<{ flow: FlowRecord; connection: ConnectionRecord } | null>;
  /** Marks the flow done and revokes the company's remaining active links; null if not at `review`. */
  finishFlow(flowId: string, actor: Actor): Promise<{ flow: FlowRecord; revokedLinkIds: string[] } | null>;

  /** Appends to the audit log. */
  audit(entry: AuditEntry): Promise<void>;
  /** Reads the audit log, oldest first (for hosts and tests). */
  readAudit(filter?: { companyId?: string }): Promise<AuditRecord[]>;

  /** The failure counter under `key`, if its window is still open. */
  rateLimitState(key: string): Promise<RateLimitState | null>;
  /** Counts one failure under `key` in a window of `windowMs`, atomically. */
  recordFailure(key: string, windowMs: number): Promise<RateLimitState>;

  /** Closes the store. */
  close(): Promise<void>;
}
