import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { Worker } from "node:worker_threads";
import { DirectoryBlobStore } from "../../blobs/directory.ts";
import { MemoryBlobStore } from "../../blobs/memory.ts";
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
  StoreTransaction,
  WebhookEndpointRecord,
} from "../types.ts";
import { type AuditRow, insertAudit } from "./audit-rows.ts";
import { SqliteConnection } from "./connection.ts";
import { synchronousMode } from "./durability.ts";
import { checkIntegrity } from "./integrity.ts";
import { SqliteReads } from "./reads.ts";
import { SQLITE_MIGRATIONS } from "./schema.ts";
import { SqliteTransaction } from "./transaction.ts";

/** Where the SQLite store keeps its file: a directory, or `memory://` to keep nothing. */
export interface SqliteStoreOptions {
  /** A directory (created if missing) that holds `otl.sqlite`, or `memory://`. */
  dataDir: string;
  /** The clock behind the database's `otl_now()`; tests pass a manual one. */
  clock?: Clock;
  /** Where uploaded files' bytes go (`OTL_BLOB_DIR`); default `files/` in `dataDir`, or memory for `memory://`. */
  blobDir?: string;
}

/** The in-memory location: nothing is kept after close. */
export const MEMORY = "memory://";

/** The transactions of one event-loop turn, committed together. */
interface Batch {
  committed: Promise<void>;
  settle(error?: unknown): void;
  /** The audit rows of its transactions that succeeded, in order: written just before its COMMIT. */
  audit: AuditRow[];
}

/**
 * The embedded store: one SQLite file through Node's built-in `node:sqlite`, in WAL mode.
 * A process runs its transactions one at a time on one connection (each is synchronous SQL under
 * its async face, so the queue rarely holds anyone), and across processes SQLite's write lock
 * serialises them. Transactions of one event-loop turn share one commit (group commit): each after
 * the first runs in its own SAVEPOINT, so one that fails rolls back alone, and none answers before the commit.
 * Their audit rows are written together just before that commit (`insertAudit`).
 * Reads outside a transaction see committed data only.
 */
export class SqliteStore implements OtlStore {
  readonly #db: DatabaseSync;
  readonly #conn: SqliteConnection;
  readonly #reads: SqliteReads;
  readonly #checkpointer: Worker | undefined;
  #batch: Batch | null = null;
  /** Transactions running or waiting their turn; each waits only for the one queued before it. */
  #queued = 0;
  /** Settles when the last transaction queued has ended. */
  #tail: Promise<void> = Promise.resolve();
  /** A transaction is between its start and its end (its work may be awaiting). */
  #inside = false;
  #commitDue = false;
  #checkpointDue = false;
  /** Uploaded files' bytes: a directory outside any served path (see `DirectoryBlobStore`). */
  readonly blobs: BlobStore;

  constructor(options: SqliteStoreOptions) {
    const clock = options.clock ?? systemClock;
    const inMemory = options.dataDir === MEMORY;
    if (!inMemory) mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    const file = join(options.dataDir, "otl.sqlite");
    this.#db = new DatabaseSync(inMemory ? ":memory:" : file);
    this.#db.function("otl_now", { deterministic: false }, () => clock.now());
    this.#db.exec("PRAGMA busy_timeout = 5000");
    // Each transaction of a group commit runs in a SAVEPOINT, whose sub-journal keeps the pages it changes
    // (so it can roll back alone). Past 64 KiB, about 16 pages, SQLite spilled it to a temporary file: one
    // created, written and deleted per commit, some 17 write calls a flow (strace). In memory it never
    // touches the disk. Nothing durable lives there: a crash recovers from the WAL, never from a sub-journal.
    this.#db.exec("PRAGMA temp_store = MEMORY");
    // Before anything reads a row: a damaged page found now stops the start, naming the file, instead of 500s later.
    if (!inMemory) checkIntegrity(this.#db, file);
    this.#db.exec("PRAGMA foreign_keys = ON");
    this.#conn = new SqliteConnection(this.#db, clock);
    this.#reads = new SqliteReads(this.#conn);
    const blobDir = options.blobDir ?? (inMemory ? null : join(options.dataDir, "files"));
    this.blobs = blobDir === null ? new MemoryBlobStore() : new DirectoryBlobStore(blobDir);
    if (!inMemory) {
      // WAL with FULL sync: every commit fsyncs the log before it returns, so no answer reports a
      // redeem, an issue or a step that a power cut could take back (CONTRACT.md, "Durable"; NORMAL
      // lost the last commits on power loss). The group commit makes that one fsync per event-loop
      // turn, however many transactions the turn holds. Checkpoints, which a worker thread runs on its
      // own connection off the request path, fsync the database file; this connection copies only the
      // last few frames, so the log can start over (#finishCheckpoint). After a burst, a log restarted
      // from the top is cut back to this size rather than kept at its peak.
      this.#db.exec(
        `PRAGMA journal_mode = WAL; PRAGMA synchronous = ${synchronousMode(process.env)}; PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 67108864`,
      );
      const source = import.meta.url.endsWith(".ts") ? "./checkpointer.ts" : "./checkpointer.js";
      this.#checkpointer = new Worker(new URL(source, import.meta.url), {
        workerData: { file, intervalMs: 250 },
      });
      this.#checkpointer.unref();
      this.#checkpointer.on("message", () => this.#finishCheckpoint());
    }
    this.#migrate();
  }

  #migrate(): void {
    // One transaction for all of it, under the write lock: two processes starting at once cannot both migrate.
    // IMMEDIATE takes the write lock up front, so two processes never both read then fail to upgrade.
    this.#db.exec("BEGIN IMMEDIATE");
    try {
      this.#db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT");
      const applied = (this.#db.prepare("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations").get() as { v: number }).v;
      SQLITE_MIGRATIONS.forEach((sql, index) => {
        const version = index + 1;
        if (version <= applied) return;
        this.#db.exec(sql);
        this.#db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)").run(version, Date.now());
      });
      this.#db.exec("COMMIT");
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec("ROLLBACK");
      throw error;
    }
  }

  async withTransaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    const previous = this.#tail;
    let finished: () => void = () => {};
    this.#tail = new Promise((resolve) => {
      finished = resolve;
    });
    // A queue, not a lock that every waiter re-checks: N transactions of one turn wake N times, not N².
    if (this.#queued++ > 0) await previous;
    this.#inside = true;
    // The first transaction of a turn opens its batch and needs no savepoint: should it fail, rolling
    // back the whole batch undoes only its own work. Those that join an open batch run in a SAVEPOINT.
    const first = this.#batch === null;
    let batch: Batch | null = null;
    let savepoint = false;
    let result: T;
    let tx: SqliteTransaction | null = null;
    try {
      // Inside the try: a BEGIN that fails (the file locked by another process past the busy timeout,
      // an I/O error) must still release the queue, or every later transaction would wait forever.
      batch = this.#batch ?? this.#openBatch();
      // BEGIN, SAVEPOINT and the rest are prepared once: `exec` would parse them again on every call.
      if (!first) {
        this.#conn.statement("SAVEPOINT otl_tx").run();
        savepoint = true;
      }
      tx = new SqliteTransaction(this.#conn, batch.audit);
      result = await work(tx);
      if (savepoint) this.#conn.statement("RELEASE otl_tx").run();
      for (const row of tx.audit) batch.audit.push(row);
    } catch (error) {
      if (batch === null) {
        // Nothing began.
      } else if (first) {
        if (this.#db.isTransaction) this.#conn.statement("ROLLBACK").run();
        // Nobody else is in this batch: it ends here, and the next transaction opens another.
        this.#settleBatch(batch);
      } else if (!this.#db.isTransaction) {
        // SQLite rolled back the whole transaction (I/O error, full disk…): the turn's other work is gone too.
        this.#settleBatch(batch, error);
      } else if (savepoint) {
        this.#conn.statement("ROLLBACK TO otl_tx").run();
        this.#conn.statement("RELEASE otl_tx").run();
        // Rows of earlier transactions that a read here wrote early were taken back with it: queued again.
        if (tx) batch.audit.unshift(...tx.wroteEarly);
      }
      throw error;
    } finally {
      this.#inside = false;
      this.#queued--;
      finished();
      if (this.#commitDue && batch) this.#commitBatch(batch);
    }
    await (batch as Batch).committed;
    for (const callback of (tx as SqliteTransaction).committed) callback();
    return result;
  }

  async recordFailure(key: string, windowMs: number): Promise<RateLimitState> {
    return this.withTransaction((tx) => tx.recordFailure(key, windowMs));
  }

  #openBatch(): Batch {
    this.#conn.statement("BEGIN IMMEDIATE").run();
    let settle: (error?: unknown) => void = () => {};
    const committed = new Promise<void>((resolve, reject) => {
      settle = (error) => (error === undefined ? resolve() : reject(error));
    });
    // A turn whose work all failed has no one waiting on its commit.
    committed.catch(() => {});
    const batch: Batch = { committed, settle, audit: [] };
    this.#batch = batch;
    setImmediate(() => this.#commitBatch(batch));
    return batch;
  }

  #commitBatch(batch: Batch): void {
    if (this.#batch !== batch) return;
    // A transaction still under way (its work awaited something besides the store) holds the commit until it ends.
    if (this.#inside) {
      this.#commitDue = true;
      return;
    }
    this.#commitDue = false;
    try {
      insertAudit(this.#conn, batch.audit);
      this.#conn.statement("COMMIT").run();
    } catch (error) {
      if (this.#db.isTransaction) this.#conn.statement("ROLLBACK").run();
      this.#settleBatch(batch, error);
      return;
    }
    this.#settleBatch(batch);
    if (this.#checkpointDue) this.#finishCheckpoint();
  }

  // The checkpointer has copied nearly all of the log: copy the last frames here, between two commits,
  // so the checkpoint reaches the end of the log and the next commit starts it over. PASSIVE never waits:
  // should the worker be mid-checkpoint, this is skipped until its next round.
  #finishCheckpoint(): void {
    if (this.#batch) {
      this.#checkpointDue = true;
      return;
    }
    this.#checkpointDue = false;
    try {
      if (this.#db.isOpen) this.#conn.statement("PRAGMA wal_checkpoint(PASSIVE)").get();
    } catch {
      // Busy: the next round tries again.
    }
  }

  #settleBatch(batch: Batch, error?: unknown): void {
    if (this.#batch === batch) {
      this.#batch = null;
      this.#commitDue = false;
    }
    // Companies read within a batch that did not commit may not exist after all.
    if (error !== undefined) this.#conn.companies.clear();
    batch.settle(error);
  }

  // Reads see committed data only: while a turn's transactions are still uncommitted, a read waits for their commit.
  async #committed(): Promise<SqliteReads> {
    while (this.#batch) await this.#batch.committed.catch(() => {});
    return this.#reads;
  }

  async now(): Promise<number> {
    return this.#conn.clock.now();
  }

  async getCompany(id: string): Promise<CompanyRecord | null> {
    const cached = this.#conn.companies.get(id);
    if (cached) return cached;
    return (await this.#committed()).getCompany(id);
  }

  async getConnection(id: string): Promise<ConnectionRecord | null> {
    return (await this.#committed()).getConnection(id);
  }

  async listConnections(companyId: string): Promise<ConnectionRecord[]> {
    return (await this.#committed()).listConnections(companyId);
  }

  async getGrant(id: string): Promise<GrantRecord | null> {
    return (await this.#committed()).getGrant(id);
  }

  async findGrant(hashes: string[]): Promise<GrantRecord | null> {
    return (await this.#committed()).findGrant(hashes);
  }

  async listLinks(companyId: string): Promise<GrantRecord[]> {
    return (await this.#committed()).listLinks(companyId);
  }

  async findSession(hashes: string[]): Promise<SessionRecord | null> {
    return (await this.#committed()).findSession(hashes);
  }

  async findSessionFlow(hashes: string[]): Promise<SessionFlow | null> {
    return (await this.#committed()).findSessionFlow(hashes);
  }

  async getFlow(id: string): Promise<FlowRecord | null> {
    return (await this.#committed()).getFlow(id);
  }

  async openFlow(companyId: string): Promise<FlowRecord | null> {
    return (await this.#committed()).openFlow(companyId);
  }

  async latestFlow(companyId: string): Promise<FlowRecord | null> {
    return (await this.#committed()).latestFlow(companyId);
  }

  async flowConnections(flowId: string): Promise<ConnectionRecord[]> {
    return (await this.#committed()).flowConnections(flowId);
  }

  async getFile(id: string): Promise<FileRecord | null> {
    return (await this.#committed()).getFile(id);
  }

  async listFiles(connectionId: string): Promise<FileRecord[]> {
    return (await this.#committed()).listFiles(connectionId);
  }

  async readAudit(filter?: { companyId?: string }): Promise<AuditRecord[]> {
    return (await this.#committed()).readAudit(filter);
  }

  async listWebhookEndpoints(): Promise<WebhookEndpointRecord[]> {
    return (await this.#committed()).listWebhookEndpoints();
  }

  async getWebhookEndpoint(id: string): Promise<WebhookEndpointRecord | null> {
    return (await this.#committed()).getWebhookEndpoint(id);
  }

  async queryAudit(filter: AuditFilter): Promise<AuditRecord[]> {
    return (await this.#committed()).queryAudit(filter);
  }

  async searchCompanies(filter: CompanySearch): Promise<CompanyRecord[]> {
    return (await this.#committed()).searchCompanies(filter);
  }

  async rateLimitState(key: string): Promise<RateLimitState | null> {
    return (await this.#committed()).rateLimitState(key);
  }
  async getOutboxMessage(id: string): Promise<OutboxRecord | null> {
    return (await this.#committed()).getOutboxMessage(id);
  }
  async listOutbox(filter: { subject: string; kind?: string }): Promise<OutboxRecord[]> {
    return (await this.#committed()).listOutbox(filter);
  }
  async getSecondFactorCode(sessionId: string): Promise<SecondFactorRecord | null> {
    return (await this.#committed()).getSecondFactorCode(sessionId);
  }

  async findOAuthState(hashes: string[]): Promise<OAuthStateRecord | null> {
    return (await this.#committed()).findOAuthState(hashes);
  }

  async ping(): Promise<void> {
    // Reads the schema: fails when the database is closed or its file can no longer be read.
    this.#conn.statement("SELECT COUNT(*) FROM sqlite_schema").get();
  }

  async close(): Promise<void> {
    await this.#tail;
    if (this.#batch) this.#commitBatch(this.#batch);
    if (this.#checkpointer) {
      const exited = new Promise((resolve) => this.#checkpointer?.once("exit", resolve));
      // Unreferenced while it runs, so that it never holds a process open; referenced while it stops,
      // or a process with nothing else to do (`otl-server purge`) would end before its exit is seen.
      this.#checkpointer.ref();
      this.#checkpointer.postMessage("close");
      await exited;
    }
    if (this.#db.isOpen) {
      // A last checkpoint leaves a tidy file behind for backups and the next start.
      this.#db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
      this.#db.close();
    }
  }
}
