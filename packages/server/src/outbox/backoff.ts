/** How long the outbox waits between attempts. */
export interface BackoffPolicy {
  /** The wait after the first failed attempt, in milliseconds. */
  baseMs: number;
  /** The longest wait, in milliseconds. */
  maxMs: number;
}

/** 5 s, doubling, up to an hour: a brief outage costs seconds, a long one an attempt an hour. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, maxMs: 60 * 60 * 1000 };

/**
 * The wait in milliseconds after `attempts` failed attempts: exponential, capped, with "equal jitter"
 * (half fixed, half random) so that messages failed together by one outage do not all come back at
 * the same instant, while none comes back sooner than half its step.
 */
export function retryDelay(attempts: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(step / 2 + random() * (step / 2));
}
