import * as z from "zod/mini";
import { CompanyId, FlowId, LinkId } from "./ids.ts";
import { PageLimit, pageOf } from "./pages.ts";
import { Timestamp } from "./text.ts";

/** Every lifecycle event the audit log records, by name. */
export const AUDIT_EVENTS = [
  "company.created",
  "connection.created",
  "link.issued",
  "link.superseded",
  "link.revoked",
  "link.viewed",
  "link.redeemed",
  "link.redeem_failed",
  "link.replayed",
  "access_token.issued",
  "flow.started",
  "flow.resumed",
  "flow.consent",
  "flow.finished",
  "connection.started",
  "connection.linked",
  "connection.failed",
  "session.ended",
  "link.delivered",
  "link.delivery_failed",
  "file.uploaded",
  "file.removed",
  "link.renew_requested",
  "second_factor.sent",
  "second_factor.checked",
  "second_factor.locked",
] as const;
/** A lifecycle event the audit log records. */
export const AuditEventName = z.enum(AUDIT_EVENTS);
/** A lifecycle event the audit log records. */
export type AuditEventName = z.infer<typeof AuditEventName>;

/**
 * One audit record as the admin API answers it. `seq` orders the log (it only grows); `detail`
 * holds ids and statuses, never a secret. The client's address is kept as a keyed hash and not shown.
 */
export const AuditRecordView = z.object({
  seq: z.int(),
  at: Timestamp,
  event: AuditEventName,
  companyId: z.nullable(CompanyId),
  /** The link (`ln_…`) or access token (`at_…`) the record is about. */
  linkId: z.nullable(z.string()),
  flowId: z.nullable(FlowId),
  detail: z.nullable(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))),
});
/** One audit record as the admin API answers it. */
export type AuditRecordView = z.infer<typeof AuditRecordView>;

/**
 * `GET /v1/audit` query. Every filter narrows; `since` (ISO 8601, inclusive) keeps records from that
 * instant on; `cursor` is the previous page's `nextCursor` (the last `seq` it held), so a page never
 * shifts when new records arrive: they only ever come after.
 */
export const AuditQuery = z.strictObject({
  companyId: z.optional(CompanyId),
  linkId: z.optional(LinkId),
  event: z.optional(AuditEventName),
  since: z.optional(z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time, such as 2026-03-01T12:00:00Z" })),
  cursor: z.optional(z.string().check(z.regex(/^\d{1,15}$/, "must be the nextCursor of an earlier page"))),
  limit: z.optional(PageLimit),
});
/** `GET /v1/audit` query, as parsed. */
export type AuditQuery = z.output<typeof AuditQuery>;

/** `GET /v1/audit` answer (as JSON; `Accept: application/x-ndjson` streams one `AuditRecordView` a line instead). */
export const AuditPage = pageOf(AuditRecordView);
/** `GET /v1/audit` answer. */
export type AuditPage = z.infer<typeof AuditPage>;

/** The media type of the audit export: one JSON record a line. */
export const NDJSON_CONTENT_TYPE = "application/x-ndjson";
