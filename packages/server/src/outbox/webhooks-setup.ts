import type { Hono } from "hono";
import { type ConfiguredEndpoint, type DomainWebhooks, WEBHOOK_KIND, type WebhookSettings } from "../domain/webhooks.ts";
import type { Logger } from "../logger.ts";
import type { OtlStore } from "../store/types.ts";
import type { BackoffPolicy } from "./backoff.ts";
import { newOutboxKey, OutboxCipher, type OutboxKey } from "./cipher.ts";
import { webhookHandler } from "./webhook.ts";
import { OutboxWorker } from "./worker.ts";

/** Server options for webhooks (`createOtlServer({ webhooks })`). */
export interface WebhookOptions {
  /** One endpoint from the environment (`OTL_WEBHOOK_URL`, `OTL_WEBHOOK_SECRET`), beside those made with the API. */
  endpoint?: ConfiguredEndpoint;
  /**
   * AES-256-GCM keys that seal endpoint secrets and queued messages, newest first. Keep them across
   * restarts (the CLI keeps them in the data directory's `outbox-keys.json`), or stored endpoints and
   * queued messages cannot be opened; default a key of this process only.
   */
  keys?: OutboxKey[];
  /** How long a message is retried, in seconds; default 86 400 (24 h). */
  retryForSeconds?: number;
  /** How often the worker looks for due messages, in milliseconds; default 1000. */
  pollMs?: number;
  /** Exponential backoff with jitter between attempts (default 5 s doubling to 1 h). */
  backoff?: BackoffPolicy;
}

/** The running webhooks of one app: the settings, the worker that sends, and what the domain announces with. */
export interface Webhooks {
  settings: WebhookSettings;
  worker: OutboxWorker;
  /** The domain's side (`DomainContext.webhooks`): the settings, and the worker's wake-up. */
  domain: DomainWebhooks;
}

const running = new WeakMap<Hono, Webhooks>();

/** Builds the webhooks over `store`; the worker is started by `start`. */
export function createWebhooks(store: OtlStore, options: WebhookOptions = {}, logger?: Logger): Webhooks {
  const settings: WebhookSettings = {
    cipher: new OutboxCipher(options.keys?.length ? options.keys : [newOutboxKey()]),
    retryForMs: (options.retryForSeconds ?? 24 * 60 * 60) * 1000,
    configured: options.endpoint ?? null,
  };
  const worker = new OutboxWorker({
    store,
    cipher: settings.cipher,
    handlers: { [WEBHOOK_KIND]: webhookHandler(store, settings) },
    logger,
    ...(options.pollMs ? { pollMs: options.pollMs } : {}),
    ...(options.backoff ? { backoff: options.backoff } : {}),
  });
  return { settings, worker, domain: { settings, wake: () => worker.wake() } };
}

/** Remembers the webhooks of an app, so whoever serves it can stop their worker before closing the store. */
export function attachWebhooks(app: Hono, webhooks: Webhooks): void {
  running.set(app, webhooks);
}

/** Stops the webhook worker of an app made by `createOtlServer` (waits for its round under way). */
export async function stopWebhooks(app: Hono): Promise<void> {
  await running.get(app)?.worker.stop();
}
