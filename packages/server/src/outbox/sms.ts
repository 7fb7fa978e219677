import type { Logger } from "../logger.ts";
import type { OutboxRecord } from "../store/types.ts";
import { postSigned } from "./signed-post.ts";
import type { OutboxHandler } from "./worker.ts";

/** Where SMS go: the host's relay, signed, or `console` for development. */
export type SmsSettings = { webhookUrl: string; secret: string } | "console";

// A relay that has not answered in this long is treated as down; the outbox retries.
const RELAY_TIMEOUT_MS = 10_000;

/**
 * The outbox handler of kind `sms`. With a relay, it POSTs `{to, body, purpose}` signed by the
 * Standard Webhooks scheme (`webhook-id` is the outbox message id, the same on every retry), so the
 * host verifies it with any Standard Webhooks library and forwards it to its SMS provider. A 2xx is
 * sent; 408, 429 and 5xx are retried; other 4xx give up. `console` writes the message to the logger:
 * for development only, since a 2FA code then reaches the log.
 */
export function smsHandler(settings: SmsSettings, logger?: Logger): OutboxHandler {
  if (settings === "console") {
    return {
      async send(payload: unknown) {
        const sms = payload as { to: string; body: string };
        (logger ?? { info: (line: string) => process.stdout.write(`${line}\n`) }).info(`SMS to ${sms.to}: ${sms.body}`);
        return { status: 200 };
      },
    };
  }
  const target = { url: settings.webhookUrl, secret: settings.secret, receiver: "SMS relay" };
  return {
    send: (payload: unknown, message: OutboxRecord, signal: AbortSignal) =>
      postSigned(target, message, JSON.stringify(payload), AbortSignal.any([signal, AbortSignal.timeout(RELAY_TIMEOUT_MS)])),
  };
}
