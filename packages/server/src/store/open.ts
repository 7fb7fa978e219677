import type { Clock } from "../clock.ts";
import { PostgresStore } from "./postgres/store.ts";
import { SqliteStore } from "./sqlite/store.ts";
import type { OtlStore } from "./types.ts";

/** Where the data lives: a PostgreSQL URL, or else a SQLite data directory (`memory://` keeps nothing). */
export interface StoreLocation {
  /** `postgres://…`: the scale-out store, shared by every process given the same URL. Wins over `dataDir`. */
  databaseUrl?: string;
  /** A directory for the embedded SQLite store, or `memory://`. */
  dataDir?: string;
  /** PostgreSQL only: connections this process keeps open at most (default 10). */
  poolSize?: number;
  /** PostgreSQL only: milliseconds after which one statement is cancelled (default 5000). */
  statementTimeoutMs?: number;
  /** SQLite only: where uploaded files' bytes go (`OTL_BLOB_DIR`); default `files/` in `dataDir`. PostgreSQL keeps them in the database. */
  blobDir?: string;
  /** Tests only: the clock the store's `otl_now()` reads instead of the database's. */
  clock?: Clock;
}

/** The URL schemes PostgreSQL's own clients accept. */
const POSTGRES_URL = /^postgres(ql)?:\/\//;

/**
 * Opens the store a location names: PostgreSQL (pending migrations applied under an advisory lock)
 * when `databaseUrl` is given, else SQLite in `dataDir`. Throws, naming the option, on a URL that is
 * not `postgres://` or `postgresql://`, and passes on connection and migration errors.
 */
export async function openStore(location: StoreLocation): Promise<OtlStore> {
  if (location.databaseUrl !== undefined) {
    if (!POSTGRES_URL.test(location.databaseUrl)) throw new Error("--database-url must start with postgres:// or postgresql://");
    return PostgresStore.open({
      url: location.databaseUrl,
      poolSize: location.poolSize,
      statementTimeoutMs: location.statementTimeoutMs,
      clock: location.clock,
    });
  }
  return new SqliteStore({ dataDir: location.dataDir ?? ".otl", clock: location.clock, blobDir: location.blobDir });
}
