import { createHmac, createSecretKey, type KeyObject, randomBytes, timingSafeEqual } from "node:crypto";
import { crc32 } from "node:zlib";
import { PREFIX } from "@otl/protocol";
import { randomString } from "./random.ts";

/** A key that hashes secrets: an id (kept beside every hash, so keys can rotate) and its bytes. */
export interface HashKey {
  id: string;
  secret: Uint8Array;
}

// 144 bits of randomness: above the 128 the security model asks for, and a whole number of base64 characters.
const SECRET_BYTES = 18;
const CHECKSUM_CHARS = 6;

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/**
 * The CRC-32 of `body` as six base64url characters: its four big-endian bytes in base64url, as
 * `Buffer.toString("base64url")` writes them (the sixth character holds the last two bits), written
 * from the number itself: every request that carries a secret checks one, and a Buffer a check costs
 * more than the CRC.
 */
function checksum(body: string): string {
  const sum = crc32(body);
  return (
    (BASE64URL[sum >>> 26] as string) +
    BASE64URL[(sum >>> 20) & 63] +
    BASE64URL[(sum >>> 14) & 63] +
    BASE64URL[(sum >>> 8) & 63] +
    BASE64URL[(sum >>> 2) & 63] +
    BASE64URL[(sum & 3) << 4]
  );
}

function mint(prefix: string): string {
  const body = prefix + randomString(SECRET_BYTES, "base64url");
  return body + checksum(body);
}

/** A new link code: base64url, URL-safe as is, with a checksum. */
export function newLinkCode(): string {
  return mint("");
}

/** A new single-use access token for SDK init, `otl_at_…`. */
export function newAccessToken(): string {
  return mint(PREFIX.accessToken);
}

/** A new browser session token, `otl_st_…`. */
export function newSessionToken(): string {
  return mint(PREFIX.sessionToken);
}

/** A new API key, `otl_sk_…`. */
export function newApiKey(): string {
  return mint(PREFIX.apiKey);
}

/** Whether a secret's checksum holds: a typo or a guess is refused before any database look-up. */
export function hasValidChecksum(secret: string): boolean {
  if (secret.length <= CHECKSUM_CHARS) return false;
  const body = secret.slice(0, -CHECKSUM_CHARS);
  return checksum(body) === secret.slice(-CHECKSUM_CHARS);
}

/**
 * Hashes secrets with HMAC-SHA-256 under the current key, and finds them under every key still
 * accepted, so a key can be rotated without voiding what was issued under the old one.
 */
export class Keyring {
  // KeyObjects, made once: createHmac with raw bytes re-imports the key on every call.
  readonly #keys: readonly { id: string; key: KeyObject }[];

  /** The first key hashes new secrets; the others are only used to find older ones. */
  constructor(keys: readonly HashKey[]) {
    if (keys.length === 0) throw new Error("Keyring needs at least one key");
    for (const key of keys) {
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(key.id)) throw new Error(`Hash key id "${key.id}" must be 1-32 URL-safe characters`);
      if (key.secret.byteLength < 32) throw new Error(`Hash key "${key.id}" must be at least 32 bytes`);
    }
    this.#keys = keys.map((key) => ({ id: key.id, key: createSecretKey(key.secret) }));
  }

  /** The stored form of a secret: `keyId:hmac`. */
  hash(secret: string): string {
    const current = this.#keys[0] as { id: string; key: KeyObject };
    return `${current.id}:${this.#digest(secret).toString("base64url")}`;
  }

  /** Every stored form the secret may have, one per accepted key. */
  candidates(secret: string): string[] {
    return this.#keys.map(({ id, key }) => `${id}:${createHmac("sha256", key).update(secret).digest("base64url")}`);
  }

  #digest(value: string): Buffer {
    return createHmac("sha256", (this.#keys[0] as { key: KeyObject }).key)
      .update(value)
      .digest();
  }

  /**
   * A constant-time test for one expected secret, its HMAC computed once: both sides of each
   * comparison are HMACs of equal length, so it takes the same time whatever was presented.
   */
  matcher(expected: string): (presented: string) => boolean {
    const wanted = this.#digest(expected);
    return (presented) => timingSafeEqual(this.#digest(presented), wanted);
  }
}

/** A fresh random hash key, for `memory://` stores and first starts. */
export function newHashKey(id = "k1"): HashKey {
  return { id, secret: randomBytes(32) };
}
