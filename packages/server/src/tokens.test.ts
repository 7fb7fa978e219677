import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { crc32 } from "node:zlib";
import { hasValidChecksum, Keyring, newAccessToken, newApiKey, newHashKey, newLinkCode, newSessionToken } from "./tokens.ts";

describe("secrets", () => {
  it("mints prefixed, URL-safe secrets with at least 128 bits", () => {
    assert.match(newLinkCode(), /^[A-Za-z0-9_-]{30}$/);
    assert.match(newAccessToken(), /^otl_at_[A-Za-z0-9_-]{30}$/);
    assert.match(newSessionToken(), /^otl_st_[A-Za-z0-9_-]{30}$/);
    assert.match(newApiKey(), /^otl_sk_[A-Za-z0-9_-]{30}$/);
    const codes = new Set(Array.from({ length: 1000 }, newLinkCode));
    assert.equal(codes.size, 1000);
  });

  it("rejects a typo by its checksum before any look-up", () => {
    const token = newAccessToken();
    assert.ok(hasValidChecksum(token));
    const flipped = token.slice(0, 12) + (token[12] === "x" ? "y" : "x") + token.slice(13);
    assert.ok(!hasValidChecksum(flipped));
    assert.ok(!hasValidChecksum("short"));
  });

  it("keeps the checksum every secret already issued carries: the CRC-32's four bytes in base64url, cut to six", () => {
    for (let i = 0; i < 10_000; i++) {
      const body = `otl_st_${randomBytes(18).toString("base64url")}`;
      const sum = Buffer.alloc(4);
      sum.writeUInt32BE(crc32(body));
      assert.ok(hasValidChecksum(body + sum.toString("base64url").slice(0, 6)), body);
    }
  });

  it("stores only a keyed hash that names its key", () => {
    const keyring = new Keyring([newHashKey("k1")]);
    const code = newLinkCode();
    const stored = keyring.hash(code);
    assert.match(stored, /^k1:[A-Za-z0-9_-]{43}$/);
    assert.ok(!stored.includes(code));
    assert.notEqual(new Keyring([newHashKey("k1")]).hash(code), stored, "another key gives another hash");
  });

  it("still finds secrets hashed under a rotated-out key", () => {
    const old = newHashKey("k1");
    const code = newLinkCode();
    const storedBefore = new Keyring([old]).hash(code);
    const rotated = new Keyring([newHashKey("k2"), old]);
    assert.ok(rotated.candidates(code).includes(storedBefore));
    assert.match(rotated.hash(code), /^k2:/);
  });

  it("compares keys in constant time and refuses weak hash keys", () => {
    const isKey = new Keyring([newHashKey()]).matcher("otl_sk_same-value-123456");
    assert.ok(isKey("otl_sk_same-value-123456"));
    assert.ok(!isKey("otl_sk_same-value-123457"));
    assert.throws(() => new Keyring([{ id: "k1", secret: new Uint8Array(8) }]), /at least 32 bytes/);
    assert.throws(() => new Keyring([]), /at least one key/);
  });
});
