import type { Context } from "hono";
import { bounded } from "./bounds.ts";
import type { Logger } from "./logger.ts";

// A caller's id is kept only when short and plain (as hono/request-id allows: `[A-Za-z0-9_=-]`), so it
// can be echoed in the answer and the log as it is.
const MAX_REQUEST_ID = 64;
const PLAIN_REQUEST_ID = /^[\w=-]+$/;

/** The id of a request: the caller's `X-Request-Id` when well-formed (at most 64 of `[A-Za-z0-9_=-]`), else a fresh UUID. */
export function requestIdOf(given: string | undefined): string {
  return given !== undefined && given.length <= MAX_REQUEST_ID && PLAIN_REQUEST_ID.test(given) ? given : crypto.randomUUID();
}

/**
 * Logs one record per answer: method, path (bounded and escaped: it came from the client), status and
 * time since `started` (`performance.now()` when the request came in). The query string is never
 * logged: it carries link codes. Called by the answer frame (`answer-frame.ts`) only when info records
 * are on: with `OTL_LOG=error`, the only records a request can write are errors, each written where
 * the request is at hand and naming it itself (`requestFields`), so no scope is carried and no time taken.
 */
export function logAnswer(logger: Logger, c: Context, started: number): void {
  const method = bounded(c.req.method, 16);
  const path = bounded(c.req.path);
  const status = c.res.status;
  const ms = Math.round((performance.now() - started) * 10) / 10;
  // Written after the request's scope has ended, so the record names its request itself.
  logger.info(`${method} ${path} ${status} ${ms}ms`, { reqId: c.get("requestId") as string, method, path, status, ms });
}

/**
 * The fields that name the request `c` in a record written while answering it: `reqId`, the id the
 * answer frame gave it (the same value the scope would add, so a record never holds two).
 */
export function requestFields(c: Context): { reqId: string } | Record<string, never> {
  const id = c.get("requestId") as string | undefined;
  return id === undefined ? {} : { reqId: id };
}
