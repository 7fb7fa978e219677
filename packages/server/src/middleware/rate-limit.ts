import type { Context, MiddlewareHandler } from "hono";
import { answerProblem } from "../answer-frame.ts";
import { addressHash, clientAddress, type OtlContext } from "../context.ts";
import { OtlProblem } from "../problem.ts";

// Why not `rate-limiter-flexible`: it has no adapter for node:sqlite (its SQLite limiter takes
// `sqlite3`, `better-sqlite3` or knex), it would keep its own table on its own connection beside the
// store's batched transactions, and it reads `Date.now()` where the server reads its injectable
// clock (the tests move time). The store keeps the counter instead, in the same database every
// server process shares, incremented atomically (SECURITY.md, "Attempts and limits").

/**
 * Limits guesses (failures that name no real secret) per client address: answers that say a secret does not exist (404 `token_invalid`).
 * Requests in flight, successes and 410s of real but spent secrets never count, so an office of
 * customers behind one address is not locked out by its own traffic.
 *
 * An address with the limit's worth of guesses in its window is refused at once (429 with
 * `Retry-After`). A burst of parallel guesses all pass that check together, so each guess is also
 * counted as it is answered, and one past the limit is answered 429 instead of 404: a burst learns no
 * more than the limit's worth of answers. It may have tried up to its concurrency of codes once, which
 * 128-bit codes make worthless; counting requests still in flight would close that gap only by
 * counting customers too.
 */
export function failureRateLimit(ctx: OtlContext, scope: string): MiddlewareHandler {
  const windowMs = ctx.rateLimit.windowSeconds * 1000;
  const purpose = `rate:${scope}`;
  return async (c, next) => {
    const key = addressHash(ctx, purpose, clientAddress(ctx, c));
    const state = await ctx.store.rateLimitState(key);
    if (state && state.count >= ctx.rateLimit.maxFailures) throw rateLimited(ctx, state.resetAt);
    // Hono has already turned a thrown problem into c.res by the time next() returns.
    await next();
    if (!isGuess(c)) return;
    const counted = await ctx.store.recordFailure(key, windowMs);
    if (counted.count > ctx.rateLimit.maxFailures) c.res = answerProblem(c, rateLimited(ctx, counted.resetAt));
  };
}

/** A guess: the route found no such secret. The only 404 these routes answer is `token_invalid`. */
function isGuess(c: Context): boolean {
  return c.res.status === 404;
}

function rateLimited(ctx: OtlContext, resetAt: number): OtlProblem {
  const retryAfter = Math.max(1, Math.ceil((resetAt - ctx.clock.now()) / 1000));
  return new OtlProblem("rate_limited", `Too many failed attempts; try again in ${retryAfter} seconds`, {
    headers: { "retry-after": String(retryAfter) },
  });
}

/**
 * Limits every request per client address, whatever its outcome, with the guesses' limit and window
 * (`rateLimit`): for `POST /v1/link/renew`, which answers the same to every request. Counting only
 * unknown codes there would make the 429 an oracle (a real code would not move the count); counting
 * all of them says nothing about any link, and bounds the audit records one address can cause.
 */
export function requestRateLimit(ctx: OtlContext, scope: string): MiddlewareHandler {
  const windowMs = ctx.rateLimit.windowSeconds * 1000;
  const purpose = `rate:${scope}`;
  return async (c, next) => {
    const key = addressHash(ctx, purpose, clientAddress(ctx, c));
    const counted = await ctx.store.recordFailure(key, windowMs);
    if (counted.count > ctx.rateLimit.maxFailures) throw rateLimited(ctx, counted.resetAt);
    await next();
  };
}
