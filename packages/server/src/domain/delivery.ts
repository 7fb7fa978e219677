import type { LinkDelivery } from "@otl/protocol";
import { enqueue } from "../outbox/enqueue.ts";
import type { OutboxHandler } from "../outbox/worker.ts";
import { validationProblem } from "../problem.ts";
import type { AuditEvent, CompanyRecord, GrantRecord, OutboxRecord, StoreReads, StoreTransaction } from "../store/types.ts";
import type { DomainContext } from "./context.ts";
import { linkEmail, linkSms } from "./delivery-message.ts";
import { record } from "./record.ts";

/** The ways OTL reaches a customer; each is an outbox kind with its own handler (`outbox/email.ts`, `outbox/sms.ts`). */
export type DeliveryChannel = "email" | "sms";

/** What is asked of a delivery: the channel, and `true` for the contact on file or an address the host gave. */
export interface DeliveryOrder {
  channel: DeliveryChannel;
  to: string | true;
}

/** Why an outbox message was queued: a link to deliver, or a 2FA code. */
export type DeliveryPurpose = "link" | "second_factor";

/**
 * The address a delivery goes to: the host's, or the company's contact on file. 400 naming
 * `deliver.<channel>` when the company has none, or when the server has no sender for the channel.
 */
export function destination(d: DomainContext, company: CompanyRecord, order: DeliveryOrder, field = `deliver.${order.channel}`): string {
  if (!d.outbox?.channels.has(order.channel)) {
    const setting = order.channel === "email" ? "OTL_SMTP_URL" : "OTL_SMS_WEBHOOK_URL";
    throw validationProblem([{ field, message: `cannot be sent: this server has no ${order.channel} sender (set ${setting})` }]);
  }
  if (order.to !== true) return order.to;
  const onFile = order.channel === "email" ? company.contactEmail : company.contactPhone;
  if (!onFile)
    throw validationProblem([
      {
        field,
        message: `cannot be sent: company ${company.id} has no ${order.channel === "email" ? "e-mail address" : "phone number"} on file`,
      },
    ]);
  return onFile;
}

/** An address with most of it hidden, for the admin API and the verify screen: `a***@example.com`, `+61*******678`. */
export function maskAddress(channel: DeliveryChannel, to: string): string {
  if (channel === "sms") return to.length <= 5 ? "*".repeat(to.length) : `${to.slice(0, 3)}${"*".repeat(to.length - 6)}${to.slice(-3)}`;
  const at = to.lastIndexOf("@");
  return `${to.slice(0, Math.min(1, at))}***${to.slice(at)}`;
}

/**
 * Queues `grant`'s link for delivery inside the transaction that issues it, so a link is sent if and
 * only if it exists. The message carries the URL (and so the code): it is sealed before it reaches
 * the store, and expires with the link, so a link that lapses while queued is never sent.
 */
export async function queueLinkDelivery(
  tx: StoreTransaction,
  d: DomainContext,
  company: CompanyRecord,
  grant: GrantRecord,
  order: DeliveryOrder,
  url: string,
): Promise<void> {
  const outbox = d.outbox;
  if (!outbox) throw new Error("queueLinkDelivery needs the outbox");
  const to = destination(d, company, order);
  const facts = { companyName: company.name, dataShared: d.dataShared, url, expiresAt: grant.expiresAt, locale: company.locale };
  await enqueue(tx, outbox.cipher, {
    kind: order.channel,
    subject: grant.id,
    meta: { purpose: "link", channel: order.channel, to: maskAddress(order.channel, to), companyId: company.id },
    payload: order.channel === "email" ? linkEmail(to, facts) : linkSms(to, facts),
    expiresAt: grant.expiresAt,
  });
  // Woken once the link and its message are committed: any sooner, the worker could not see the message.
  tx.afterCommit(() => outbox.wake());
}

const DELIVERY_STATUS = { pending: "queued", sent: "sent", failed: "failed", expired: "failed" } as const;

/** The wire form of a link's delivery message. */
export function deliveryView(message: OutboxRecord): LinkDelivery {
  return {
    channel: message.kind as DeliveryChannel,
    to: String(message.meta?.to ?? ""),
    status: DELIVERY_STATUS[message.status],
    attempts: message.attempts,
    lastError: message.lastError,
  };
}

/** The delivery of a link, if it was sent by e-mail or SMS: its newest link message. */
export async function linkDelivery(reads: StoreReads, linkId: string): Promise<LinkDelivery | undefined> {
  const messages = await reads.listOutbox({ subject: linkId });
  const message = messages.find((candidate) => candidate.meta?.purpose === "link");
  return message ? deliveryView(message) : undefined;
}

/**
 * The `settled` hook of the e-mail and SMS handlers: audits how a link's delivery ended
 * (`link.delivered` or `link.delivery_failed`, with the masked address and the last error) in the
 * transaction that records it, announcing it as a webhook like any audited change. 2FA codes are
 * audited when they are sent, by the second factor.
 */
export function auditDelivery(d: Pick<DomainContext, "webhooks">): NonNullable<OutboxHandler["settled"]> {
  return async (tx, message) => {
    if (message.meta?.purpose !== "link") return;
    const event: AuditEvent = message.status === "sent" ? "link.delivered" : "link.delivery_failed";
    await record(tx, d, [
      {
        event,
        companyId: typeof message.meta.companyId === "string" ? message.meta.companyId : null,
        linkId: message.subject,
        detail: { channel: message.kind, to: message.meta.to ?? null, attempts: message.attempts, error: message.lastError },
      },
    ]);
  };
}
