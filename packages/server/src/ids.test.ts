import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CompanyId, ConnectionId, FileId, FlowId, LinkId } from "@otl/protocol";
import * as z from "zod/mini";
import { newId, newInternalId } from "./ids.ts";

describe("ids", () => {
  it("have the contract's shape: the kind's prefix and 20 hex digits", () => {
    for (const [schema, kind] of [
      [CompanyId, "company"],
      [LinkId, "link"],
      [FlowId, "flow"],
      [ConnectionId, "connection"],
      [FileId, "file"],
    ] as const) {
      assert.ok(z.safeParse(schema, newId(kind)).success, kind);
    }
    assert.match(newInternalId("ss_"), /^ss_[0-9a-f]{20}$/);
  });

  it("are time-ordered: each sorts after the one before, and starts with the second it was made", () => {
    const before = Math.floor(Date.now() / 1000);
    const ids = Array.from({ length: 10_000 }, () => newId("flow"));
    const after = Math.floor(Date.now() / 1000);
    assert.deepEqual([...ids].sort(), ids, "sorted as made");
    for (const id of [ids[0] as string, ids.at(-1) as string]) {
      const second = Number.parseInt(id.slice(3, 11), 16);
      assert.ok(second >= before && second <= after, `${id} names second ${second}, not ${before}–${after}`);
    }
    // Ids of every kind come from one sequence: an internal id made between two others sorts between them.
    const [first, middle, last] = [newId("link"), newInternalId("at_"), newId("link")];
    assert.ok(first.slice(3) < middle.slice(3) && middle.slice(3) < last.slice(3));
  });

  it("stay unique when many are made within one millisecond", () => {
    let ids: string[] = [];
    // Retried until a batch is made within one millisecond (the machine may pause in the middle of one).
    for (let attempt = 0; attempt < 100; attempt++) {
      const start = Date.now();
      ids = Array.from({ length: 200 }, () => newInternalId("ss_"));
      if (Date.now() === start) break;
      ids = [];
    }
    assert.equal(ids.length, 200, "no batch of 200 fitted in one millisecond");
    assert.equal(new Set(ids).size, ids.length);
  });

  it("keep unguessable bits: two ids in a row differ by a random step, not by one", () => {
    const steps = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const [a, b] = [newId("flow"), newId("flow")];
      if (a.slice(3, 11) !== b.slice(3, 11)) continue; // a new second began between them
      steps.add(Number.parseInt(b.slice(11), 16) - Number.parseInt(a.slice(11), 16));
    }
    assert.ok(steps.size > 1, `steps: ${[...steps].join(", ")}`);
  });
});
