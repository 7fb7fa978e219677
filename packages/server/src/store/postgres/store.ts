import { type Clock, systemClock } from "../../clock.ts";
import type {
  AuditFilter,
  AuditRecord,
  BlobStore,
  CompanyRecord,
  CompanySearch,
  ConnectionRecord,
  FileRecord,
  FlowRecord,
  GrantRecord,
  OAuthStateRecord,
  OtlStore,
  OutboxRecord,
  RateLimitState,
  SecondFactorRecord,
  SessionFlow,
  SessionRecord,
  StoreReads,
  StoreTransaction,
  WebhookEndpointRecord,
} from "../types.ts";
import { PostgresBlobStore } from "./blobs.ts";
import { connect, type PostgresConnectionOptions, type PostgresPool } from "./connection.ts";
import { migrate } from "./migrate.ts";
import { PostgresReads } from "./reads.ts";
import { countFailure, PostgresTransaction } from "./transaction.ts";

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
export class PostgresStore implements OtlStore {
  readonly #sql: PostgresPool;
  readonly #reads: PostgresReads;
  readonly #clock: Clock | null;
  /** Uploaded files' bytes, in the `file_blobs` table (see `PostgresBlobStore` for why not a directory). */
  readonly blobs: BlobStore;

  private constructor(sql: PostgresPool, clock: Clock | null) {
    this.#sql = sql;
    this.blobs = new PostgresBlobStore(sql);
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
        let tx: PostgresTransaction | null = null;
        const result = (await this.#sql.begin(async (sql) => {
          if (this.#clock) await sql`SELECT set_config('otl.now', ${String(this.#clock.now())}, true)`;
          tx = new PostgresTransaction(sql);
          return work(tx);
        })) as T;
        // Only the attempt that committed: an attempt rolled back for a retry left its callbacks with it.
        for (const callback of (tx as PostgresTransaction | null)?.committed ?? []) callback();
        return result;
      } catch (error) {
        if (attempt >= ATTEMPTS || !RETRYABLE.has((error as { code?: string }).code ?? "")) throw error;
      }
    }
  }

  // One statement: autocommit on the pool, unless a test clock must be pinned in a transaction.
  async recordFailure(key: string, windowMs: number): Promise<RateLimitState> {
    return this.#clock ? this.withTransaction((tx) => tx.recordFailure(key, windowMs)) : countFailure(this.#sql, key, windowMs);
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
  findSessionFlow(hashes: string[]): Promise<SessionFlow | null> {
    return this.#read((reads) => reads.findSessionFlow(hashes));
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
  getFile(id: string): Promise<FileRecord | null> {
    return this.#read((reads) => reads.getFile(id));
  }
  listFiles(connectionId: string): Promise<FileRecord[]> {
    return this.#read((reads) => reads.listFiles(connectionId));
  }
  readAudit(filter?: { companyId?: string }): Promise<AuditRecord[]> {
    return this.#read((reads) => reads.readAudit(filter));
  }
  listWebhookEndpoints(): Promise<WebhookEndpointRecord[]> {
    return this.#read((reads) => reads.listWebhookEndpoints());
  }
  getWebhookEndpoint(id: string): Promise<WebhookEndpointRecord | null> {
    return this.#read((reads) => reads.getWebhookEndpoint(id));
  }
  queryAudit(filter: AuditFilter): Promise<AuditRecord[]> {
    return this.#read((reads) => reads.queryAudit(filter));
  }
  searchCompanies(filter: CompanySearch): Promise<CompanyRecord[]> {
    return this.#read((reads) => reads.searchCompanies(filter));
  }
  rateLimitState(key: string): Promise<RateLimitState | null> {
    return this.#read((reads) => reads.rateLimitState(key));
  }
  getOutboxMessage(id: string): Promise<OutboxRecord | null> {
    return this.#read((reads) => reads.getOutboxMessage(id));
  }
  listOutbox(filter: { subject: string; kind?: string }): Promise<OutboxRecord[]> {
    return this.#read((reads) => reads.listOutbox(filter));
  }
  getSecondFactorCode(sessionId: string): Promise<SecondFactorRecord | null> {
    return this.#read((reads) => reads.getSecondFactorCode(sessionId));
  }

  findOAuthState(hashes: string[]): Promise<OAuthStateRecord | null> {
    return this.#read((reads) => reads.findOAuthState(hashes));
  }

  async ping(): Promise<void> {
    await this.#sql`SELECT 1`;
  }

  /** Closes the pool, letting statements under way finish (at most 5 s). */
  async close(): Promise<void> {
    await this.#sql.end({ timeout: 5 });
  }
}
