import type { MiddlewareHandler } from "hono";
import { hasCsrfToken, resumeConsoleSession } from "../console/session-cookie.ts";
import type { OtlContext } from "../context.ts";
import { OtlProblem } from "../problem.ts";

/** The bearer credential of a request, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer +([^\s]+) *$/i.exec(header ?? "");
  return match?.[1];
}

// Methods that change nothing, so need no CSRF token (RFC 9110 §9.2.1): the admin API keeps them so.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const ADMIN_CHALLENGE = { "www-authenticate": 'Bearer realm="otl-admin"' };

/**
 * Lets a request through only with the admin API key, compared in constant time, or with the admin
 * console's session cookie. The console signs in with that same key and calls these same routes, so
 * it can do nothing the API cannot. A call with the cookie that changes something must also carry the
 * session's CSRF token, and come from the server's own origin when the browser names one.
 * An `Authorization` header always wins: a bearer call is judged by its key alone, never by a cookie.
 */
export function adminAuth(ctx: OtlContext): MiddlewareHandler {
  const isApiKey = ctx.keyring.matcher(ctx.apiKey);
  return async (c, next) => {
    const header = c.req.header("authorization");
    if (header === undefined) {
      const session = resumeConsoleSession(ctx, c);
      if (session) {
        if (!SAFE_METHODS.has(c.req.method)) {
          const origin = c.req.header("origin");
          if ((origin !== undefined && origin !== ctx.publicOrigin) || !hasCsrfToken(c, session)) {
            throw new OtlProblem("unauthorized", "A console change needs the session's CSRF token, from the console's own origin");
          }
        }
        return next();
      }
    }
    const token = bearerToken(header);
    if (token === undefined || !isApiKey(token)) {
      throw new OtlProblem("unauthorized", "Send the API key as Authorization: Bearer <key>", { headers: ADMIN_CHALLENGE });
    }
    await next();
  };
}
