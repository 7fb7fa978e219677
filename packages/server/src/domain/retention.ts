import type { OtlStore, PurgeCounts } from "../store/types.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long rows are kept after they end, in days (CONTRACT.md, "Retention"). */
export interface RetentionWindows {
  /** Spent grants, ended sessions and finished flows: kept this many days after they end. Default 30. */
  endedDays: number;
  /** Audit records: kept this many days after they are written. Default 400. */
  auditDays: number;
}

/** The contract's defaults: 30 days after the end, 400 days of audit. */
export const DEFAULT_RETENTION: RetentionWindows = { endedDays: 30, auditDays: 400 };

/** How often a running server applies retention: hourly, so no day's rows linger much past their window. */
export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Applies retention now, in one transaction of the store (`StoreTransaction.purge`): what ended more
 * than `windows.endedDays` ago, and audit records older than `windows.auditDays`, by the store's
 * clock. Flows in progress, live sessions and usable grants are never touched. Answers the counts.
 */
export async function applyRetention(store: OtlStore, windows: RetentionWindows = DEFAULT_RETENTION): Promise<PurgeCounts> {
  const now = await store.now();
  return store.withTransaction((tx) =>
    tx.purge({ endedBefore: now - windows.endedDays * DAY_MS, auditBefore: now - windows.auditDays * DAY_MS }),
  );
}
