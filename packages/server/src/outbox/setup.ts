import type { DeliveryChannel } from "../domain/delivery.ts";
import { auditDelivery } from "../domain/delivery.ts";
import type { DomainWebhooks } from "../domain/webhooks.ts";
import type { Logger } from "../logger.ts";
import type { OtlStore } from "../store/types.ts";
import type { BackoffPolicy } from "./backoff.ts";
import { newOutboxKey, OutboxCipher, type OutboxKey } from "./cipher.ts";
import { type EmailSettings, emailHandler } from "./email.ts";
import { type SmsSettings, smsHandler } from "./sms.ts";
import { type OutboxHandler, OutboxWorker } from "./worker.ts";

/** What the server configures of the outbox. */
export interface OutboxSettings {
  store: OtlStore;
  /** E-mail over SMTP; without it, nothing is sent by e-mail. */
  mail?: EmailSettings | undefined;
  /** SMS through the relay (or `console`); without it, nothing is sent by SMS. */
  sms?: SmsSettings | undefined;
  /** AES-256-GCM keys, newest first; default a key of this process only (queued messages do not survive a restart). */
  keys?: readonly OutboxKey[] | undefined;
  /** Extra handlers by kind, beside `email` and `sms`. */
  handlers?: Readonly<Record<string, OutboxHandler>> | undefined;
  /** Where a delivery's outcome is announced as a webhook (`link.delivered`, `link.delivery_failed`). */
  webhooks?: DomainWebhooks | undefined;
  pollMs?: number | undefined;
  backoff?: BackoffPolicy | undefined;
  logger?: Logger | undefined;
}

/** The server's outbox: how the domain queues (`cipher`, `channels`) and the worker that sends. */
export interface Outbox {
  cipher: OutboxCipher;
  /** The delivery channels that have a sender. */
  channels: ReadonlySet<DeliveryChannel>;
  worker: OutboxWorker;
  /** Asks the worker to look now (after a commit that queued something). */
  wake(): void;
  /** Starts the worker (once). */
  start(): void;
  /** Stops the worker, waits for its round under way, closes the SMTP pool. */
  stop(): Promise<void>;
}

/** Builds the outbox from the server's settings; the worker starts with `start()`. */
export function createOutbox(settings: OutboxSettings): Outbox {
  const cipher = new OutboxCipher(settings.keys?.length ? settings.keys : [newOutboxKey()]);
  const handlers: Record<string, OutboxHandler> = { ...settings.handlers };
  const channels = new Set<DeliveryChannel>();
  const email = settings.mail ? emailHandler(settings.mail) : undefined;
  if (email) {
    handlers.email = { send: email.send, settled: auditDelivery(settings) };
    channels.add("email");
  }
  if (settings.sms) {
    handlers.sms = { send: smsHandler(settings.sms, settings.logger).send, settled: auditDelivery(settings) };
    channels.add("sms");
  }
  const worker = new OutboxWorker({
    store: settings.store,
    cipher,
    handlers,
    logger: settings.logger,
    ...(settings.pollMs ? { pollMs: settings.pollMs } : {}),
    ...(settings.backoff ? { backoff: settings.backoff } : {}),
  });
  return {
    cipher,
    channels,
    worker,
    wake: () => worker.wake(),
    start: () => {
      if (Object.keys(handlers).length > 0) worker.start();
    },
    async stop() {
      await worker.stop();
      email?.close();
    },
  };
}
