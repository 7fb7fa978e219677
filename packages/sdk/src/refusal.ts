import { checkProblem, type ErrorCode, type Problem } from "@otl/protocol/browser";
import { OtlError } from "./errors.ts";

// Reading a refusal: the problem document of an answer outside 2xx, and its `Retry-After`. A call
// that succeeds never runs this, so ./http.ts loads it with the first refusal (in `<otl-link>`'s
// bundle, a small file of its own beside it).

/**
 * `Retry-After` in whole seconds from now (RFC 9110 §10.2.3): delta-seconds as the OTL server sends
 * it, or an HTTP-date as a proxy in front of it may; undefined when absent or unreadable, 0 for a date
 * already past.
 */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (!header?.trim()) return undefined;
  // An HTTP-date names its day and month ("Tue, 01 Jan 2030 00:00:30 GMT"): "-5" or "1.5" is neither form.
  const seconds = /^\s*\d+\s*$/.test(header)
    ? Number(header)
    : /[a-z]/i.test(header)
      ? Math.ceil((Date.parse(header) - now) / 1000)
      : Number.NaN;
  return Number.isFinite(seconds) ? Math.max(0, seconds) : undefined;
}

/**
 * The code of an answer with no problem document, as a proxy or load balancer in front of the server
 * sends: 429 and 503 keep their meaning (RFC 6585 §4, RFC 9110 §15.6.4), so the wait they ask for is
 * honoured like the server's own; anything else is generic.
 */
function bareStatusCode(status: number): ErrorCode {
  if (status === 429) return "rate_limited";
  if (status === 503) return "unavailable";
  return status >= 500 ? "internal" : "not_found";
}

/** The `OtlError` of a failed answer: its problem document's code and detail, or one from its status; with `Retry-After` either way. */
export function problemFromAnswer(status: number, json: unknown, retryAfterHeader: string | null): OtlError {
  const retryAfter = retryAfterSeconds(retryAfterHeader);
  const wait = retryAfter === undefined ? {} : { retryAfter };
  if (checkProblem(json, "$") !== null) {
    return new OtlError(bareStatusCode(status), `The server answered ${status} without a problem document`, { status, ...wait });
  }
  const { code, title, detail, errors } = json as Problem;
  return new OtlError(code, detail ?? title, { status, fields: errors ?? [], ...wait });
}
