import { type AuditQuery, DEFAULT_PAGE_SIZE } from "@otl/protocol";
import type { AuditFilter, AuditRecord } from "../store/types.ts";
import type { DomainContext } from "./context.ts";

/** A page of the audit log and the cursor of the next one (null when this page reached the end). */
export interface AuditPage {
  records: AuditRecord[];
  nextCursor: string | null;
}

// The export reads the log in pages of this many records, so a large log never sits in memory at once.
const EXPORT_BATCH = 500;

function filterOf(query: AuditQuery, limit: number): AuditFilter {
  return {
    companyId: query.companyId,
    linkId: query.linkId,
    event: query.event,
    since: query.since === undefined ? undefined : Date.parse(query.since),
    afterSeq: query.cursor === undefined ? undefined : Number(query.cursor),
    limit,
  };
}

/**
 * One page of the audit log, oldest first. The cursor is the last record's `seq`: records only ever
 * get higher ones, so a page never moves while new events arrive. One record more than the page is
 * read to tell whether there is a next page, so the last page answers `nextCursor: null`.
 */
export async function readAuditPage(d: DomainContext, query: AuditQuery): Promise<AuditPage> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const found = await d.store.queryAudit(filterOf(query, limit + 1));
  const records = found.slice(0, limit);
  const last = records.at(-1);
  return { records, nextCursor: found.length > limit && last ? String(last.seq) : null };
}

/**
 * Every audit record that matches `query` (its `limit` ignored), oldest first, read in batches as
 * the consumer pulls. Records appended while the export runs are included up to the moment the
 * last batch is read.
 */
export async function* exportAudit(d: DomainContext, query: AuditQuery): AsyncGenerator<AuditRecord> {
  const filter = filterOf(query, EXPORT_BATCH);
  for (;;) {
    const batch = await d.store.queryAudit(filter);
    yield* batch;
    const last = batch.at(-1);
    if (batch.length < EXPORT_BATCH || !last) return;
    filter.afterSeq = last.seq;
  }
}
