import { randomString } from "../random.ts";
import type { OutboxMeta, StoreTransaction } from "../store/types.ts";
import type { OutboxCipher } from "./cipher.ts";

/** A message for the outbox: who sends it (`kind`), what it is about, and what it says. */
export interface OutboxMessage {
  /** The handler that sends it (`email`, `sms`, `webhook`…). */
  kind: string;
  /** What it is about, for listing and status: a link id, a webhook endpoint id. */
  subject: string | null;
  /** Non-secret facts shown with its status (a masked address, an event name). */
  meta?: OutboxMeta;
  /** The content, as JSON: sealed before it reaches the store. */
  payload: unknown;
  /** Epoch milliseconds after which it is never sent (for a link: the link's expiry). */
  expiresAt: number;
  /** Epoch milliseconds before which it is not sent; default at once. */
  notBefore?: number;
}

/** A new outbox message id: `msg_` and 80 random bits. */
export function newMessageId(): string {
  return `msg_${randomString(10, "hex")}`;
}

/**
 * Queues `message` inside the caller's transaction (`withTransaction`), so it is sent if and only if
 * the change it announces commits. The payload is sealed with `cipher` first: the store never holds it
 * in plain text. Answers the message id (a webhook's `webhook-id`).
 */
export async function enqueue(tx: StoreTransaction, cipher: OutboxCipher, message: OutboxMessage): Promise<string> {
  const id = newMessageId();
  await tx.insertOutbox({
    id,
    kind: message.kind,
    subject: message.subject,
    meta: message.meta ?? null,
    payload: cipher.seal(JSON.stringify(message.payload), id),
    nextAttemptAt: message.notBefore ?? (await tx.now()),
    expiresAt: message.expiresAt,
  });
  return id;
}
