import { type Check, checkProblem, type ErrorCode, type Problem } from "@otl/protocol/browser";
import { OtlError } from "./errors.ts";

/** A request's method and path, as one string: `POST /v1/link/inspect`. */
export type Route = `${"GET" | "POST" | "DELETE"} /v1/${string}`;

/** Options of a single call. */
export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * Sends a call — `body` as JSON, if any, with the session `token`, if any — and checks its answer with
 * `check` (omitted for answers without a body: 204), or throws an `OtlError` (an abort is rethrown as is).
 */
export async function send<T>(
  fetcher: typeof fetch,
  baseUrl: string,
  route: Route,
  token: string | undefined,
  { signal }: CallOptions,
  body?: unknown,
  check?: Check<T>,
): Promise<T> {
  const [method, path] = route.split(" ");
  const headers: Record<string, string> = { accept: "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  signal?.throwIfAborted();
  let response: Response;
  try {
    response = await fetcher(baseUrl + path, { method, headers, body: JSON.stringify(body), signal, credentials: "omit" });
  } catch (error) {
    if (signal?.aborted) throw signal.reason ?? error;
    throw new OtlError("network", unreachableMessage(baseUrl, error as Error), { cause: error });
  }
  return readAnswer(route, check, response.status, await response.text(), response.headers.get("retry-after"));
}

/**
 * An answer to `route` (`POST /v1/link/inspect`), read: its body checked by `check` (nothing without
 * one), or, for a status outside 2xx, the `OtlError` its problem document says. A body the protocol
 * does not allow is an `OtlError` `internal`.
 */
export function readAnswer<T>(route: string, check: Check<T> | undefined, status: number, text: string, retryAfter: string | null): T {
  const json = parseJson(text);
  if (status < 200 || status > 299) throw problemFromAnswer(status, json, retryAfter);
  const problem = check?.(json, "$");
  if (problem)
    throw new OtlError("internal", `${route} answered a body that does not match the protocol`, { status, cause: new TypeError(problem) });
  return json as T;
}

/** The JSON of a body, or undefined when it is empty or not JSON (a proxy's HTML page). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

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

let warned = false;

/**
 * Why a call found no server, for the developer. A browser reports a CORS refusal — a page origin
 * missing from the server's `OTL_ALLOWED_ORIGINS` — exactly like a network failure, so when the page
 * is on another origin than the server the message says so, naming the page's origin, and warns
 * once in the console, where a developer looks first.
 */
function unreachableMessage(baseUrl: string, error: Error): string {
  const message = `Could not reach ${baseUrl}: ${error.message}`;
  const page = globalThis.location?.origin;
  let server: string | undefined;
  try {
    server = new URL(baseUrl).origin;
  } catch {
    return message;
  }
  if (!page || page === "null" || page === server) return message;
  const hint = `${message}. If the server is running, check that its OTL_ALLOWED_ORIGINS lists ${page}: a browser reports a missing CORS entry exactly like a network failure.`;
  if (!warned) {
    warned = true;
    console.warn(`[otl] ${hint}`);
  }
  return hint;
}
