import type { LinkDelivery, LinkStatus } from "@otl/protocol";
import { newId, newInternalId } from "../ids.ts";
import { OtlProblem, validationProblem } from "../problem.ts";
import type { Actor, AuditEntry, GrantRecord, StoreTransaction } from "../store/types.ts";
import { companyOr404 } from "./companies.ts";
import type { DomainContext } from "./context.ts";
import { type DeliveryOrder, linkDelivery, queueLinkDelivery } from "./delivery.ts";
import { grantStatus } from "./flow-rules.ts";
import { record } from "./record.ts";
import { checkSecondFactorReachable } from "./second-factor.ts";

/** A grant with its status at the database's time of the operation that read or wrote it. */
export interface GrantState {
  grant: GrantRecord;
  status: LinkStatus;
  /** How its sending stands, when it was sent by e-mail or SMS. */
  delivery?: LinkDelivery | undefined;
}

/** What a host asks for when it issues a link; the code itself was minted by the caller, which passes its hash. */
export interface NewLink {
  companyId: string;
  type: "company" | "connection";
  /** The connection a connection link opens; null for a company link. */
  connectionId: string | null;
  /** The keyed hash of the new code (`Keyring.hash`). */
  secretHash: string;
  /** Seconds; default the server's link lifetime. */
  ttlSeconds?: number | undefined;
  /** The session this link opens starts at `verify` (a 2FA code). */
  require2fa?: boolean | undefined;
  /**
   * Send the link by e-mail or SMS, queued in the same transaction. `url` builds the link's URL for
   * the message: the caller holds the code, the domain only hands the URL to the sealed outbox.
   */
  deliver?: { order: DeliveryOrder; url: (grant: GrantRecord) => string } | undefined;
}

/**
 * Issues a link in one transaction. With `latestLinkOnly` (default), the company's earlier usable
 * links of the same kind and connection are superseded (Basiq: only the latest link is valid), each
 * audited as `link.superseded`, then `link.issued`. 404 for an unknown company; 400 naming
 * `connectionId` for a connection of another company. With `deliver`, the link is queued for e-mail
 * or SMS in the same transaction (400 naming `deliver.<channel>` when it cannot be sent), and the
 * outbox is woken once it is committed.
 */
export async function issueLink(d: DomainContext, input: NewLink, actor: Actor): Promise<{ grant: GrantRecord; supersededIds: string[] }> {
  return d.store.withTransaction((tx) => issueLinkIn(tx, d, input, actor));
}

/** `issueLink` inside a transaction of the caller's (a delivery wakes the outbox once that transaction commits). */
export async function issueLinkIn(
  tx: StoreTransaction,
  d: DomainContext,
  input: NewLink,
  actor: Actor,
): Promise<{ grant: GrantRecord; supersededIds: string[] }> {
  const company = await companyOr404(tx, input.companyId);
  if (input.require2fa) checkSecondFactorReachable(d, company);
  if (input.connectionId !== null) {
    const connection = await tx.getConnection(input.connectionId);
    if (!connection || connection.companyId !== company.id) {
      throw validationProblem([{ field: "connectionId", message: `is not a connection of company ${company.id}` }]);
    }
  }
  const now = await tx.now();
  const grant: GrantRecord = {
    id: newId("link"),
    kind: input.type === "connection" ? "connection_link" : "company_link",
    companyId: company.id,
    connectionId: input.connectionId,
    secretHash: input.secretHash,
    require2fa: input.require2fa ?? false,
    createdAt: now,
    expiresAt: now + (input.ttlSeconds ?? d.lifetimes.link) * 1000,
    consumedAt: null,
    revokedAt: null,
    supersededAt: null,
  };
  // Two links issued at once must not each supersede only the other's predecessors.
  if (d.latestLinkOnly) await tx.lockCompany(company.id);
  const supersededIds = d.latestLinkOnly ? await tx.supersedeGrants(grant) : [];
  await tx.insertGrant(grant);
  const events: AuditEntry[] = supersededIds.map((id) => ({
    event: "link.superseded",
    companyId: company.id,
    linkId: id,
    detail: { by: grant.id },
  }));
  events.push({ event: "link.issued", companyId: company.id, linkId: grant.id, detail: { kind: grant.kind } });
  await record(tx, d, events, actor);
  if (input.deliver) await queueLinkDelivery(tx, d, company, grant, input.deliver.order, input.deliver.url(grant));
  return { grant, supersededIds };
}

/** Issues a single-use access token for SDK init (never superseding). `ttlSeconds` defaults to the server's. 404 for an unknown company. */
export async function issueAccessToken(
  d: DomainContext,
  input: { companyId: string; secretHash: string; ttlSeconds?: number | undefined },
  actor: Actor,
): Promise<GrantRecord> {
  return d.store.withTransaction(async (tx) => {
    const company = await companyOr404(tx, input.companyId);
    const now = await tx.now();
    const grant: GrantRecord = {
      id: newInternalId("at_"),
      kind: "access_token",
      companyId: company.id,
      connectionId: null,
      secretHash: input.secretHash,
      require2fa: false,
      createdAt: now,
      expiresAt: now + (input.ttlSeconds ?? d.lifetimes.accessToken) * 1000,
      consumedAt: null,
      revokedAt: null,
      supersededAt: null,
    };
    await tx.insertGrant(grant);
    await record(tx, d, [{ event: "access_token.issued", companyId: company.id, linkId: grant.id, detail: { kind: grant.kind } }], actor);
    return grant;
  });
}

/**
 * Revokes an active link, audited as `link.revoked` by the host; a revoked one is answered as it
 * is. 404 when there is no such link (access tokens are not links); 409 when it was spent otherwise
 * (consumed, expired, superseded), naming its status.
 */
export async function revokeLink(d: DomainContext, linkId: string, actor: Actor): Promise<GrantState> {
  return d.store.withTransaction(async (tx) => {
    const revoked = await tx.revokeGrant(linkId);
    const grant = revoked ?? (await tx.getGrant(linkId));
    // Throwing rolls the transaction back, so an access token's id revokes nothing.
    if (!grant || grant.kind === "access_token") throw new OtlProblem("not_found", `No link ${linkId}`);
    const status = grantStatus(grant, await tx.now());
    if (!revoked) {
      // Revoking twice answers the revoked link again (README: idempotent revoke); anything else was spent otherwise.
      if (status === "revoked") return { grant, status };
      throw new OtlProblem("conflict", `Link ${linkId} is already ${status}; only an active link can be revoked`);
    }
    await record(tx, d, [{ event: "link.revoked", companyId: grant.companyId, linkId: grant.id, detail: { by: "host" } }], actor);
    return { grant, status };
  });
}

/** A company's links, newest first, each with its status and delivery; 404 for an unknown company. */
export async function listLinks(d: DomainContext, companyId: string): Promise<GrantState[]> {
  const company = await companyOr404(d.store, companyId);
  const [links, now] = await Promise.all([d.store.listLinks(company.id), d.store.now()]);
  // One outbox read per link: a company has few links (each new one supersedes the last).
  const deliveries = await Promise.all(links.map((grant) => linkDelivery(d.store, grant.id)));
  return links.map((grant, index) => ({ grant, status: grantStatus(grant, now), delivery: deliveries[index] }));
}

/** One link with its status and delivery; 404 when there is no such link (access tokens are not links). */
export async function readLink(d: DomainContext, linkId: string): Promise<GrantState> {
  const [grant, now, delivery] = await Promise.all([d.store.getGrant(linkId), d.store.now(), linkDelivery(d.store, linkId)]);
  if (!grant || grant.kind === "access_token") throw new OtlProblem("not_found", `No link ${linkId}`);
  return { grant, status: grantStatus(grant, now), delivery };
}
