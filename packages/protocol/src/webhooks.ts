import * as z from "zod/mini";
import { CompanyId, ConnectionId, FlowId, LinkId } from "./ids.ts";
import { Timestamp } from "./text.ts";

/** A webhook endpoint id, `we_…`. */
export const WebhookEndpointId = z.string().check(z.regex(/^we_[0-9a-z]{1,40}$/, "must be a webhook endpoint id starting with we_"));

const linkRef = { linkId: LinkId, companyId: CompanyId };

/**
 * The `data` of each webhook event, by type (CONTRACT.md, "Webhooks"): ids and statuses, never a secret.
 */
export const WEBHOOK_PAYLOADS = {
  "link.issued": z.object({ ...linkRef, type: z.enum(["company", "connection"]) }),
  "link.delivered": z.object({ ...linkRef, channel: z.enum(["email", "sms"]) }),
  "link.delivery_failed": z.object({ ...linkRef, channel: z.enum(["email", "sms"]), reason: z.string() }),
  "link.redeemed": z.object({ ...linkRef, flowId: FlowId }),
  /** The replay alert: a spent link was presented again. */
  "link.replayed": z.object({ ...linkRef, status: z.enum(["consumed", "expired", "revoked", "superseded"]) }),
  "link.revoked": z.object(linkRef),
  "flow.consent_accepted": z.object({ flowId: FlowId, companyId: CompanyId }),
  "flow.consent_declined": z.object({ flowId: FlowId, companyId: CompanyId }),
  "connection.linked": z.object({ connectionId: ConnectionId, companyId: CompanyId, flowId: FlowId, integration: z.string() }),
  "connection.failed": z.object({ connectionId: ConnectionId, companyId: CompanyId, flowId: FlowId, integration: z.string() }),
  "file.uploaded": z.object({
    fileId: z.string(),
    connectionId: ConnectionId,
    companyId: CompanyId,
    mediaType: z.string(),
    bytes: z.int(),
  }),
  "flow.finished": z.object({ flowId: FlowId, companyId: CompanyId }),
  "second_factor.locked": z.object(linkRef),
} as const;

/** Every webhook event type. */
export const WEBHOOK_EVENTS = Object.keys(WEBHOOK_PAYLOADS) as WebhookEventType[];
/** A webhook event type. */
export type WebhookEventType = keyof typeof WEBHOOK_PAYLOADS;
/** A webhook event type, as a schema. */
export const WebhookEventTypeSchema = z.enum(Object.keys(WEBHOOK_PAYLOADS) as [WebhookEventType, ...WebhookEventType[]]);

/** The `data` of a webhook event of type `T`. */
export type WebhookData<T extends WebhookEventType> = z.infer<(typeof WEBHOOK_PAYLOADS)[T]>;

/** A webhook body, signed by the Standard Webhooks scheme: `{type, timestamp, data}`. */
export const WebhookMessage = z.discriminatedUnion(
  "type",
  Object.entries(WEBHOOK_PAYLOADS).map(([type, data]) => z.object({ type: z.literal(type), timestamp: Timestamp, data })) as unknown as [
    z.ZodMiniObject,
    ...z.ZodMiniObject[],
  ],
);
/** A webhook body. */
export type WebhookMessage = { [T in WebhookEventType]: { type: T; timestamp: string; data: WebhookData<T> } }[WebhookEventType];

/** `POST /v1/webhook-endpoints` body: where to send, and which events (all when absent). */
export const CreateWebhookEndpointRequest = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }),
  events: z.optional(z.array(WebhookEventTypeSchema).check(z.minLength(1, "must name at least one event"))),
  description: z.optional(z.string().check(z.maxLength(200, "must be at most 200 characters"))),
});
/** `POST /v1/webhook-endpoints` body. */
export type CreateWebhookEndpointRequest = z.infer<typeof CreateWebhookEndpointRequest>;

/** A webhook endpoint, as listed: never with its secret. */
export const WebhookEndpoint = z.object({
  id: WebhookEndpointId,
  url: z.string(),
  events: z.array(WebhookEventTypeSchema),
  description: z.nullable(z.string()),
  createdAt: Timestamp,
});
/** A webhook endpoint. */
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

/** A webhook endpoint just made: the only time its signing secret (`whsec_…`) is shown. */
export const CreatedWebhookEndpoint = z.extend(WebhookEndpoint, { secret: z.string().check(z.regex(/^whsec_[A-Za-z0-9+/=]+$/)) });
/** A webhook endpoint just made, with its secret. */
export type CreatedWebhookEndpoint = z.infer<typeof CreatedWebhookEndpoint>;

/** One webhook message to one endpoint and where its delivery stands. `webhookId` is the same on every retry. */
export const WebhookDelivery = z.object({
  webhookId: z.string(),
  event: WebhookEventTypeSchema,
  status: z.enum(["pending", "sent", "failed", "expired"]),
  attempts: z.int(),
  /** The receiver's last HTTP status, if it answered. */
  lastStatus: z.nullable(z.int()),
  lastError: z.nullable(z.string()),
  /** When the next attempt is due, while pending. */
  nextAttemptAt: z.nullable(Timestamp),
  createdAt: Timestamp,
});
/** One webhook message to one endpoint. */
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
