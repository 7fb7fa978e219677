import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { iso, isoOrNull } from "./clock.ts";

describe("iso", () => {
  it("writes what Date.prototype.toISOString writes, at the edges of days, months, years and leap years", () => {
    const edges = [
      0,
      1,
      999,
      86_399_999,
      86_400_000,
      Date.UTC(1972, 1, 29, 12),
      Date.UTC(1999, 11, 31, 23, 59, 59, 999),
      Date.UTC(2000, 1, 29),
      Date.UTC(2000, 2, 1),
      Date.UTC(2100, 1, 28, 23, 59, 59, 999),
      Date.UTC(2100, 2, 1),
      Date.UTC(2026, 10, 30, 20, 5, 0, 7),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
    ];
    for (const ms of edges) assert.equal(iso(ms), new Date(ms).toISOString(), `at ${ms}`);
  });

  it("writes what Date.prototype.toISOString writes for 100 000 random times from 1970 to 9999", () => {
    for (let i = 0; i < 100_000; i++) {
      const ms = Math.floor(Math.random() * Date.UTC(10000, 0, 1));
      assert.equal(iso(ms), new Date(ms).toISOString(), `at ${ms}`);
    }
  });

  it("leaves times before 1970, from the year 10000 on and fractions of a millisecond to Date", () => {
    for (const ms of [-1, -86_400_001, Date.UTC(10000, 0, 1), 8.64e15, 1.5, 1_700_000_000_000.9]) {
      assert.equal(iso(ms), new Date(ms).toISOString(), `at ${ms}`);
    }
  });

  it("throws a RangeError for a time that is not one, as Date does", () => {
    for (const ms of [Number.NaN, Number.POSITIVE_INFINITY, 8.64e15 + 1]) assert.throws(() => iso(ms), RangeError);
    assert.equal(isoOrNull(null), null);
  });
});
