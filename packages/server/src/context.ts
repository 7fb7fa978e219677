import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import type { ResolvedOptions } from "./options.ts";
import type { Actor, SessionRecord } from "./store/types.ts";
import { Keyring } from "./tokens.ts";

/** What every route shares: the resolved options and the keyring that hashes secrets. */
export interface OtlContext extends ResolvedOptions {
  keyring: Keyring;
}

/** Variables the middlewares hand to routes. */
export interface OtlEnv {
  Variables: { session: SessionRecord };
}

/** Builds the shared context from resolved options. */
export function createContext(options: ResolvedOptions): OtlContext {
  return { ...options, keyring: new Keyring(options.hashKeys) };
}

/** The client's address: the host's own resolver, else the socket's peer. */
export function clientAddress(ctx: OtlContext, c: Context): string {
  if (ctx.clientAddress) return ctx.clientAddress(c);
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // Not served by the Node adapter (e.g. `app.request` in tests, or another runtime).
    return "unknown";
  }
}

/** Who is asking, for the audit log: a keyed hash of the address, never the address itself. */
export function actorOf(ctx: OtlContext, c: Context): Actor {
  return { clientHash: ctx.keyring.hash(`client:${clientAddress(ctx, c)}`) };
}
