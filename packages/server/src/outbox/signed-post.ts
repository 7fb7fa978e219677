import { Webhook } from "standardwebhooks";
import type { OutboxRecord } from "../store/types.ts";
import { OutboxSendError } from "./send-error.ts";
import type { SendReceipt } from "./worker.ts";

// Retrying cannot fix a 4xx, except these: a timeout and "slow down".
const RETRYABLE_CLIENT_ERRORS = new Set([408, 429]);

/** Where a signed message goes, and how its failures are named (`"SMS relay"`, `"webhook receiver"`). */
export interface SignedPostTarget {
  url: string;
  /** `whsec_<base64>`, the Standard Webhooks form. */
  secret: string;
  /** Names the receiver in the outbox's `lastError`. */
  receiver: string;
}

/**
 * POSTs `body` (JSON text) signed by the Standard Webhooks scheme with the `standardwebhooks` library:
 * `webhook-id` is the outbox message id, the same on every retry; `webhook-timestamp` is this
 * attempt's time, as the scheme asks. Redirects are not followed (the host registered this URL).
 * A 2xx answers its status. A network error, 408, 429 or 5xx throws an `OutboxSendError` the outbox
 * retries with backoff; any other answer throws one marked `permanent`.
 */
export async function postSigned(target: SignedPostTarget, message: OutboxRecord, body: string, signal: AbortSignal): Promise<SendReceipt> {
  const sentAt = new Date();
  let response: Response;
  try {
    response = await fetch(target.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "webhook-id": message.id,
        "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
        "webhook-signature": new Webhook(target.secret).sign(message.id, sentAt, body),
      },
      body,
      redirect: "manual",
      signal,
    });
  } catch (error) {
    const reason = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
    throw new OutboxSendError(`${target.receiver} unreachable: ${reason}`, { cause: error });
  }
  await response.body?.cancel();
  if (response.ok) return { status: response.status };
  const permanent = response.status < 500 && !RETRYABLE_CLIENT_ERRORS.has(response.status);
  throw new OutboxSendError(`${target.receiver} answered ${response.status}`, { status: response.status, permanent });
}
