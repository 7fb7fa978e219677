import type { ErrorInfo } from "./transition.ts";

// A refusal that says when to come back (`Retry-After` on a 429 `rate_limited` or a 503 `unavailable`,
// CONTRACT.md "Errors"): the refused action is held until then — its button disabled, counting down —
// so the customer cannot press again at once only to be refused again. Every action goes through the
// controller's one `act`, and every button through `button()` (src/steps/view.ts): this is the one
// place the rule lives.

/** A wait the server asked for. */
export interface Hold {
  /** When the action may be tried again (ms, the browser's clock: `Retry-After` is a span, not a time). */
  readonly until: number;
  /** The span the server named (seconds), as the words say it once. */
  readonly seconds: number;
  /**
   * Only "Send a new code" is held: a refused send (the 30 s between sends, or the company's codes of
   * the day) does not stop the customer confirming the code already sent. Otherwise every action of
   * the screen that reaches the server is held: the limit or the outage is the server's, not one button's.
   */
  readonly resendOnly: boolean;
}

/**
 * The wait when a 429 or 503 comes without `Retry-After` (a proxy's, or a server on another origin
 * that does not expose the header): short, but enough that pressing again at once is not refused again.
 */
export const DEFAULT_WAIT_SECONDS = 5;

/** The hold an error asks for, from `now` (ms), or null: `retryAfter` is `OtlError.retryAfter` (seconds). */
export function holdFor(code: ErrorInfo["code"], retryAfter: number | undefined, resend: boolean, now: number): Hold | null {
  const seconds = retryAfter ?? (code === "rate_limited" || code === "unavailable" ? DEFAULT_WAIT_SECONDS : 0);
  return seconds > 0 ? { until: now + seconds * 1000, seconds, resendOnly: resend } : null;
}

/** Milliseconds until `hold` lets an action go (0: now); `resend` asks for "Send a new code". */
export function heldFor(hold: Hold | null, resend: boolean, now: number): number {
  if (!hold || (hold.resendOnly && !resend)) return 0;
  return Math.max(0, hold.until - now);
}
