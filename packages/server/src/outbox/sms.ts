import { Webhook } from "standardwebhooks";
import type { Logger } from "../logger.ts";
import type { OutboxRecord } from "../store/types.ts";
import { OutboxSendError } from "./send-error.ts";
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
  const signer = new Webhook(settings.secret);
  return {
    async send(payload: unknown, message: OutboxRecord, signal: AbortSignal) {
      const body = JSON.stringify(payload);
      const sentAt = new Date();
      let response: Response;
      try {
        response = await fetch(settings.webhookUrl, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "webhook-id": message.id,
            "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
            "webhook-signature": signer.sign(message.id, sentAt, body),
          },
          body,
          redirect: "error",
          signal: AbortSignal.any([signal, AbortSignal.timeout(RELAY_TIMEOUT_MS)]),
        });
      } catch (error) {
        throw new OutboxSendError(`SMS relay unreachable: ${(error as Error).message}`, { cause: error });
      }
      await response.body?.cancel();
      if (response.ok) return { status: response.status };
      const retry = response.status === 408 || response.status === 429 || response.status >= 500;
      throw new OutboxSendError(`SMS relay answered ${response.status}`, { permanent: !retry, status: response.status });
    },
  };
}
