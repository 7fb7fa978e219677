import type { Sql } from "postgres";
import { POSTGRES_MIGRATIONS } from "./migrations.ts";

// Any constant every otl-server agrees on; this one spells "otlm" in its bytes, to be recognised in pg_locks.
const MIGRATION_LOCK = 0x6f746c6d;

/** What a migration run did: the schema version before and after. */
export interface MigrationResult {
  from: number;
  to: number;
}

/**
 * Brings the database's schema up to the newest of `POSTGRES_MIGRATIONS`, each migration in its own
 * transaction with its version row. Processes starting together take turns on a session advisory lock
 * (`pg_advisory_lock`), so each migration runs once: the first applies it, the others then find it
 * recorded. A hand-written loop rather than a migration library, as in the SQLite store: it is the
 * lock and the version table, and both stores keep the same shape (migrations as an ordered list).
 * Throws when the database is newer than this code, which would otherwise run on a schema it does not know.
 */
export async function migrate(sql: Sql): Promise<MigrationResult> {
  // One connection for the lock and the work: a session lock belongs to the connection that took it.
  const connection = await sql.reserve();
  try {
    await connection`SELECT pg_advisory_lock(${MIGRATION_LOCK})`;
    try {
      await connection`CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`;
      const [row] = await connection<{ version: number }[]>`SELECT COALESCE(MAX(version), 0)::integer AS version FROM schema_migrations`;
      const from = row?.version ?? 0;
      if (from > POSTGRES_MIGRATIONS.length) {
        throw new Error(`the database's schema is version ${from}, newer than this otl-server knows (${POSTGRES_MIGRATIONS.length})`);
      }
      for (let version = from + 1; version <= POSTGRES_MIGRATIONS.length; version++) {
        try {
          await connection.unsafe(
            `BEGIN; ${POSTGRES_MIGRATIONS[version - 1]}; INSERT INTO schema_migrations (version) VALUES (${version}); COMMIT;`,
          );
        } catch (error) {
          // The failed statement left the transaction open and aborted: close it, or the unlock below fails too.
          await connection.unsafe("ROLLBACK");
          throw error;
        }
      }
      return { from, to: POSTGRES_MIGRATIONS.length };
    } finally {
      await connection`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`;
    }
  } finally {
    connection.release();
  }
}
