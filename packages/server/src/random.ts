import { randomFillSync } from "node:crypto";

// Secrets and ids are drawn from a pool that `crypto.randomFillSync` (the same CSPRNG as `randomBytes`)
// refills a few kilobytes at a time: one call into OpenSSL per ~200 secrets instead of one each.
// Bytes handed out are zeroed in the pool at once, so nothing there can give away a secret already issued.
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

/** `bytes` fresh random bytes, encoded: what `randomBytes(bytes).toString(encoding)` gives. */
export function randomString(bytes: number, encoding: "base64url" | "hex"): string {
  if (bytes > POOL_BYTES) throw new RangeError(`randomString draws at most ${POOL_BYTES} bytes`);
  if (offset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const end = offset + bytes;
  const text = pool.toString(encoding, offset, end);
  pool.fill(0, offset, end);
  offset = end;
  return text;
}
