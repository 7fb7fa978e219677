import type { Context, MiddlewareHandler } from "hono";
import { type RequestIdVariables, requestId } from "hono/request-id";
import { bounded } from "./bounds.ts";
import type { Logger } from "./logger.ts";
import { requestScope } from "./request-scope.ts";

// A caller's id is kept only when short and plain (hono/request-id also allows just `[A-Za-z0-9_=-]`),
// so it can be echoed in the answer and the log as it is.
const MAX_REQUEST_ID = 64;

/**
 * Gives each request an id (the caller's `X-Request-Id` when well-formed, else a UUID), echoes it in
 * the answer, makes it the `reqId` of every record logged while the request is answered, and logs one
 * record per answer: method, path (bounded and escaped: it came from the client), status and time.
 * The query string is never logged: it carries link codes.
 *
 * With info records off (`OTL_LOG=error`), the only records a request can write are errors, and each
 * is written where the request is at hand and names it itself (`requestFields`); so no scope is
 * carried through the request's async calls, and no time is taken, for records that go nowhere.
 */
export function requestLog(logger: Logger): MiddlewareHandler<{ Variables: RequestIdVariables }> {
  const assignId = requestId({ limitLength: MAX_REQUEST_ID });
  if (logger.infoEnabled === false) return assignId;
  return (c, next) =>
    assignId(c, () =>
      requestScope.run({ requestId: c.var.requestId }, async () => {
        const started = performance.now();
        await next();
        const method = bounded(c.req.method, 16);
        const path = bounded(c.req.path);
        const status = c.res.status;
        const ms = Number((performance.now() - started).toFixed(1));
        logger.info(`${method} ${path} ${status} ${ms}ms`, { method, path, status, ms });
      }),
    );
}

/**
 * The fields that name the request `c` in a record written while answering it: `reqId`, the id it
 * was given by `requestLog` (the same value the scope would add, so a record never holds two).
 */
export function requestFields(c: Context): { reqId: string } | Record<string, never> {
  const id = c.get("requestId") as string | undefined;
  return id === undefined ? {} : { reqId: id };
}

/** `response` with the `X-Request-Id` of the request `c` (when `requestLog` gave it one), for answers made apart from the middlewares. */
export function withRequestId(c: Context, response: Response): Response {
  const id = c.get("requestId") as string | undefined;
  if (id !== undefined) response.headers.set("X-Request-Id", id);
  return response;
}
