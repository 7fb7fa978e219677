import type { WebhookData, WebhookEventType } from "@otl/protocol";
import type { AuditEntry } from "../store/types.ts";

/** A webhook event before it is addressed: its type and its `data`. */
export type WebhookEvent = { [T in WebhookEventType]: { type: T; data: WebhookData<T> } }[WebhookEventType];

const LINK_TYPES: Record<string, "company" | "connection" | undefined> = { company_link: "company", connection_link: "connection" };

/**
 * The webhook events an audit entry announces. The audit log already records every change the
 * contract lists, in the change's own transaction, so the webhooks are read from it: one mapping,
 * here, instead of a second call beside every audit call. Entries about access tokens (which are
 * not links) and events with no webhook (`link.viewed`, `flow.started`…) announce nothing.
 * `file.uploaded` and `second_factor.locked` are mapped from the records their features write
 * (uploads: `detail {connectionId, fileId, mediaType, size}`; the second factor: the link it spends).
 */
export function webhookEventsOf(entry: AuditEntry): WebhookEvent[] {
  const companyId = entry.companyId ?? null;
  const linkId = entry.linkId ?? null;
  const flowId = entry.flowId ?? null;
  const detail = entry.detail ?? {};
  const isLink = linkId?.startsWith("ln_") ?? false;
  if (companyId === null) return [];
  switch (entry.event) {
    case "link.issued": {
      const type = LINK_TYPES[String(detail.kind)];
      return linkId && type ? [{ type: "link.issued", data: { linkId, companyId, type } }] : [];
    }
    case "link.redeemed":
      return linkId && isLink && flowId ? [{ type: "link.redeemed", data: { linkId, companyId, flowId } }] : [];
    case "link.replayed":
      return linkId && isLink ? [{ type: "link.replayed", data: { linkId, companyId, status: "consumed" } }] : [];
    case "link.revoked":
      return linkId && isLink ? [{ type: "link.revoked", data: { linkId, companyId } }] : [];
    case "flow.consent":
      if (!flowId) return [];
      return [{ type: detail.accepted === true ? "flow.consent_accepted" : "flow.consent_declined", data: { flowId, companyId } }];
    case "connection.linked":
    case "connection.failed":
      return flowId && typeof detail.connectionId === "string"
        ? [{ type: entry.event, data: { connectionId: detail.connectionId, companyId, flowId, integration: String(detail.integration) } }]
        : [];
    case "link.delivered":
    case "link.delivery_failed": {
      const channel = detail.channel;
      if (!linkId || (channel !== "email" && channel !== "sms")) return [];
      return entry.event === "link.delivered"
        ? [{ type: "link.delivered", data: { linkId, companyId, channel } }]
        : [
            {
              type: "link.delivery_failed",
              data: { linkId, companyId, channel, reason: String(detail.error ?? "not sent before the link expired") },
            },
          ];
    }
    case "flow.finished":
      return flowId ? [{ type: "flow.finished", data: { flowId, companyId } }] : [];
    case "file.uploaded": {
      const { fileId, connectionId, mediaType, size } = detail;
      if (typeof fileId !== "string" || typeof connectionId !== "string") return [];
      return [
        {
          type: "file.uploaded",
          data: { fileId, connectionId, companyId, mediaType: String(mediaType ?? "application/octet-stream"), bytes: Number(size ?? 0) },
        },
      ];
    }
    case "second_factor.locked":
      return linkId && isLink ? [{ type: "second_factor.locked", data: { linkId, companyId } }] : [];
    default:
      return [];
  }
}
