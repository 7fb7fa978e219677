import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DEFAULT_WAIT_SECONDS, heldFor, holdFor } from "./hold.ts";

describe("hold (Retry-After)", () => {
  test("a 429 or 503 holds for the seconds the server named, from now", () => {
    assert.deepEqual(holdFor("rate_limited", 3, false, 1_000), { until: 4_000, seconds: 3, resendOnly: false });
    assert.deepEqual(holdFor("unavailable", 120, false, 0), { until: 120_000, seconds: 120, resendOnly: false });
  });

  test("without Retry-After a 429 or 503 still holds a little, and no other error holds at all", () => {
    assert.equal(holdFor("rate_limited", undefined, false, 0)?.seconds, DEFAULT_WAIT_SECONDS);
    assert.equal(holdFor("unavailable", undefined, false, 0)?.seconds, DEFAULT_WAIT_SECONDS);
    for (const code of ["network", "internal", "conflict", "second_factor_invalid", "token_consumed"] as const) {
      assert.equal(holdFor(code, undefined, false, 0), null, code);
    }
  });

  test("holds every action until it is over; a refused resend holds only the resend", () => {
    const all = holdFor("rate_limited", 3, false, 0);
    assert.equal(heldFor(all, false, 1_000), 2_000);
    assert.equal(heldFor(all, true, 1_000), 2_000);
    assert.equal(heldFor(all, false, 3_000), 0);
    assert.equal(heldFor(all, false, 9_000), 0);
    const resend = holdFor("rate_limited", 30, true, 0);
    assert.equal(heldFor(resend, true, 10_000), 20_000);
    assert.equal(heldFor(resend, false, 10_000), 0, "the code already sent can still be confirmed");
    assert.equal(heldFor(null, true, 0), 0);
  });
});
