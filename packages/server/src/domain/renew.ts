import type { Actor, CompanyRecord, GrantMatch, GrantRecord, StoreTransaction } from "../store/types.ts";
import type { DomainContext } from "./context.ts";
import type { DeliveryOrder } from "./delivery.ts";
import { grantStatus } from "./flow-rules.ts";
import { issueLinkIn } from "./grants.ts";
import { record } from "./record.ts";
import { fits } from "./redeem.ts";

/** The rules of "send me a new link" (CONTRACT.md `POST /v1/link/renew`, SECURITY.md "Link scanners and previews"). */
export const RENEW = {
  /** New links one company may be sent this way in `windowMs`, whoever asks and from wherever. */
  dailyBudget: 3,
  windowMs: 24 * 60 * 60 * 1000,
} as const;

/**
 * What became of a request, for the audit log and the tests only: the customer is answered the same
 * 202 whatever it is, so the answer says nothing about the link, the flow or the contact.
 */
export type RenewOutcome = "sent" | "unknown" | "active" | "revoked" | "flow_done" | "no_contact" | "budget";

/** What a renewal needs from its caller: the presented code's match, and how to mint the new link's code and URL. */
export interface RenewRequestInput {
  match: GrantMatch;
  /** Mints a code for the new link: the code itself (for its URL) and its keyed hash (for the store). */
  newCode: () => { code: string; hash: string };
  /** The new link's URL for its message. */
  url: (grant: GrantRecord, code: string) => string;
}

/**
 * "Send me a new link": when the presented code is real and spent (consumed, expired or superseded:
 * never one the host revoked, nor one still usable), its company's flow is not done, the company has
 * a contact on file the server can reach, and fewer than 3 links went out this way to the company in
 * 24 hours (a counter in the store, under the company's lock, so every process shares it), a new link
 * of the same kind (same connection, same second factor, the server's link lifetime) is issued,
 * superseding the others, and queued to that contact — e-mail first, else SMS — never to an address
 * from the request. The new link resumes the open flow at its step, as any link does. Every request
 * is audited as `link.renew_requested` with its outcome; the outcome is returned for the caller's log.
 */
export async function renewLink(d: DomainContext, input: RenewRequestInput, actor: Actor): Promise<RenewOutcome> {
  const outcome = await d.store.withTransaction(async (tx): Promise<RenewOutcome> => {
    const found = input.match.hashes.length > 0 ? await tx.findGrant(input.match.hashes) : null;
    const grant = found && fits(found, input.match) ? found : null;
    if (!grant) {
      await record(tx, d, [{ event: "link.renew_requested", detail: { outcome: "unknown" } }], actor);
      return "unknown";
    }
    // The budget and the flow are read and written under the company's lock: two requests at once
    // cannot both take the third link of the day.
    await tx.lockCompany(grant.companyId);
    const decided = await decide(d, tx, grant);
    const audit = (outcome: RenewOutcome, detail: Record<string, string> = {}) =>
      record(
        tx,
        d,
        [{ event: "link.renew_requested", companyId: grant.companyId, linkId: grant.id, detail: { outcome, ...detail } }],
        actor,
      );
    if (decided.outcome !== "sent") {
      await audit(decided.outcome);
      return decided.outcome;
    }
    const { code, hash } = input.newCode();
    const issued = await issueLinkIn(
      tx,
      d,
      {
        companyId: grant.companyId,
        type: grant.kind === "connection_link" ? "connection" : "company",
        connectionId: grant.connectionId,
        secretHash: hash,
        require2fa: grant.require2fa,
        deliver: { order: decided.order, url: (next) => input.url(next, code) },
      },
      actor,
    );
    await audit("sent", { by: issued.grant.id, channel: decided.order.channel });
    return "sent";
  });
  if (outcome === "sent") d.outbox?.wake();
  return outcome;
}

type Decision = { outcome: Exclude<RenewOutcome, "sent" | "unknown"> } | { outcome: "sent"; order: DeliveryOrder };

async function decide(d: DomainContext, tx: StoreTransaction, grant: GrantRecord): Promise<Decision> {
  const now = await tx.now();
  const status = grantStatus(grant, now);
  // A usable link needs no renewal; a revoked one was withdrawn by the host on purpose.
  if (status === "active" || status === "revoked") return { outcome: status };
  const flow = await tx.latestFlow(grant.companyId);
  // The company's flow finished after this link was issued: the link's work is done (Basiq: when the
  // customer has disclosed all their accounts, the link is deleted). A flow that finished before it
  // was the last one; this link would have started a new one.
  if (flow?.status === "done" && (flow.finishedAt ?? 0) >= grant.createdAt) return { outcome: "flow_done" };
  const company = await tx.getCompany(grant.companyId);
  const order = company && contactOrder(d, company);
  if (!order) return { outcome: "no_contact" };
  const budget = await tx.rateLimitState(budgetKey(grant.companyId));
  if (budget && budget.count >= RENEW.dailyBudget) return { outcome: "budget" };
  await tx.recordFailure(budgetKey(grant.companyId), RENEW.windowMs);
  return { outcome: "sent", order };
}

const budgetKey = (companyId: string) => `renew:${companyId}`;

/** The contact on file a new link goes to: the e-mail address, else the phone; only through a channel the server can send on. */
function contactOrder(d: DomainContext, company: CompanyRecord): DeliveryOrder | null {
  const channels = d.outbox?.channels;
  if (company.contactEmail && channels?.has("email")) return { channel: "email", to: true };
  if (company.contactPhone && channels?.has("sms")) return { channel: "sms", to: true };
  return null;
}
