import type { FlowStep, LinkStatus } from "@otl/protocol";
import type { ConnectionRecord, FlowPatch, FlowRecord, GrantRecord, SessionRecord, StoredStep } from "../store/types.ts";

// The flow's rules as pure functions of its records: the domain applies them inside a store's transaction.

/** The steps from which a customer may start (another) connection. */
export const STEPS_THAT_CAN_CONNECT: StoredStep[] = ["select", "connect", "review"];

/** What redeeming a grant changes in the flow it resumes: a connection link sends the customer to that connection. */
export function patchOnRedeem(flow: FlowRecord, grant: GrantRecord, target: ConnectionRecord | null): FlowPatch {
  if (grant.kind !== "connection_link" || target === null || target.status === "linked") return {};
  const patch: FlowPatch = { activeConnectionId: target.id };
  if (flow.consentStatus === "accepted" && STEPS_THAT_CAN_CONNECT.includes(flow.step)) patch.step = "connect";
  return patch;
}

/** The wording a customer agreed to and where from, kept as the consent receipt. */
export interface ConsentWording {
  /** The version of the consent text, as the browser sent it; `unspecified` when it sent none. */
  textVersion: string;
  /** Its language tag; `und` (BCP 47 "undetermined") when the browser sent none. */
  locale: string;
  /** The keyed hash of the client's address (never the address); null when the server could not tell it. */
  clientHash: string | null;
}

/** What the customer's answer on the consent screen changes: accepting writes the receipt, declining clears it. */
export function patchOnConsent(flow: FlowRecord, accept: boolean, now: number, wording: ConsentWording): FlowPatch {
  if (!accept) return { consentStatus: "declined", consentAt: now, consentTextVersion: null, consentLocale: null, consentClientHash: null };
  return {
    consentStatus: "accepted",
    consentAt: now,
    consentTextVersion: wording.textVersion,
    consentLocale: wording.locale,
    consentClientHash: wording.clientHash,
    step: flow.activeConnectionId ? "connect" : "select",
  };
}

/** The step the browser sees: `verify` until a session that needs 2FA has passed it. */
export function visibleStep(flow: FlowRecord, session: SessionRecord): FlowStep {
  if (session.require2fa && session.verifiedAt === null && flow.status === "open") return "verify";
  return flow.step;
}

/** Whether a flow can still move on at `now` (the database's clock): open, and its time not run out. */
export function isOpen(flow: FlowRecord, now: number): boolean {
  return flow.status === "open" && flow.expiresAt > now;
}

/** A grant's status at `now`: consumed, revoked and superseded win over expiry, which is only a matter of time. */
export function grantStatus(grant: GrantRecord, now: number): LinkStatus {
  if (grant.consumedAt !== null) return "consumed";
  if (grant.revokedAt !== null) return "revoked";
  if (grant.supersededAt !== null) return "superseded";
  if (grant.expiresAt <= now) return "expired";
  return "active";
}
