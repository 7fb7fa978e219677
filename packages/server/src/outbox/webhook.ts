import { endpointTarget, type WebhookPayload, type WebhookSettings } from "../domain/webhooks.ts";
import type { OtlStore, OutboxRecord } from "../store/types.ts";
import { OutboxSendError } from "./send-error.ts";
import { postSigned } from "./signed-post.ts";
import type { OutboxHandler, SendReceipt } from "./worker.ts";

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
      return postSigned({ ...target, receiver: "webhook receiver" }, message, body, signal);
    },
  };
}
