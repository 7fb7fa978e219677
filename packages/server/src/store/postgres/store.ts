import { type Clock, systemClock } from "../../clock.ts";
import { patchOnRedeem } from "../../flow.ts";
import type { LegacyOtlStore, RedeemOutcome, RedeemRequest, SessionLookup } from "../legacy-types.ts";
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
  SessionRecord,
  StoredStep,
  StoreReads,
  StoreTransaction,
} from "../types.ts";
import { connect, type PostgresConnectionOptions, type PostgresPool } from "./connection.ts";
import { migrate } from "./migrate.ts";
import { PostgresReads } from "./reads.ts";
import { PostgresTransaction } from "./transaction.ts";

/** How to open the PostgreSQL store. */
export interface PostgresStoreOptions extends PostgresConnectionOptions {
  /** Apply pending migrations when opening (default true); `otl-server migrate` applies them on its own. */
  migrate?: boolean;
  /**
   * A clock that stands in for the database's in `otl_now()`, pinned per transaction: for tests only.
   * Without it the database's clock decides expiry, so every process agrees however their clocks drift.
   */
  clock?: Clock;
}

// The loser of a lock cycle (40P01) or of a serializable check (40001) is run again: the work of a
// transaction touches only the transaction (see `OtlStore.withTransaction`), so running it again is safe.
const RETRYABLE = new Set(["40001", "40P01"]);
const ATTEMPTS = 5;

/**
 * The scale-out store: any number of `otl-server` processes on one PostgreSQL (≥ 14), through the
 * `postgres` driver's pool. Each transaction is READ COMMITTED; the conditional `UPDATE … RETURNING`
 * of each write decides every race, as in SQLite (see `PostgresTransaction`). Reads outside a
 * transaction are single statements on the pool, so they see committed data only.
 */
export class PostgresStore implements OtlStore, LegacyOtlStore {
  readonly #sql: PostgresPool;
  readonly #reads: PostgresReads;
  readonly #clock: Clock | null;

  private constructor(sql: PostgresPool, clock: Clock | null) {
    this.#sql = sql;
    this.#reads = new PostgresReads(sql);
    this.#clock = clock;
  }

  /** Connects, applies pending migrations (unless `migrate: false`) and answers the store. Throws if the database cannot be reached. */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const sql = connect(options);
    try {
      if (options.migrate !== false) await migrate(sql);
      else await sql`SELECT 1`;
    } catch (error) {
      await sql.end({ timeout: 5 });
      throw error;
    }
    const clock = options.clock && options.clock !== systemClock ? options.clock : null;
    return new PostgresStore(sql, clock);
  }

  async withTransaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.#sql.begin(async (sql) => {
          if (this.#clock) await sql`SELECT set_config('otl.now', ${String(this.#clock.now())}, true)`;
          return work(new PostgresTransaction(sql));
        })) as T;
      } catch (error) {
        if (attempt >= ATTEMPTS || !RETRYABLE.has((error as { code?: string }).code ?? "")) throw error;
      }
    }
  }

  async recordFailure(key: string, windowMs: number): Promise<RateLimitState> {
    return this.withTransaction((tx) => tx.recordFailure(key, windowMs));
  }

  // A read is one statement on the pool; a test clock can only be pinned inside a transaction.
  #read<T>(read: (reads: StoreReads) => Promise<T>): Promise<T> {
    return this.#clock ? this.withTransaction(read) : read(this.#reads);
  }

  now(): Promise<number> {
    return this.#read((reads) => reads.now());
  }
  getCompany(id: string): Promise<CompanyRecord | null> {
    return this.#read((reads) => reads.getCompany(id));
  }
  getConnection(id: string): Promise<ConnectionRecord | null> {
    return this.#read((reads) => reads.getConnection(id));
  }
  listConnections(companyId: string): Promise<ConnectionRecord[]> {
    return this.#read((reads) => reads.listConnections(companyId));
  }
  getGrant(id: string): Promise<GrantRecord | null> {
    return this.#read((reads) => reads.getGrant(id));
  }
  findGrant(hashes: string[]): Promise<GrantRecord | null> {
    return this.#read((reads) => reads.findGrant(hashes));
  }
  listLinks(companyId: string): Promise<GrantRecord[]> {
    return this.#read((reads) => reads.listLinks(companyId));
  }
  findSession(hashes: string[]): Promise<SessionRecord | null> {
    return this.#read((reads) => reads.findSession(hashes));
  }
  getFlow(id: string): Promise<FlowRecord | null> {
    return this.#read((reads) => reads.getFlow(id));
  }
  openFlow(companyId: string): Promise<FlowRecord | null> {
    return this.#read((reads) => reads.openFlow(companyId));
  }
  latestFlow(companyId: string): Promise<FlowRecord | null> {
    return this.#read((reads) => reads.latestFlow(companyId));
  }
  flowConnections(flowId: string): Promise<ConnectionRecord[]> {
    return this.#read((reads) => reads.flowConnections(flowId));
  }
  readAudit(filter?: { companyId?: string }): Promise<AuditRecord[]> {
    return this.#read((reads) => reads.readAudit(filter));
  }
  rateLimitState(key: string): Promise<RateLimitState | null> {
    return this.#read((reads) => reads.rateLimitState(key));
  }

  /** Closes the pool, letting statements under way finish (at most 5 s). */
  async close(): Promise<void> {
    await this.#sql.end({ timeout: 5 });
  }

  // ---------------------------------------------------------------------------------------------
  // Transitional: `LegacyOtlStore`, which today's routes still call, composed from the transaction's
  // operations as the domain will compose them. Deleted with legacy-types.ts once routes call domain/.

  async createCompany(company: CompanyRecord, actor: Actor): Promise<void> {
    await this.withTransaction(async (tx) => {
      await tx.insertCompany(company);
      await tx.appendAudit([{ event: "company.created", companyId: company.id }], actor);
    });
  }

  async createConnection(connection: ConnectionRecord, actor: Actor): Promise<void> {
    await this.withTransaction(async (tx) => {
      await tx.insertConnection(connection);
      await tx.appendAudit(
        [{ event: "connection.created", companyId: connection.companyId, detail: { connectionId: connection.id } }],
        actor,
      );
    });
  }

  async issueGrant(grant: GrantRecord, options: { supersede: boolean }, actor: Actor): Promise<{ supersededIds: string[] }> {
    return this.withTransaction(async (tx) => {
      const supersededIds = options.supersede ? await tx.supersedeGrants(grant) : [];
      await tx.insertGrant(grant);
      const events: AuditEntry[] = supersededIds.map((id) => ({
        event: "link.superseded",
        companyId: grant.companyId,
        linkId: id,
        detail: { by: grant.id },
      }));
      const event = grant.kind === "access_token" ? "access_token.issued" : "link.issued";
      events.push({ event, companyId: grant.companyId, linkId: grant.id, detail: { kind: grant.kind } });
      await tx.appendAudit(events, actor);
      return { supersededIds };
    });
  }

  async revokeGrant(id: string, actor: Actor): Promise<GrantRecord | null> {
    return this.withTransaction(async (tx) => {
      const revoked = await tx.revokeGrant(id);
      if (!revoked) return tx.getGrant(id);
      await tx.appendAudit([{ event: "link.revoked", companyId: revoked.companyId, linkId: revoked.id, detail: { by: "host" } }], actor);
      return revoked;
    });
  }

  async redeem(request: RedeemRequest, actor: Actor): Promise<RedeemOutcome> {
    return this.withTransaction(async (tx): Promise<RedeemOutcome> => {
      let grant: GrantRecord | null = null;
      if (request.hashes !== null) {
        grant = await tx.consumeGrant({ ...request, hashes: request.hashes });
        if (!grant) return { ok: false, grant: await tx.findGrant(request.hashes) };
      }
      const companyId = grant?.companyId ?? (request.companyId as string);
      if (!grant && !(await tx.getCompany(companyId))) return { ok: false, grant: null };
      const now = await tx.now();
      const events: AuditEntry[] = [];
      let flow = await tx.openFlow(companyId);
      if (flow && flow.expiresAt <= now) {
        await tx.expireFlow(flow.id);
        flow = null;
      }
      if (flow) {
        events.push({ event: "flow.resumed", companyId, linkId: grant?.id ?? null, flowId: flow.id, detail: { step: flow.step } });
      } else {
        flow = {
          id: request.newFlow.id,
          companyId,
          status: "open",
          step: "consent",
          consentStatus: "pending",
          consentAt: null,
          activeConnectionId: null,
          createdAt: now,
          updatedAt: now,
          expiresAt: now + request.newFlow.lifetimeMs,
          finishedAt: null,
        };
        await tx.insertFlow(flow);
        events.push({ event: "flow.started", companyId, linkId: grant?.id ?? null, flowId: flow.id });
      }
      if (grant?.connectionId != null) {
        const target = await tx.attachConnection(grant.connectionId, flow.id);
        flow = (await tx.updateFlow(flow.id, patchOnRedeem(flow, grant, target))) ?? flow;
      }
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
      await tx.insertSession(session);
      events.push({
        event: "link.redeemed",
        companyId,
        linkId: grant?.id ?? null,
        flowId: flow.id,
        detail: { kind: grant?.kind ?? "reusable_link" },
      });
      await tx.appendAudit(events, actor);
      return { ok: true, grant, session, flow };
    });
  }

  async touchSession(hashes: string[], idleMs: number): Promise<SessionLookup> {
    return this.withTransaction(async (tx): Promise<SessionLookup> => {
      const found = await tx.findSession(hashes);
      const session = found && (await tx.slideSession(found.id, idleMs));
      if (session) return { ok: true, session };
      return { ok: false, reason: found && found.endedAt === null ? "expired" : "unknown" };
    });
  }

  async endSession(id: string, actor: Actor): Promise<void> {
    await this.withTransaction(async (tx) => {
      const ended = await tx.endSession(id);
      if (ended) await tx.appendAudit([{ event: "session.ended", flowId: ended.flowId }], actor);
    });
  }

  async updateFlow(flowId: string, fromSteps: StoredStep[], patch: FlowPatch, audit: AuditEntry, actor: Actor): Promise<FlowRecord | null> {
    return this.withTransaction(async (tx) => {
      const flow = await tx.updateFlow(flowId, patch, fromSteps);
      if (flow) await tx.appendAudit([{ companyId: flow.companyId, flowId: flow.id, ...audit }], actor);
      return flow;
    });
  }

  async startConnection(
    flowId: string,
    fromSteps: StoredStep[],
    connection: ConnectionRecord,
    actor: Actor,
  ): Promise<{ flow: FlowRecord; connection: ConnectionRecord } | null> {
    return this.withTransaction(async (tx) => {
      const flow = await tx.updateFlow(flowId, { step: "connect", activeConnectionId: connection.id }, fromSteps);
      if (!flow) return null;
      const existing = await tx.getConnection(connection.id);
      if (existing?.flowId === flowId) await tx.setConnectionStatus(connection.id, flowId, "pending", null);
      else await tx.insertConnection({ ...connection, flowId });
      const started = (await tx.getConnection(connection.id)) as ConnectionRecord;
      await tx.appendAudit(
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
      return { flow, connection: started };
    });
  }

  async settleConnection(
    flowId: string,
    connectionId: string,
    result: { status: "linked" | "failed"; message: string | null },
    actor: Actor,
  ): Promise<{ flow: FlowRecord; connection: ConnectionRecord } | null> {
    return this.withTransaction(async (tx) => {
      const connection = await tx.setConnectionStatus(connectionId, flowId, result.status, result.message);
      if (!connection) return null;
      const patch: FlowPatch = result.status === "linked" ? { step: "review", activeConnectionId: null } : {};
      const flow = await tx.updateFlow(flowId, patch, ["connect"]);
      if (!flow) throw new Error("flow left the connect step while a connection settled");
      const event = result.status === "linked" ? "connection.linked" : "connection.failed";
      await tx.appendAudit(
        [{ event, companyId: flow.companyId, flowId, detail: { connectionId, integration: connection.integration } }],
        actor,
      );
      return { flow, connection };
    });
  }

  async finishFlow(flowId: string, actor: Actor): Promise<{ flow: FlowRecord; revokedLinkIds: string[] } | null> {
    return this.withTransaction(async (tx) => {
      const now = await tx.now();
      const flow = await tx.updateFlow(flowId, { status: "done", step: "done", finishedAt: now, activeConnectionId: null }, ["review"]);
      if (!flow) return null;
      const revokedLinkIds = await tx.revokeLinks(flow.companyId);
      const events: AuditEntry[] = revokedLinkIds.map((id) => ({
        event: "link.revoked",
        companyId: flow.companyId,
        linkId: id,
        flowId,
        detail: { by: "finish" },
      }));
      events.push({ event: "flow.finished", companyId: flow.companyId, flowId, detail: { disclosedAll: true } });
      await tx.appendAudit(events, actor);
      return { flow, revokedLinkIds };
    });
  }

  async audit(entry: AuditEntry): Promise<void> {
    await this.withTransaction((tx) => tx.appendAudit([entry]));
  }
}
