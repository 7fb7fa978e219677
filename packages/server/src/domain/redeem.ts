import type { LinkStatus, SpentTokenCode } from "@otl/protocol";
import { newId, newInternalId } from "../ids.ts";
import { OtlProblem } from "../problem.ts";
import { isStoreFault } from "../store/fault.ts";
import type {
  Actor,
  AuditEntry,
  CompanyRecord,
  ConnectionRecord,
  FlowRecord,
  GrantMatch,
  GrantRecord,
  SessionRecord,
  StoreReads,
  StoreTransaction,
} from "../store/types.ts";
import type { DomainContext, FlowState } from "./context.ts";
import { grantStatus, patchOnRedeem } from "./flow-rules.ts";
import { record } from "./record.ts";
import { sendSecondFactor } from "./second-factor.ts";

const SPENT: Record<Exclude<LinkStatus, "active">, SpentTokenCode> = {
  consumed: "token_consumed",
  expired: "token_expired",
  revoked: "token_revoked",
  superseded: "token_superseded",
};

const SPENT_DETAIL: Record<SpentTokenCode, string> = {
  token_consumed: "This code has already been used",
  token_expired: "This code has expired",
  token_revoked: "This code was revoked",
  token_superseded: "A newer link replaced this code",
};

/** 404 `token_invalid`: no such code or access token (or one shown where it does not belong). */
function tokenInvalid(): OtlProblem {
  return new OtlProblem("token_invalid", "No such code or access token");
}

/** What was presented to open a session: a secret (as its keyed hashes), or the bare reusable company link. */
export type Presented = { secret: GrantMatch } | { reusableLinkOf: string };

/** What an exchange asks for. */
export interface RedeemRequest {
  presented: Presented;
  /** The keyed hash of the new session's token, which the caller minted and will hand to the browser. */
  sessionTokenHash: string;
}

/** Whether a grant found by its secret is one this request may use: same kind, company and connection. */
export function fits(grant: GrantRecord, match: GrantMatch): boolean {
  return (
    match.kinds.includes(grant.kind) &&
    (match.companyId === null || grant.companyId === match.companyId) &&
    grant.connectionId === match.connectionId
  );
}

/**
 * A link's landing screen (`POST /v1/link/inspect`): its status, its company and whether it needs a
 * second factor, audited as `link.viewed`. Never consumes. An empty `hashes` (a code that failed
 * its checksum) and a code shown at another company's URL are as unknown as a made-up one: 404.
 */
export async function inspectLink(
  d: DomainContext,
  match: GrantMatch,
  actor: Actor,
): Promise<{ grant: GrantRecord; status: LinkStatus; company: CompanyRecord | null }> {
  if (match.hashes.length === 0) throw tokenInvalid();
  try {
    return await d.store.withTransaction(async (tx) => {
      const viewed = await readLink(tx, match);
      await record(tx, d, [{ event: "link.viewed", companyId: viewed.grant.companyId, linkId: viewed.grant.id }], actor);
      return viewed;
    });
  } catch (error) {
    // A store that cannot write (disk full, read-only) can often still read: the landing screen is
    // shown, unaudited, rather than refused (SECURITY.md, "Durability and faults"). A store that
    // cannot read either fails here again, and is answered 503.
    if (!isStoreFault(error)) throw error;
    return readLink(d.store, match);
  }
}

async function readLink(reads: StoreReads, match: GrantMatch) {
  const grant = await reads.findGrant(match.hashes);
  if (!grant || !fits(grant, match)) throw tokenInvalid();
  const [company, now] = await Promise.all([reads.getCompany(grant.companyId), reads.now()]);
  return { grant, status: grantStatus(grant, now), company };
}

type Redeemed =
  | { ok: true; grant: GrantRecord | null; state: FlowState }
  | { ok: false; grant: GrantRecord | null; code: SpentTokenCode | "token_invalid" };

/**
 * The exchange: consumes the presented secret exactly once and opens a session on the company's
 * flow — the open one resumed at its step, or a new one — all in one transaction, so nothing is
 * burned if a later part fails. A connection link sends the customer to its connection. A refusal
 * is audited (`link.replayed` for a spent secret presented again, else `link.redeem_failed`) and
 * thrown: 404 `token_invalid`, or 410 with the secret's state. An empty `hashes` is a secret that
 * failed its checksum: refused with no look-up.
 */
export async function redeem(
  d: DomainContext,
  request: RedeemRequest,
  actor: Actor,
): Promise<{ grant: GrantRecord | null; state: FlowState }> {
  const { presented } = request;
  if ("reusableLinkOf" in presented && !d.allowReusableLinks) {
    throw new OtlProblem("token_invalid", "This link needs its one-time code: reusable links are turned off on this server");
  }
  const outcome = await d.store.withTransaction(async (tx): Promise<Redeemed> => {
    let grant: GrantRecord | null = null;
    let company: CompanyRecord | null;
    if ("secret" in presented) {
      const match = presented.secret;
      // The one statement that decides: whoever's update returns the row owns the secret.
      grant = match.hashes.length > 0 ? await tx.consumeGrant(match) : null;
      if (!grant) return refuse(d, tx, match, actor);
      company = await tx.getCompany(grant.companyId);
    } else {
      company = await tx.getCompany(presented.reusableLinkOf);
    }
    if (!company) {
      await record(tx, d, [{ event: "link.redeem_failed", detail: { reason: "token_invalid" } }], actor);
      return { ok: false, grant: null, code: "token_invalid" };
    }
    // Which flow is open decides what this redeem writes: no other transaction may start one meanwhile.
    await tx.lockCompany(company.id);
    const now = await tx.now();
    const events: AuditEntry[] = [];
    const { flow, connections } = await openFlowFor(d, tx, company.id, grant, now, events);
    const idleMs = d.lifetimes.sessionIdle * 1000;
    const absoluteMs = d.lifetimes.sessionAbsolute * 1000;
    const session: SessionRecord = {
      id: newInternalId("ss_"),
      tokenHash: request.sessionTokenHash,
      flowId: flow.id,
      grantId: grant?.id ?? null,
      require2fa: grant?.require2fa ?? false,
      verifiedAt: null,
      createdAt: now,
      lastSeenAt: now,
      idleExpiresAt: now + Math.min(idleMs, absoluteMs),
      expiresAt: now + absoluteMs,
      endedAt: null,
    };
    await tx.insertSession(session);
    // The first code goes when the session opens; should it be refused (budget spent), nothing is burned.
    const secondFactor = session.require2fa ? await sendSecondFactor(d, tx, company, session, actor) : null;
    events.push({
      event: "link.redeemed",
      companyId: company.id,
      linkId: grant?.id ?? null,
      flowId: flow.id,
      detail: { kind: grant?.kind ?? "reusable_link" },
    });
    await record(tx, d, events, actor);
    return {
      ok: true,
      grant,
      state: { session, flow, connections: connections ?? (await tx.flowConnections(flow.id)), company, secondFactor },
    };
  });
  if (outcome.ok) {
    if (outcome.state.session.require2fa) d.outbox?.wake();
    return outcome;
  }
  if (outcome.code === "token_invalid") throw tokenInvalid();
  throw new OtlProblem(outcome.code, SPENT_DETAIL[outcome.code]);
}

// Inside the redeem's transaction, after its update lost: why the secret cannot be used, audited.
async function refuse(d: DomainContext, tx: StoreTransaction, match: GrantMatch, actor: Actor): Promise<Redeemed> {
  const found = match.hashes.length > 0 ? await tx.findGrant(match.hashes) : null;
  const grant = found && fits(found, match) ? found : null;
  const status = grant ? grantStatus(grant, await tx.now()) : "active";
  // Found but "active": the database saw it expire in the update, a moment before this read's time.
  const code = grant ? (status === "active" ? "token_expired" : SPENT[status]) : "token_invalid";
  await record(
    tx,
    d,
    [
      {
        event: code === "token_consumed" ? "link.replayed" : "link.redeem_failed",
        companyId: grant?.companyId ?? null,
        linkId: grant?.id ?? null,
        detail: { reason: code },
      },
    ],
    actor,
  );
  return { ok: false, grant, code };
}

/**
 * Inside the redeem's transaction: the company's open flow, resumed at its step (one whose time ran
 * out is marked expired first), or a new one. A connection link's connection joins the flow, and the
 * customer is sent to it. Its audit events go to `events`. `connections` is known without a read
 * only for a new flow with no connection.
 */
async function openFlowFor(
  d: DomainContext,
  tx: StoreTransaction,
  companyId: string,
  grant: GrantRecord | null,
  now: number,
  events: AuditEntry[],
): Promise<{ flow: FlowRecord; connections: ConnectionRecord[] | null }> {
  let flow = await tx.openFlow(companyId);
  if (flow && flow.expiresAt <= now) {
    await tx.expireFlow(flow.id);
    flow = null;
  }
  let connections: ConnectionRecord[] | null = null;
  if (flow) {
    events.push({ event: "flow.resumed", companyId, linkId: grant?.id ?? null, flowId: flow.id, detail: { step: flow.step } });
  } else {
    flow = {
      id: newId("flow"),
      companyId,
      status: "open",
      step: "consent",
      consentStatus: "pending",
      consentAt: null,
      consentTextVersion: null,
      consentLocale: null,
      consentClientHash: null,
      activeConnectionId: null,
      createdAt: now,
      updatedAt: now,
      expiresAt: now + d.lifetimes.flow * 1000,
      finishedAt: null,
    };
    await tx.insertFlow(flow);
    events.push({ event: "flow.started", companyId, linkId: grant?.id ?? null, flowId: flow.id });
    connections = [];
  }
  if (grant?.connectionId == null) return { flow, connections };
  const target = await tx.attachConnection(grant.connectionId, flow.id);
  const patched = await tx.updateFlow(flow.id, patchOnRedeem(flow, grant, target));
  return { flow: patched ?? flow, connections: null };
}
