import { randomBytes } from "node:crypto";
import type { CreateWebhookEndpointRequest, WebhookEventType } from "@otl/protocol";
import type { OutboxCipher } from "../outbox/cipher.ts";
import { enqueue } from "../outbox/enqueue.ts";
import { OtlProblem } from "../problem.ts";
import { randomString } from "../random.ts";
import type { Actor, AuditEntry, OtlStore, OutboxRecord, StoreTransaction, WebhookEndpointRecord } from "../store/types.ts";
import { webhookEventsOf } from "./webhook-events.ts";

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
 * Queues, in `tx`, one webhook message per event and per endpoint that takes it. The message id
 * becomes the `webhook-id`, the same on every retry; the body is fixed now, so every retry signs
 * the same bytes. Answers how many messages it queued.
 */
export async function announce(tx: StoreTransaction, settings: WebhookSettings, entries: readonly AuditEntry[]): Promise<number> {
  const events = entries.flatMap(webhookEventsOf);
  if (events.length === 0) return 0;
  const endpoints: { id: string; events: readonly string[] | null }[] = await tx.listWebhookEndpoints();
  if (settings.configured) endpoints.push({ id: ENV_ENDPOINT_ID, events: null });
  if (endpoints.length === 0) return 0;
  const now = await tx.now();
  const timestamp = new Date(now).toISOString();
  let queued = 0;
  for (const event of events) {
    const body = JSON.stringify({ type: event.type, timestamp, data: event.data });
    for (const endpoint of endpoints) {
      if (endpoint.events && !endpoint.events.includes(event.type satisfies WebhookEventType)) continue;
      const payload: WebhookPayload = { endpointId: endpoint.id, body };
      await enqueue(tx, settings.cipher, {
        kind: WEBHOOK_KIND,
        subject: endpoint.id,
        meta: { event: event.type },
        payload,
        expiresAt: now + settings.retryForMs,
      });
      queued++;
    }
  }
  return queued;
}

/**
 * The store as the domain should see it once webhooks are on: every transaction's audit entries are
 * also announced (`announce`) in that same transaction, so a webhook is queued if and only if its
 * change commits; after a commit that queued one, `queued()` is called (to wake the worker).
 * The domain's code stays as it is: it already audits every change the contract announces.
 */
export function announcingStore(store: OtlStore, settings: WebhookSettings, queued: () => void): OtlStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== "withTransaction") {
        const value = Reflect.get(target, property, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      }
      return async <T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> => {
        let count = 0;
        const result = await target.withTransaction((tx) => {
          const appendAudit = async (entries: readonly AuditEntry[], actor?: Actor) => {
            await tx.appendAudit(entries, actor);
            count += await announce(tx, settings, entries);
          };
          const announcing = new Proxy(tx, {
            get: (inner, name) => {
              if (name === "appendAudit") return appendAudit;
              const value = Reflect.get(inner, name, inner);
              return typeof value === "function" ? value.bind(inner) : value;
            },
          });
          return work(announcing);
        });
        if (count > 0) queued();
        return result;
      };
    },
  });
}
