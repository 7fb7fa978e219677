import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** A key that seals outbox payloads: 32 bytes for AES-256, named so that keys can rotate. */
export interface OutboxKey {
  id: string;
  secret: Buffer;
}

const VERSION = "v1";
// 96-bit nonces are GCM's native size; fresh random ones are safe for far more messages than an outbox holds under one key.
const IV_BYTES = 12;
const KEY_BYTES = 32;

/** A new random outbox key. */
export function newOutboxKey(id = "o1"): OutboxKey {
  return { id, secret: randomBytes(KEY_BYTES) };
}

/**
 * Seals and opens outbox payloads with AES-256-GCM (SECURITY.md: "the outbox of undelivered messages
 * that carry a link is encrypted"). The sealed form is `v1.<keyId>.<iv>.<tag>.<ciphertext>`, base64url
 * parts, so a row names the key that opens it: new payloads use the first key, older ones open with
 * any key still listed. The message id is bound in as associated data, so a payload copied onto
 * another row does not open there.
 */
export class OutboxCipher {
  readonly #keys: readonly OutboxKey[];

  /** `keys` newest first; each must be 32 bytes. Throws a `TypeError` otherwise. */
  constructor(keys: readonly OutboxKey[]) {
    if (keys.length === 0) throw new TypeError("the outbox needs at least one key");
    for (const key of keys) {
      if (key.secret.length !== KEY_BYTES) throw new TypeError(`outbox key ${key.id} must be ${KEY_BYTES} bytes`);
      if (!/^[A-Za-z0-9_-]+$/.test(key.id)) throw new TypeError("an outbox key id is letters, digits, - and _");
    }
    this.#keys = keys;
  }

  /** Seals `plaintext` for message `messageId` under the newest key. */
  seal(plaintext: string, messageId: string): string {
    const key = this.#keys[0] as OutboxKey;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", key.secret, iv);
    cipher.setAAD(Buffer.from(messageId));
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return [VERSION, key.id, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
  }

  /** Opens what `seal` made for `messageId`. Throws when the key is gone or the payload was altered or moved. */
  open(sealed: string, messageId: string): string {
    const [version, keyId, iv, tag, body] = sealed.split(".");
    if (version !== VERSION || !iv || !tag || body === undefined) throw new Error("not a sealed outbox payload");
    const key = this.#keys.find((candidate) => candidate.id === keyId);
    if (!key) throw new Error(`outbox key ${keyId} is not configured`);
    const decipher = createDecipheriv("aes-256-gcm", key.secret, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(messageId));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  }
}
