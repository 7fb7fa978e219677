// SQLite's primary result codes (https://sqlite.org/rescode.html) that say the storage, not the
// request, is at fault; an extended code keeps its primary code in its low byte.
const SQLITE_BUSY = 5;
const SQLITE_READONLY = 8;
const SQLITE_IOERR = 10;
const SQLITE_FULL = 13;
const SQLITE_CANTOPEN = 14;
const SQLITE_FAULTS = new Set([SQLITE_BUSY, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN]);

// The `postgres` driver's own codes for a connection that could not be made or was lost, and the
// socket errors it passes on.
const DRIVER_FAULTS = new Set([
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "ECONNREFUSED",
  "ECONNRESET",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
]);

// PostgreSQL SQLSTATEs (https://www.postgresql.org/docs/current/errcodes-appendix.html): class 08
// connection exception, class 53 insufficient resources (53100 disk full), class 58 system error
// (58030 io_error), 57P01–57P03 the server shutting down or starting, 25006 a read-only transaction
// (a standby, or `default_transaction_read_only`), 57014 a statement cancelled by `statement_timeout`.
const POSTGRES_FAULT_CLASSES = ["08", "53", "58"];
const POSTGRES_FAULTS = new Set(["57P01", "57P02", "57P03", "25006", "57014"]);

/**
 * Whether `error` says the store cannot serve now — full or read-only disk, an I/O error, a file it
 * cannot open or a lock held past the busy timeout (SQLite); an unreachable, lost, starting, read-only
 * or overloaded server (PostgreSQL) — rather than that the request or the code is wrong. Such a
 * failure is answered 503 `unavailable` with `Retry-After` (CONTRACT.md, errors; SECURITY.md,
 * "Durability and faults"): nothing of the failed transaction was kept, and trying again later can
 * work, with no restart, once the fault clears. Looks through `cause` and `AggregateError.errors`.
 */
export function isStoreFault(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 4) return false;
  const { code, errcode, errors, cause } = error as { code?: unknown; errcode?: unknown; errors?: unknown; cause?: unknown };
  if (code === "ERR_SQLITE_ERROR" && typeof errcode === "number") return SQLITE_FAULTS.has(errcode & 0xff);
  if (typeof code === "string") {
    if (DRIVER_FAULTS.has(code) || POSTGRES_FAULTS.has(code)) return true;
    if ((error as { name?: unknown }).name === "PostgresError" && POSTGRES_FAULT_CLASSES.includes(code.slice(0, 2))) return true;
  }
  if (Array.isArray(errors) && errors.some((inner) => isStoreFault(inner, depth + 1))) return true;
  return cause !== undefined && isStoreFault(cause, depth + 1);
}

/** Seconds a client is asked to wait before trying again after a store fault (`Retry-After`). */
export const STORE_FAULT_RETRY_AFTER_SECONDS = 5;
