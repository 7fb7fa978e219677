// Runs in a worker thread beside an on-disk SqliteStore: copies the WAL back into the database
// file (with its fsync) on its own connection, so no request waits for a checkpoint.
import { DatabaseSync } from "node:sqlite";
import { parentPort, workerData } from "node:worker_threads";

const { file, intervalMs } = workerData as { file: string; intervalMs: number };
const db = new DatabaseSync(file);
db.exec("PRAGMA busy_timeout = 1000");
const timer = setInterval(() => {
  try {
    // PASSIVE never blocks the writer; whatever it cannot copy now waits for the next round.
    db.exec("PRAGMA wal_checkpoint(PASSIVE)");
  } catch {
    // Busy or closing: the next round tries again.
  }
}, intervalMs);
parentPort?.on("message", () => {
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
