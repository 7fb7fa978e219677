import { newInternalId } from "../ids.ts";
import { authorizeUrl, exchangeCode } from "../integrations/oauth-client.ts";
import type { ConnectOutcome, RedirectIntegration } from "../integrations/types.ts";
import { OtlProblem, validationProblem } from "../problem.ts";
import type { Actor } from "../store/types.ts";
import type { Keyring } from "../tokens.ts";
import type { DomainContext } from "./context.ts";
import { changeableFlow } from "./flow.ts";
import { newOAuthState, pkceVerifier } from "./oauth-secrets.ts";
import { record } from "./record.ts";

// The OAuth 2 redirect of a `redirect` integration (CONTRACT.md ◇ Integration kinds, SECURITY.md):
// a one-time `state` bound to the session and connection, PKCE S256, and the code exchanged by the
// server. The state is spent in its own transaction before the exchange, so a replayed callback
// never reaches the provider and no code is spent twice.

/** How long the customer has at the provider before the state expires: 15 minutes, in ms. */
export const OAUTH_STATE_TTL_MS = 15 * 60 * 1000;

/** What a redirect needs beside the domain: the keyring for the state and verifier, and the callback URL registered at the provider. */
export interface RedirectContext extends DomainContext {
  keyring: Keyring;
  /** `<publicUrl>/v1/oauth/callback`. */
  redirectUri: string;
}

/**
 * Issues the one-time state of connection `connectionId` (the one under way in the session's flow)
 * and answers the provider's authorize URL. `returnTo` is where the callback sends the browser back;
 * the caller has checked its origin. 409 unless the connection is the flow's active one at `connect`.
 */
export async function startRedirect(
  d: RedirectContext,
  hashes: string[],
  connectionId: string,
  integration: RedirectIntegration,
  returnTo: string,
): Promise<string> {
  const state = newOAuthState();
  const stateHash = d.keyring.hash(state);
  const verifier = pkceVerifier(d.keyring, state, stateHash) as string;
  const url = await authorizeUrl(integration.oauth, d.redirectUri, state, verifier);
  await d.store.withTransaction(async (tx) => {
    const { session, flow, now } = await changeableFlow(d, tx, hashes);
    if (flow.step !== "connect" || flow.activeConnectionId !== connectionId) {
      throw new OtlProblem("conflict", `Cannot start a redirect at the ${flow.step} step`);
    }
    await tx.insertOAuthState({
      id: newInternalId("oa_"),
      stateHash,
      sessionId: session.id,
      flowId: flow.id,
      connectionId,
      returnTo,
      createdAt: now,
      expiresAt: Math.min(now + OAUTH_STATE_TTL_MS, session.expiresAt),
      usedAt: null,
    });
  });
  return url;
}

/** The customer-readable message of a redirect that did not link. */
function failureMessage(integration: RedirectIntegration, reason: "denied" | "failed"): string {
  return reason === "denied"
    ? `You did not allow ${integration.name} to share your accounts. Connect again, or choose another way.`
    : `${integration.name} could not finish connecting. Try again in a moment.`;
}

/**
 * A callback refused for a state this server issued but cannot spend again (replayed: the customer
 * pressed Back at the bank and approved twice; or expired). Nothing is exchanged, but the page the
 * flow started from is known, and was checked when the state was made: a browser may go back to it.
 */
export class RefusedReturn extends OtlProblem {
  readonly returnTo: string;

  constructor(code: "token_consumed" | "token_expired", detail: string, returnTo: string) {
    super(code, detail);
    this.returnTo = returnTo;
  }
}

/**
 * The provider's callback (`GET /v1/oauth/callback`): spends the `state` once, exchanges the code
 * with the PKCE verifier, calls the integration's `linked`, and marks the connection linked (the flow
 * moves to `review`) or failed with a message (it stays at `connect`). Answers the page to send the
 * browser back to. 400 naming `state` when it is missing or was never issued; 410 `token_consumed`
 * for a state already used and 410 `token_expired` for one past its time, both as `RefusedReturn`.
 */
export async function completeRedirect(
  d: RedirectContext,
  params: URLSearchParams,
  actor: Actor,
): Promise<{ returnTo: string; linked: boolean; detail: string | null }> {
  const state = params.get("state");
  if (!state) throw validationProblem([{ field: "state", message: "is required" }]);
  const hashes = d.keyring.candidates(state);
  const pending = await d.store.withTransaction((tx) => tx.useOAuthState(hashes));
  if (!pending) {
    const known = await d.store.findOAuthState(hashes);
    if (!known) throw validationProblem([{ field: "state", message: "is not a state this server issued" }]);
    if (known.usedAt !== null) throw new RefusedReturn("token_consumed", "This return from the bank was already handled", known.returnTo);
    throw new RefusedReturn("token_expired", "This sign-in at the bank took too long; start connecting again", known.returnTo);
  }
  const connection = await d.store.getConnection(pending.connectionId);
  const integration = connection ? d.integrations.get(connection.integration) : undefined;
  if (!connection || integration?.kind !== "redirect") {
    throw new OtlProblem("conflict", "The integration of this connection is no longer offered");
  }
  const verifier = pkceVerifier(d.keyring, state, pending.stateHash);
  const exchanged = verifier
    ? await exchangeCode(integration.oauth, params, d.redirectUri, verifier)
    : ({ ok: false, reason: "failed", detail: "the key that issued the state was retired" } as const);
  let outcome: ConnectOutcome;
  if (exchanged.ok) {
    // The host's own code may throw; the state is spent by now, so the connection must still settle.
    outcome = integration.linked
      ? await integration.linked(exchanged.tokens).catch(() => ({ ok: false, message: failureMessage(integration, "failed") }) as const)
      : { ok: true };
  } else {
    outcome = { ok: false, message: failureMessage(integration, exchanged.reason) };
  }
  await d.store.withTransaction(async (tx) => {
    // Conditional writes: a connection linked meanwhile stays linked; a flow that moved on is left as it is.
    const settled = await tx.setConnectionStatus(
      connection.id,
      pending.flowId,
      outcome.ok ? "linked" : "failed",
      outcome.ok ? null : outcome.message,
    );
    if (!settled) return;
    const flow = await tx.getFlow(pending.flowId);
    if (outcome.ok && flow?.activeConnectionId === connection.id) {
      await tx.updateFlow(pending.flowId, { step: "review", activeConnectionId: null }, ["connect"]);
    }
    await record(
      tx,
      d,
      [
        {
          event: outcome.ok ? "connection.linked" : "connection.failed",
          companyId: connection.companyId,
          flowId: pending.flowId,
          detail: { connectionId: connection.id, integration: connection.integration, via: "oauth" },
        },
      ],
      actor,
    );
  });
  return { returnTo: pending.returnTo, linked: outcome.ok, detail: exchanged.ok ? null : exchanged.detail };
}
