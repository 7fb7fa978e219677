// Runs in a worker thread beside an on-disk SqliteStore: copies the WAL back into the database
// file (with its fsync) on its own connection, so no request waits for the bulk of a checkpoint.
import { DatabaseSync } from "node:sqlite";
import { parentPort, workerData } from "node:worker_threads";

const { file, intervalMs } = workerData as { file: string; intervalMs: number };
// A round that found at most this many new frames leaves little for the store's own connection to copy.
const CAUGHT_UP_FRAMES = 128;
const MAX_ROUNDS = 8;

const db = new DatabaseSync(file);
db.exec("PRAGMA busy_timeout = 1000");
const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
const timer = setInterval(() => {
  try {
    // PASSIVE never blocks the writer, but under steady writes it never reaches the end of the log,
    // and SQLite starts the log over only after a checkpoint that did: the WAL would grow without
    // bound (gigabytes in a minute of load), every commit getting dearer as it extends the file.
    // So rounds follow one another, each with less to copy and less to fsync than the one before,
    // until one finds only a few new frames; then the store copies what is left itself, between two
    // of its commits (its fsyncs have little left to flush), and its next commit starts the log over.
    let previous = -1;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const { log, checkpointed } = checkpoint.get() as { log: number; checkpointed: number };
      // A reader still needs part of the log (another process): try again next interval.
      if (checkpointed < log) return;
      const caughtUp = previous >= 0 && log - previous <= CAUGHT_UP_FRAMES;
      previous = log;
      if (caughtUp) break;
    }
    if (previous > 0) parentPort?.postMessage("caught-up");
  } catch {
    // Busy or closing: the next round tries again.
  }
}, intervalMs);
parentPort?.on("message", () => {
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
