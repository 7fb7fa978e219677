import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { BackgroundWork } from "./background.ts";
import type { DomainWebhooks } from "./domain/webhooks.ts";
import type { ResolvedOptions } from "./options.ts";
import { createOutbox, type Outbox } from "./outbox/setup.ts";
import type { Actor } from "./store/types.ts";
import { Keyring } from "./tokens.ts";

/** What every route shares: the resolved options and the keyring that hashes secrets. */
export interface OtlContext extends ResolvedOptions {
  keyring: Keyring;
  /** Keyed hashes of client addresses by purpose, then address (never of a secret), kept to spare an HMAC per request (`addressHash`). */
  addressHashes: Map<string, Map<string, string>>;
  /** The outbox of mail and SMS, with its worker. */
  outbox: Outbox;
  /** What the domain announces audited changes with (`domain/record.ts`). */
  webhooks: DomainWebhooks;
  /** Work requests leave running after their answer (renewals); awaited before the store closes. */
  background: BackgroundWork;
}

// A client address hashes the same way for the life of the keyring; this bounds how many are remembered per purpose.
const ADDRESS_HASHES_MAX = 10_000;

/** Variables the middlewares hand to routes: the session token's stored forms (`Keyring.candidates`), never the token. */
export interface OtlEnv {
  Variables: { sessionHashes: string[] };
}

/** Builds the shared context from resolved options and the app's webhooks. */
export function createContext(options: ResolvedOptions, webhooks: DomainWebhooks): OtlContext {
  const outbox = createOutbox({
    webhooks,
    store: options.store,
    mail: options.mail,
    sms: options.sms,
    keys: options.outboxKeys,
    pollMs: options.outboxWorker.pollMs,
    backoff: options.outboxWorker.backoff,
    logger: options.logger,
  });
  return {
    ...options,
    keyring: new Keyring(options.hashKeys),
    addressHashes: new Map(),
    outbox,
    webhooks,
    background: new BackgroundWork(),
  };
}

/**
 * The client's address: the host's own resolver (`clientAddressBehindProxies` for `--trust-proxy`),
 * else the socket's peer. `X-Forwarded-For` is never read here: any client can write it.
 */
export function clientAddress(ctx: OtlContext, c: Context): string {
  if (ctx.clientAddress) return ctx.clientAddress(c);
  return peerAddress(c) ?? "unknown";
}

/** The address of the socket's other end, or undefined when not served by the Node adapter. */
export function peerAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    // Not served by the Node adapter (e.g. `app.request` in tests, or another runtime).
    return undefined;
  }
}

/**
 * The keyed hash of `purpose:address` (`client:…` for the audit log, `rate:<scope>:…` for a rate-limit
 * key), remembered. Looked up by purpose, then by the address as the socket gives it, rather than by
 * the joined string: a string built per request must be flattened and hashed for every look-up (0.6%
 * of a flow's CPU in the profile), while the socket's address string is one per connection.
 */
export function addressHash(ctx: OtlContext, purpose: string, address: string): string {
  let byAddress = ctx.addressHashes.get(purpose);
  if (byAddress === undefined) {
    byAddress = new Map();
    ctx.addressHashes.set(purpose, byAddress);
  }
  let hash = byAddress.get(address);
  if (hash === undefined) {
    hash = ctx.keyring.hash(`${purpose}:${address}`);
    if (byAddress.size >= ADDRESS_HASHES_MAX) byAddress.clear();
    byAddress.set(address, hash);
  }
  return hash;
}

/** Who is asking, for the audit log: a keyed hash of the address, never the address itself. */
export function actorOf(ctx: OtlContext, c: Context): Actor {
  return { clientHash: addressHash(ctx, "client", clientAddress(ctx, c)) };
}
