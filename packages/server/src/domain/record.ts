import type { Actor, AuditEntry, StoreTransaction } from "../store/types.ts";
import type { DomainContext } from "./context.ts";
import { webhookEventsOf } from "./webhook-events.ts";
import { announce } from "./webhooks.ts";

/**
 * The one way the domain writes to the audit log: appends `entries` in `tx` and, for those the
 * contract announces (`webhookEventsOf`), queues their webhooks in that same transaction, so a
 * webhook is sent if and only if its change commits (CONTRACT.md, "Webhooks"). Entries that announce
 * nothing (a view, an access token) cost exactly the append; so does a server with no webhooks set
 * up. The endpoints are read with the append itself (`appendAuditForWebhooks`), never by a query
 * of their own, and never from a cache that another process could have made stale.
 */
export async function record(
  tx: StoreTransaction,
  d: Pick<DomainContext, "webhooks">,
  entries: readonly AuditEntry[],
  actor?: Actor,
): Promise<void> {
  const events = d.webhooks ? entries.flatMap(webhookEventsOf) : [];
  if (!d.webhooks || events.length === 0) return tx.appendAudit(entries, actor);
  const subscriptions = await tx.appendAuditForWebhooks(entries, actor);
  await announce(tx, d.webhooks, events, subscriptions);
}
