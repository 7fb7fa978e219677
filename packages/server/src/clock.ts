/** Where the server reads the time. Tests pass their own to move it; production uses the system clock. */
export interface Clock {
  /** Milliseconds since the Unix epoch, UTC. */
  now(): number;
}

/** The system clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that stands still until moved: for tests of expiry. */
export class ManualClock implements Clock {
  #now: number;
  constructor(start: number | Date = Date.now()) {
    this.#now = typeof start === "number" ? start : start.getTime();
  }
  now(): number {
    return this.#now;
  }
  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.#now += ms;
  }
}

/** Formats epoch milliseconds as the ISO 8601 UTC timestamp used on the wire. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Formats nullable epoch milliseconds. */
export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : iso(ms);
}
