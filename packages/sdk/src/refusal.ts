import {
  checkConnecting,
  checkExchangeResult,
  checkFlowView,
  checkInspectResult,
  checkIntegrationList,
  checkProblem,
  checkUploadResult,
  type ErrorCode,
  type JsonCheck,
  type Problem,
} from "@otl/protocol/browser";
import {
  isConnecting,
  isExchangeResult,
  isFlowView,
  isInspectResult,
  isIntegrationList,
  isUploadResult,
  type JsonVerdict,
} from "@otl/protocol/browser/answers";
import { OtlError } from "./errors.ts";

// Reading an answer a call cannot take: a refusal (the problem document of an answer outside 2xx,
// and its `Retry-After`), or a body the protocol does not allow (what is wrong with it, and where:
// the SDK judges answers with verdicts, which say only yes or no). A call that succeeds never runs
// this, so ./http.ts loads it with the first such answer (in `<otl-link>`'s bundle, a file of its own
// beside it, with the protocol's checks).

/** The `OtlError` of an answer to `route` that is a refusal, or whose body `verdict` refused. */
export function answerError(
  route: string,
  verdict: JsonVerdict | undefined,
  status: number,
  json: unknown,
  retryAfter: string | null,
): OtlError {
  if (status < 200 || status > 299) return problemFromAnswer(status, json, retryAfter);
  // Its cause says what is wrong as "path: what" (`$.flow.step: not one of …`).
  const problem = (verdict && EXPLAINED.get(verdict)?.(json, "$")) ?? "$: not what the protocol allows";
  return new OtlError("internal", `${route} answered a body that does not match the protocol`, { status, cause: new TypeError(problem) });
}

/** Each verdict the SDK judges answers with, and the check that says what it found wrong. */
export const EXPLAINED: ReadonlyMap<JsonVerdict, JsonCheck> = new Map<JsonVerdict, JsonCheck>([
  [isFlowView, checkFlowView],
  [isExchangeResult, checkExchangeResult],
  [isInspectResult, checkInspectResult],
  [isConnecting, checkConnecting],
  [isIntegrationList, checkIntegrationList],
  [isUploadResult, checkUploadResult],
]);

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
