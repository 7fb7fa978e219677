import type { ErrorInfo, Failure } from "./transition.ts";

// How the element answers every error code the SDK can report: each of the contract's codes
// (`ERROR_CODES` in @otl/protocol, CONTRACT.md "Errors") and `network`. Any of them can reach a
// customer-facing call (inspect, exchange, renew, the session's calls). What a table leaves out is
// the common answer, so the bundle carries only the exceptions; test/problems.test.ts renders every
// code the protocol lists and fails on one whose screen or words nobody chose.

type Code = ErrorInfo["code"];

/**
 * The failure screen a code always leads to, wherever it comes: nothing the customer does on this
 * page can help. Any other code leaves a step that can go on where it is, with words beside it.
 */
export const FATAL: Readonly<Partial<Record<Code, Failure>>> = {
  token_expired: "expired",
  token_consumed: "used",
  token_superseded: "superseded",
  token_revoked: "revoked",
  token_invalid: "invalid",
  // Five wrong 2FA codes ended the session and spent the link: its own screen, which says what to do now.
  second_factor_locked: "locked",
  // A session token the server no longer knows, or one past its time: a reload cannot bring it back.
  session_expired: "session",
  unauthorized: "session",
};

/**
 * Before the customer has a step to act on (inspecting, resuming), a code that is not fatal leads to
 * the "something went wrong" screen with "Try again" (held while the server said to wait, ./hold.ts),
 * but for these: a refused body, a missing resource or a 2FA refusal (no step has sent a code yet)
 * would fail the same way for ever, so the link is not valid; a network failure has its own words.
 */
const EARLY: Readonly<Partial<Record<Code, Failure>>> = {
  validation_failed: "invalid",
  not_found: "invalid",
  second_factor_required: "invalid",
  second_factor_invalid: "invalid",
  network: "network",
};

/** The failure screen of `code` before the customer has a step to act on. */
export function earlyFailure(code: Code): Failure {
  return FATAL[code] ?? EARLY[code] ?? "problem";
}
