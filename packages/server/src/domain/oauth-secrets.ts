import { randomString } from "../random.ts";
import type { Keyring } from "../tokens.ts";

// 256 bits: a state is a one-time secret, like a link code.
const STATE_BYTES = 32;
// The PKCE verifier is an HMAC of the state under a label of its own, so the two never coincide.
const VERIFIER_LABEL = "otl:pkce-verifier:";

/** A new OAuth `state`: 43 base64url characters, URL-safe as is. */
export function newOAuthState(): string {
  return randomString(STATE_BYTES, "base64url");
}

/**
 * The PKCE code verifier (RFC 7636 §4.1) of a state: HMAC-SHA-256 of the state under the key that
 * hashed it (`stateHash` is `keyId:hmac`), as 43 base64url characters. Derived rather than stored,
 * so a copy of the database yields no verifier, and one who holds the state but not the key (the
 * provider, a stolen callback URL) cannot compute it. Null when that key is no longer in the keyring.
 */
export function pkceVerifier(keyring: Keyring, state: string, stateHash: string): string | null {
  const keyId = stateHash.slice(0, stateHash.indexOf(":") + 1);
  const derived = keyring.candidates(VERIFIER_LABEL + state).find((candidate) => candidate.startsWith(keyId));
  return derived ? derived.slice(keyId.length) : null;
}
