import { Webhook } from "standardwebhooks";
import { endpointTarget, type WebhookPayload, type WebhookSettings } from "../domain/webhooks.ts";
import type { OtlStore, OutboxRecord } from "../store/types.ts";
import { OutboxSendError } from "./send-error.ts";
import type { OutboxHandler, SendReceipt } from "./worker.ts";

// Retrying cannot fix a 4xx, except these: a timeout and "slow down".
const RETRYABLE_CLIENT_ERRORS = new Set([408, 429]);

/**
 * Sends webhook messages: signs the body queued with the message by the Standard Webhooks scheme
 * (`webhook-id` is the message id, the same on every retry; `webhook-timestamp` is the attempt's
 * time, as the scheme asks) with the `standardwebhooks` library, and POSTs it. A 2xx is delivered;
 * a 5xx, 408, 429 or a network error is retried by the outbox with backoff; any other answer, or an
 * endpoint removed meanwhile, gives up. Redirects are not followed: the host registered this URL.
 */
export function webhookHandler(store: OtlStore, settings: WebhookSettings): OutboxHandler {
  return {
    async send(payload: unknown, message: OutboxRecord, signal: AbortSignal): Promise<SendReceipt> {
      const { endpointId, body } = payload as WebhookPayload;
      const target = await endpointTarget(store, settings, endpointId);
      if (!target) throw new OutboxSendError(`webhook endpoint ${endpointId} was removed`, { permanent: true });
      const sentAt = new Date();
      const signature = new Webhook(target.secret).sign(message.id, sentAt, body);
      let response: Response;
      try {
        response = await fetch(target.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "webhook-id": message.id,
            "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
            "webhook-signature": signature,
          },
          body,
          redirect: "manual",
          signal,
        });
      } catch (error) {
        throw new OutboxSendError(
          `webhook POST failed: ${(error as Error).cause ? String((error as Error & { cause: Error }).cause.message) : (error as Error).message}`,
        );
      }
      await response.body?.cancel();
      if (response.ok) return { status: response.status };
      const permanent = response.status < 500 && !RETRYABLE_CLIENT_ERRORS.has(response.status);
      throw new OutboxSendError(`the receiver answered HTTP ${response.status}`, { status: response.status, permanent });
    },
  };
}
