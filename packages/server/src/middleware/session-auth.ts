import { SessionToken } from "@otl/protocol";
import type { MiddlewareHandler } from "hono";
import * as z from "zod/mini";
import type { OtlContext, OtlEnv } from "../context.ts";
import { SESSION_CHALLENGE } from "../domain/session.ts";
import { OtlProblem } from "../problem.ts";
import { hasValidChecksum } from "../tokens.ts";
import { bearerToken } from "./admin-auth.ts";

/**
 * Reads the session token of a `/v1/session…` call and hands its stored forms to the route, which
 * passes them to the domain: the look-up (and the slide of the idle expiry) happens inside the
 * call's own transaction. A token that is malformed or fails its checksum is refused here, unread.
 */
export function sessionAuth(ctx: OtlContext): MiddlewareHandler<OtlEnv> {
  return async (c, next) => {
    // Mounted on `/v1/session` and `/v1/session/*` (routes/session.ts; Hono's `/*` matches the bare
    // path too) and on `/v1/session/connections/*` (routes/uploads.ts, which holds on its own): a
    // request two of them match is checked once, not twice (an HMAC per accepted key, a schema check
    // and a checksum each time).
    if (c.get("sessionHashes") !== undefined) return next();
    const token = bearerToken(c.req.header("authorization"));
    if (token === undefined || !z.safeParse(SessionToken, token).success || !hasValidChecksum(token)) {
      throw new OtlProblem("unauthorized", "Send the session token as Authorization: Bearer otl_st_…", { headers: SESSION_CHALLENGE });
    }
    c.set("sessionHashes", ctx.keyring.candidates(token));
    await next();
  };
}
