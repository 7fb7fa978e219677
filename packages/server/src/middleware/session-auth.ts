import { SessionToken } from "@otl/protocol";
import type { MiddlewareHandler } from "hono";
import * as z from "zod/mini";
import type { OtlContext, OtlEnv } from "../context.ts";
import { OtlProblem } from "../problem.ts";
import { hasValidChecksum } from "../tokens.ts";
import { bearerToken } from "./admin-auth.ts";

const challenge = { "www-authenticate": 'Bearer realm="otl-session"' };

/** Finds the live session of a `/v1/session…` call and slides its idle expiry. */
export function sessionAuth(ctx: OtlContext): MiddlewareHandler<OtlEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header("authorization"));
    if (token === undefined || !z.safeParse(SessionToken, token).success || !hasValidChecksum(token)) {
      throw new OtlProblem("unauthorized", "Send the session token as Authorization: Bearer otl_st_…", { headers: challenge });
    }
    const found = await ctx.store.touchSession(ctx.keyring.candidates(token), ctx.lifetimes.sessionIdle * 1000);
    if (!found.ok) {
      if (found.reason === "expired") {
        throw new OtlProblem("session_expired", "The session has expired; exchange a new link or access token to continue", {
          headers: challenge,
        });
      }
      throw new OtlProblem("unauthorized", "No such session", { headers: challenge });
    }
    c.set("session", found.session);
    await next();
  };
}
