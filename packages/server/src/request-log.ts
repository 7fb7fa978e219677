import type { MiddlewareHandler } from "hono";
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
 */
export function requestLog(logger: Logger): MiddlewareHandler<{ Variables: RequestIdVariables }> {
  const assignId = requestId({ limitLength: MAX_REQUEST_ID });
  return (c, next) =>
    assignId(c, () =>
      requestScope.run({ requestId: c.var.requestId }, async () => {
        if (logger.infoEnabled === false) return next();
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
