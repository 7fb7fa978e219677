import type { Session } from "./session.ts";
import type { SessionStore } from "./storage.ts";

// One exchange per secret per tab (CONTRACT.md, "The element"; SECURITY.md, "Exactly once"). The
// registry is the module's, not a client's: an element removed and re-created, or two elements
// given one token, each build their own client, and must still share one exchange and its session.

/** The tab's exchanges: the session each secret gave (or is giving), under a hash of the secret. */
const TAB_EXCHANGES = new Map<string, Promise<Session>>();

/** Where sessionStorage remembers that this tab exchanged a secret: its hash, never the secret. */
const STORED_PREFIX = "otl:exchanged:";

/**
 * A stable key for a secret at a server, and whether it is hashed: the SHA-256 of both, in hex. The
 * raw secret is never a map key or a storage key, so it does not linger in memory dumps or in storage.
 * Without Web Crypto (a page served over plain http from a non-local host) the key is the text
 * itself, kept in memory only.
 */
export async function secretKey(baseUrl: string, secret: string): Promise<[key: string, hashed: boolean]> {
  const text = `${baseUrl}\n${secret}`;
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return [text, false];
  const digest = new Uint8Array(await subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return [Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join(""), true];
}

/**
 * The tab's one exchange of a secret: the session already got (or being got) for `key`, or the one
 * `start` gets. A failure is forgotten, so it may be tried again (a network error spent nothing).
 */
export function exchangeOnce(key: string, start: () => Promise<Session>): Promise<Session> {
  let pending = TAB_EXCHANGES.get(key);
  if (!pending) {
    const started = start().catch((error: unknown) => {
      if (TAB_EXCHANGES.get(key) === started) TAB_EXCHANGES.delete(key);
      throw error;
    });
    pending = started;
    TAB_EXCHANGES.set(key, pending);
  }
  return pending;
}

/** Remembers in this tab's storage which company a hashed secret opened, so a reload can find its session. */
export function rememberExchange(storage: SessionStore | null, key: string, companyId: string): void {
  try {
    storage?.setItem(STORED_PREFIX + key, companyId);
  } catch {
    // A full or blocked storage only loses reload-resume; the exchange itself stands.
  }
}

/** The company a hashed secret opened in this tab before a reload, if it did. */
export function exchangedCompany(storage: SessionStore | null, key: string): string | null {
  return storage?.getItem(STORED_PREFIX + key) ?? null;
}

/** The tab's exchange of `key` if one was started in this page, else undefined. */
export function exchangeOnceIfStarted(key: string): Promise<Session> | undefined {
  return TAB_EXCHANGES.get(key);
}

/** Forgets every exchange of this page, as a reload does; for tests that play a reload in one process. */
export function forgetPageExchanges(): void {
  TAB_EXCHANGES.clear();
}
