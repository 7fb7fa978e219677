import { MAX_BODY_BYTES } from "@otl/protocol";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { OtlContext } from "./context.ts";
import { OtlProblem } from "./problem.ts";
import { logAnswer, requestIdOf } from "./request-log.ts";
import { requestScope } from "./request-scope.ts";
import { UPLOAD_PATH } from "./routes/uploads.ts";
import { bodyTooLarge } from "./validate.ts";

/** An answer's headers as one plain object, names in lower case. */
export type AnswerHeaders = Record<string, string>;

/**
 * What the frame hands to the routes beside their own variables: the request's id and the headers its
 * answer must carry; and what the answers hand back to the frame, the last answer built with them.
 */
export interface FrameVariables {
  requestId: string;
  answerHeaders: AnswerHeaders;
  /**
   * The last answer `answerJson`, `answerEmpty` or `answerProblem` built for this request, with the
   * frame's headers already in it: when it is the request's answer, the frame leaves it alone. Any
   * other answer (a page, an asset, a preflight, a problem a middleware set) gets the headers added
   * after the fact. Kept on the request rather than in a WeakSet of answers: a WeakSet entry per
   * answer costs the garbage collector (ephemerons) far more than the entry in the request's own map.
   */
  framedAnswer: Response;
}

// Requests on which a middleware set a header on `c` before the answer (the console's session cookie,
// re-sealed by adminAuth): Hono keeps such headers until `c.json` or `c.body` builds the answer, so an
// answer built apart from `c` would drop them. These requests' answers are built by Hono instead.
const headersPending = new WeakSet<Context>();

const JSON_TYPE: AnswerHeaders = { "content-type": "application/json" };

/**
 * The one middleware every request passes, in place of a chain of five (request id, body limit, private
 * answers, CORS, request log): each layer of Hono's chain costs a closure and a promise per request, and
 * headers set before the route runs cost a `Headers` object that the node adapter then copies back
 * into a plain one. Here the headers an answer must carry are known before the route runs, as one plain
 * object (`answerHeaders`), and the routes' answers (`answerJson`, `answerEmpty`, `answerProblem`) are
 * built with them, which @hono/node-server writes straight to the socket.
 *
 * Every answer carries `X-Request-Id` (the caller's when well-formed, else a fresh UUID; `requestIdOf`).
 * Every `/v1` answer, admin and browser API alike, is private to the client that asked:
 * `Cache-Control: no-store` and `Vary: Origin`, listed once (CONTRACT.md, "Public API"); Back after
 * "All done" once showed the select step from a stored `GET /v1/session`, and admin answers carry link
 * codes and access tokens. The browser API (`/v1/link…`, `/v1/session…`) answers the allow-listed origins
 * and the server's own (`Access-Control-Allow-Origin`, and preflights through Hono's `cors`); the admin API
 * is server-to-server. A `/v1` body is refused past 64 KiB: a declared Content-Length from the header
 * alone (leaving the body to be read straight from the socket), a body sent in chunks by Hono's own limit
 * as it streams; uploads stream multipart under their integration's own limit (routes/uploads-multipart.ts).
 * With info records on, the request is logged as answered (`logAnswer`), and records written while it
 * is answered carry its id (`requestScope`).
 */
export function answerFrame(ctx: OtlContext): MiddlewareHandler<{ Variables: FrameVariables }> {
  const allowOrigin = (origin: string) => (origin === ctx.publicOrigin || ctx.allowedOrigins.has(origin) ? origin : null);
  const preflight = cors({
    origin: allowOrigin,
    allowMethods: ["GET", "POST", "DELETE"],
    allowHeaders: ["authorization", "content-type"],
    maxAge: 600,
  });
  const streamedBodyLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw bodyTooLarge();
    },
  });
  const logger = ctx.logger.infoEnabled === false ? null : ctx.logger;

  /** Runs the route of a `/v1` request behind its preflight and body checks; a refusal becomes the answer here, so it is framed and logged like any other. */
  async function api(c: Context, next: () => Promise<void>, browser: boolean): Promise<void> {
    const method = c.req.method;
    if (browser && method === "OPTIONS") {
      const answered = await preflight(c, next);
      if (answered instanceof Response) c.res = answered;
      return;
    }
    if (method === "GET" || method === "HEAD" || (method === "POST" && UPLOAD_PATH.test(c.req.path))) return next();
    const length = c.req.header("content-length");
    if (length === undefined || !/^\d+$/.test(length) || c.req.header("transfer-encoding") !== undefined) {
      try {
        await streamedBodyLimit(c, next);
      } catch (error) {
        if (!(error instanceof OtlProblem)) throw error;
        c.res = answerProblem(c, error);
      }
      return;
    }
    if (Number(length) > MAX_BODY_BYTES) {
      c.res = answerProblem(c, bodyTooLarge());
      return;
    }
    return next();
  }

  return async (c, next) => {
    const requestId = requestIdOf(c.req.header("x-request-id"));
    const path = c.req.path;
    const isApi = path.startsWith("/v1/") || path === "/v1";
    const isBrowser = isApi && isBrowserPath(path);
    const origin = isBrowser ? allowOrigin(c.req.header("origin") ?? "") : null;
    const headers: AnswerHeaders = !isApi
      ? { "x-request-id": requestId }
      : origin === null
        ? { "x-request-id": requestId, "cache-control": "no-store", vary: "Origin" }
        : {
            "x-request-id": requestId,
            "cache-control": "no-store",
            vary: "Origin",
            "access-control-allow-origin": origin,
            // A page on another origin reads the server's clock (`Date`: the 2FA resend countdown runs on it,
            // not on a browser clock that may be off) and how long to wait after a refusal (`Retry-After`).
            "access-control-expose-headers": "Date, Retry-After",
          };
    c.set("requestId", requestId);
    c.set("answerHeaders", headers);
    const setHeader = c.header;
    c.header = (name, value, options) => {
      headersPending.add(c);
      setHeader(name, value, options);
    };
    const started = logger ? performance.now() : 0;
    const route = isApi ? () => api(c, next, isBrowser) : next;
    if (logger) await requestScope.run({ requestId }, route);
    else await route();
    if (c.res !== c.get("framedAnswer")) addFrameHeaders(c, headers, isApi);
    if (logger) logAnswer(logger, c, started);
  };
}

/** The browser API's paths, as Hono matches `/v1/link/*`, `/v1/session` and `/v1/session/*`. */
function isBrowserPath(path: string): boolean {
  return path.startsWith("/v1/link/") || path === "/v1/link" || path.startsWith("/v1/session/") || path === "/v1/session";
}

/** Adds the frame's headers to an answer built without them; `Vary` keeps what the answer lists, with `Origin` once. */
function addFrameHeaders(c: Context, frame: AnswerHeaders, isApi: boolean): void {
  const set = (headers: Headers) => {
    for (const name in frame) if (name !== "vary") headers.set(name, frame[name] as string);
    if (isApi) headers.set("vary", varyWithOrigin(headers.get("vary")));
  };
  try {
    set(c.res.headers);
  } catch {
    // An answer with immutable headers (say, one passed through from fetch): a copy that can change.
    c.res = new Response(c.res.body, c.res);
    set(c.res.headers);
  }
}

/** A `Vary` value that lists `Origin` once, last, after the names `vary` already lists. */
export function varyWithOrigin(vary: string | null): string {
  // Most answers carry none, or only the Origin the frame set: no list to take apart.
  if (vary === null || vary === "" || vary === "Origin") return "Origin";
  const names = vary
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "" && name.toLowerCase() !== "origin");
  return [...names, "Origin"].join(", ");
}

/** An answer with the frame's headers (when the frame ran) and `extra`, marked as framed. */
function framedAnswer(c: Context, body: string | null, status: number, extra: AnswerHeaders): Response {
  const frame = c.get("answerHeaders") as AnswerHeaders | undefined;
  const headers = frame ? { ...frame, ...extra } : { ...extra };
  // Hono merges the headers set on `c` so far, in a `Headers` object; a plain one is written as it is.
  const response = headersPending.has(c)
    ? c.newResponse(body, status as ContentfulStatusCode, headers)
    : new Response(body, { status, headers });
  if (frame) c.set("framedAnswer", response);
  return response;
}

/**
 * `value` as a JSON answer (default 200) with the frame's headers: what API routes answer with instead
 * of `c.json`. Headers set on `c` before (`c.header`, `setCookie`) are kept; `c.status` is not read.
 */
export function answerJson(c: Context, value: unknown, status: ContentfulStatusCode = 200): Response {
  return framedAnswer(c, JSON.stringify(value), status, JSON_TYPE);
}

/** An answer with no body (202 accepted, 204 done) and the frame's headers. */
export function answerEmpty(c: Context, status: 202 | 204): Response {
  return framedAnswer(c, null, status, {});
}

/** A problem+json answer (OtlProblem.toJSON) with the frame's headers, then the problem's own (`Retry-After`, `WWW-Authenticate`…). */
export function answerProblem(c: Context, problem: OtlProblem): Response {
  return framedAnswer(c, JSON.stringify(problem.toJSON()), problem.status, problem.answerHeaders());
}
