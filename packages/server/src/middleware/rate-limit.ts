import type { MiddlewareHandler } from "hono";
import { clientAddress, type OtlContext } from "../context.ts";
import { OtlProblem } from "../problem.ts";

/**
 * Refuses a client address that has failed too often, and counts each failed answer (4xx) it
 * gets. The counter lives in the store, so every server process sharing it sees the same count.
 */
export function failureRateLimit(ctx: OtlContext, scope: string): MiddlewareHandler {
  return async (c, next) => {
    const key = ctx.keyring.hash(`rate:${scope}:${clientAddress(ctx, c)}`);
    // Each attempt is counted as a failure before it runs, in one atomic upsert, so a burst of
    // parallel attempts cannot all read a count under the limit and slip through together.
    const state = await ctx.store.recordFailure(key, ctx.rateLimit.windowSeconds * 1000);
    if (state.count > ctx.rateLimit.maxFailures) {
      const retryAfter = Math.max(1, Math.ceil((state.resetAt - ctx.clock.now()) / 1000));
      throw new OtlProblem("rate_limited", `Too many failed attempts; try again in ${retryAfter} seconds`, {
        headers: { "retry-after": String(retryAfter) },
      });
    }
    // Hono has already turned a thrown problem into c.res by the time next() returns.
    await next();
    // Only refused attempts (4xx) count: anything else is taken back.
    if (c.res.status < 400 || c.res.status >= 500) await ctx.store.forgiveFailure(key);
  };
}
