import type { MiddlewareHandler } from "hono";
import { addressHash, clientAddress, type OtlContext } from "../context.ts";
import { OtlProblem } from "../problem.ts";

/**
 * Refuses a client address that has failed too often, and counts each failed answer (4xx) it
 * gets. Failures live in the store, so every server process sharing it sees the same count.
 * Attempts still running count too (in this process), so a burst of parallel guesses cannot all
 * read a count under the limit and slip through together — without a write for every success.
 */
export function failureRateLimit(ctx: OtlContext, scope: string): MiddlewareHandler {
  const inFlight = new Map<string, number>();
  return async (c, next) => {
    const key = addressHash(ctx, `rate:${scope}:${clientAddress(ctx, c)}`);
    const state = await ctx.store.rateLimitState(key);
    const pending = inFlight.get(key) ?? 0;
    if ((state?.count ?? 0) + pending >= ctx.rateLimit.maxFailures) {
      const resetAt = state?.resetAt ?? ctx.clock.now() + ctx.rateLimit.windowSeconds * 1000;
      const retryAfter = Math.max(1, Math.ceil((resetAt - ctx.clock.now()) / 1000));
      throw new OtlProblem("rate_limited", `Too many failed attempts; try again in ${retryAfter} seconds`, {
        headers: { "retry-after": String(retryAfter) },
      });
    }
    inFlight.set(key, pending + 1);
    try {
      // Hono has already turned a thrown problem into c.res by the time next() returns.
      await next();
    } finally {
      const left = (inFlight.get(key) ?? 1) - 1;
      if (left > 0) inFlight.set(key, left);
      else inFlight.delete(key);
    }
    if (c.res.status >= 400 && c.res.status < 500) await ctx.store.recordFailure(key, ctx.rateLimit.windowSeconds * 1000);
  };
}
