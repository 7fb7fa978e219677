import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { addressHash, type OtlContext } from "./context.ts";
import { Keyring, newHashKey } from "./tokens.ts";

describe("addressHash", () => {
  const keyring = new Keyring([newHashKey("k1")]);
  const ctx = { keyring, addressHashes: new Map() } as unknown as OtlContext;

  it("hashes `purpose:address`, the form rate-limit counters and audit records already hold", () => {
    assert.equal(addressHash(ctx, "client", "203.0.113.7"), keyring.hash("client:203.0.113.7"));
    assert.equal(addressHash(ctx, "rate:exchange", "203.0.113.7"), keyring.hash("rate:exchange:203.0.113.7"));
    assert.notEqual(addressHash(ctx, "rate:inspect", "203.0.113.7"), addressHash(ctx, "rate:exchange", "203.0.113.7"));
  });

  it("computes each purpose and address once, then remembers it", (t) => {
    const hashing = t.mock.method(keyring, "hash");
    const first = addressHash(ctx, "client", "198.51.100.1");
    assert.equal(addressHash(ctx, "client", "198.51.100.1"), first);
    assert.equal(addressHash(ctx, "client", `198.51.100.${1}`), first, "an equal string built apart");
    assert.equal(hashing.mock.callCount(), 1);
  });
});
