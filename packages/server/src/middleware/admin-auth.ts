import type { MiddlewareHandler } from "hono";
import type { OtlContext } from "../context.ts";
import { OtlProblem } from "../problem.ts";

/** The bearer credential of a request, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer +([^\s]+) *$/i.exec(header ?? "");
  return match?.[1];
}

/** Lets a request through only with the admin API key, compared in constant time. */
export function adminAuth(ctx: OtlContext): MiddlewareHandler {
  const isApiKey = ctx.keyring.matcher(ctx.apiKey);
  return async (c, next) => {
    const token = bearerToken(c.req.header("authorization"));
    if (token === undefined || !isApiKey(token)) {
      throw new OtlProblem("unauthorized", "Send the API key as Authorization: Bearer <key>", {
        headers: { "www-authenticate": 'Bearer realm="otl-admin"' },
      });
    }
    await next();
  };
}
