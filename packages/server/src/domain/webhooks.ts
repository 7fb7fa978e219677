import { randomBytes } from "node:crypto";
import type { CreateWebhookEndpointRequest, WebhookEventType } from "@otl/protocol";
import type { OutboxCipher } from "../outbox/cipher.ts";
import { enqueue } from "../outbox/enqueue.ts";
import { OtlProblem } from "../problem.ts";
import { randomString } from "../random.ts";
import type { OtlStore, OutboxRecord, StoreTransaction, WebhookEndpointRecord, WebhookSubscription } from "../store/types.ts";
import type { WebhookEvent } from "./webhook-events.ts";

/** The outbox kind of a webhook message. */
export const WEBHOOK_KIND = "webhook";

/** The id of the endpoint given by `OTL_WEBHOOK_URL` / `OTL_WEBHOOK_SECRET`, beside those made with the API. */
export const ENV_ENDPOINT_ID = "we_env";

/** One webhook endpoint from the server's settings (`OTL_WEBHOOK_URL`, `OTL_WEBHOOK_SECRET`): every event. */
export interface ConfiguredEndpoint {
  url: string;
  /** `whsec_<base64>`, the Standard Webhooks form. */
  secret: string;
}

/** What the webhooks need: where they are kept, how secrets and payloads are sealed, and for how long a message is retried. */
export interface WebhookSettings {
  cipher: OutboxCipher;
  /** How long a message is retried before it is given up, in milliseconds (default 24 h). */
  retryForMs: number;
  /** The endpoint from the environment, if any. */
  configured: ConfiguredEndpoint | null;
}

/** What a webhook message holds (sealed in the outbox): where it goes and the exact body that is signed. */
export interface WebhookPayload {
  endpointId: string;
  body: string;
}

/** A new signing secret in the Standard Webhooks form: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** Makes an endpoint; answers it with its secret, the only time the secret is shown. */
export async function createWebhookEndpoint(
  store: OtlStore,
  settings: WebhookSettings,
  input: CreateWebhookEndpointRequest,
): Promise<{ endpoint: WebhookEndpointRecord; secret: string }> {
  const id = `we_${randomString(10, "hex")}`;
  const secret = newWebhookSecret();
  return store.withTransaction(async (tx) => {
    const endpoint: WebhookEndpointRecord = {
      id,
      url: input.url,
      events: input.events ? [...new Set(input.events)] : null,
      description: input.description ?? null,
      // Bound to the endpoint id, so a sealed secret copied onto another endpoint does not open.
      secretSealed: settings.cipher.seal(secret, id),
      createdAt: await tx.now(),
    };
    await tx.insertWebhookEndpoint(endpoint);
    return { endpoint, secret };
  });
}

/** Removes an endpoint; 404 `not_found` when there is none (the configured one cannot be removed here). */
export async function deleteWebhookEndpoint(store: OtlStore, id: string): Promise<void> {
  const deleted = await store.withTransaction((tx) => tx.deleteWebhookEndpoint(id));
  if (!deleted) throw new OtlProblem("not_found", `No webhook endpoint ${id}`);
}

/** An endpoint's webhook messages, newest first, with their attempts; 404 for an unknown endpoint. */
export async function listWebhookDeliveries(store: OtlStore, settings: WebhookSettings, id: string): Promise<OutboxRecord[]> {
  if (!(id === ENV_ENDPOINT_ID && settings.configured) && !(await store.getWebhookEndpoint(id))) {
    throw new OtlProblem("not_found", `No webhook endpoint ${id}`);
  }
  return store.listOutbox({ subject: id, kind: WEBHOOK_KIND });
}

/** The signing secret of an endpoint (opened), and its URL; null when the endpoint is gone. */
export async function endpointTarget(
  store: OtlStore,
  settings: WebhookSettings,
  id: string,
): Promise<{ url: string; secret: string } | null> {
  if (id === ENV_ENDPOINT_ID) return settings.configured;
  const endpoint = await store.getWebhookEndpoint(id);
  return endpoint ? { url: endpoint.url, secret: settings.cipher.open(endpoint.secretSealed, endpoint.id) } : null;
}

/**
 * The webhooks as the domain sees them: the settings, and how to wake the worker once a transaction
 * that queued a message has committed.
 */
export interface DomainWebhooks {
  settings: WebhookSettings;
  wake(): void;
}

/**
 * Queues, in `tx`, one webhook message per event and per endpoint that takes it: `subscriptions`
 * (read with the audit append, `appendAuditForWebhooks`) and the configured endpoint. The message id
 * becomes the `webhook-id`, the same on every retry; the body is fixed now, so every retry signs the
 * same bytes. `meta` names the event and the link or flow it is about (retention purges by them).
 * Once `tx` commits, the worker is woken. Answers how many messages it queued.
 */
export async function announce(
  tx: StoreTransaction,
  webhooks: DomainWebhooks,
  events: readonly WebhookEvent[],
  subscriptions: readonly WebhookSubscription[],
): Promise<number> {
  const { settings } = webhooks;
  const endpoints = settings.configured ? [...subscriptions, { id: ENV_ENDPOINT_ID, events: null }] : subscriptions;
  if (events.length === 0 || endpoints.length === 0) return 0;
  const now = await tx.now();
  const timestamp = new Date(now).toISOString();
  let queued = 0;
  for (const event of events) {
    const body = JSON.stringify({ type: event.type, timestamp, data: event.data });
    const about = event.data as { linkId?: string; flowId?: string };
    const meta = {
      event: event.type,
      ...(about.linkId ? { linkId: about.linkId } : {}),
      ...(about.flowId ? { flowId: about.flowId } : {}),
    };
    for (const endpoint of endpoints) {
      if (endpoint.events && !endpoint.events.includes(event.type satisfies WebhookEventType)) continue;
      const payload: WebhookPayload = { endpointId: endpoint.id, body };
      await enqueue(tx, settings.cipher, { kind: WEBHOOK_KIND, subject: endpoint.id, meta, payload, expiresAt: now + settings.retryForMs });
      queued++;
    }
  }
  if (queued > 0) tx.afterCommit(() => webhooks.wake());
  return queued;
}
