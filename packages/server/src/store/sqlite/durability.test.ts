import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { synchronousMode } from "./durability.ts";

describe("SQLite durability", () => {
  it("commits with synchronous=FULL unless the bench's own switch asks for NORMAL", () => {
    assert.equal(synchronousMode({}), "FULL");
    assert.equal(synchronousMode({ OTL_BENCH_SQLITE_SYNCHRONOUS: "NORMAL" }), "NORMAL");
    for (const value of ["", "normal", "OFF", "FULL", "0"])
      assert.equal(synchronousMode({ OTL_BENCH_SQLITE_SYNCHRONOUS: value }), "FULL", value);
  });
});
