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

const DAY_MS = 86_400_000;
// 10000-01-01T00:00:00.000Z: from there on `toISOString` writes a six-digit year with a sign.
const YEAR_10000_MS = 253_402_300_800_000;

/**
 * Formats epoch milliseconds as the ISO 8601 UTC timestamp used on the wire: exactly what
 * `new Date(ms).toISOString()` writes (and, like it, a RangeError for NaN or a time out of range).
 * A flow formats some 25 timestamps (every view carries the flow's and the session's times), and
 * `Date.prototype.toISOString` is a C++ builtin that costs 1.4% of a flow's instructions under
 * callgrind (`bench/instructions.mjs`); this is arithmetic on numbers, with the date from
 * `civilFromDays`. Times before 1970, from the year 10000 on, or not whole milliseconds go to `Date`.
 */
export function iso(ms: number): string {
  if (!(ms >= 0 && ms < YEAR_10000_MS) || !Number.isInteger(ms)) return new Date(ms).toISOString();
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  const { year, month, day } = civilFromDays(days);
  return `${year}-${two(month)}-${two(day)}T${two(hours)}:${two(minutes)}:${two(seconds)}.${millis < 10 ? "00" : millis < 100 ? "0" : ""}${millis}Z`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/**
 * The proleptic Gregorian date of `days` since 1970-01-01, for days ≥ 0: Howard Hinnant's
 * `civil_from_days` (https://howardhinnant.github.io/date_algorithms.html), counting in 400-year eras
 * that start on 0000-03-01 so that the leap day falls at the end of each year.
 */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Formats nullable epoch milliseconds. */
export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : iso(ms);
}
