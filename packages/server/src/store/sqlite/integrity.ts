import type { DatabaseSync } from "node:sqlite";

// SQLite's primary result codes for a file that is not a sound database (https://sqlite.org/rescode.html).
const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;

/**
 * The SQLite file failed its integrity check at start: a damaged page, or not a database at all.
 * The server must not start on it (it would answer 500s, or worse, build on damaged rows); the CLI
 * prints the message, which names the file, and exits 2. Restore the file from a backup.
 */
export class DamagedDatabaseError extends Error {
  /** The database file's path. */
  readonly file: string;

  constructor(file: string, finding: string) {
    super(`the database file ${file} is damaged (${finding}): restore it from a backup`);
    this.name = "DamagedDatabaseError";
    this.file = file;
  }
}

/**
 * Runs `PRAGMA quick_check` on a database just opened: it reads every page and checks each b-tree's
 * structure (not index contents, which `integrity_check` would add at several times the cost), so a
 * start takes about as long as reading the file once. Throws `DamagedDatabaseError` naming `file`
 * when it finds anything, or when SQLite says the file is corrupt or not a database; other errors
 * (a file it cannot read) pass on as they are.
 */
export function checkIntegrity(db: DatabaseSync, file: string): void {
  let findings: string[];
  try {
    findings = (db.prepare("PRAGMA quick_check").all() as { quick_check: string }[]).map((row) => row.quick_check);
  } catch (error) {
    const errcode = (error as { errcode?: unknown }).errcode;
    if (typeof errcode === "number" && [SQLITE_CORRUPT, SQLITE_NOTADB].includes(errcode & 0xff)) {
      throw new DamagedDatabaseError(file, (error as Error).message);
    }
    throw error;
  }
  if (findings.length !== 1 || findings[0] !== "ok") {
    // The first finding says enough; there can be a hundred.
    throw new DamagedDatabaseError(
      file,
      `quick_check: ${findings[0] ?? "no answer"}${findings.length > 1 ? ` (+${findings.length - 1} more)` : ""}`,
    );
  }
}
