import type { IncomingMessage } from "node:http";
import type { Context } from "hono";
import proxyaddr from "proxy-addr";
import { peerAddress } from "./context.ts";

/**
 * Which proxies may speak for the client (`--trust-proxy`, `OTL_TRUST_PROXY`): a number of hops in
 * front of the server, or the proxies' addresses and CIDR ranges (proxy-addr also knows the names
 * `loopback`, `linklocal` and `uniquelocal`).
 */
export type TrustProxy = { hops: number } | { proxies: string[] };

/**
 * Parses a `--trust-proxy` value: `N` (hops) or `CIDR,…`. Throws a message naming the flag when an
 * address or range is not one (proxy-addr checks them).
 */
export function parseTrustProxy(text: string): TrustProxy {
  const value = text.trim();
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops < 1 || hops > 32) throw new Error(`--trust-proxy hop count must be from 1 to 32, not ${value}`);
    return { hops };
  }
  const proxies = value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  if (proxies.length === 0) throw new Error("--trust-proxy must be a hop count or a comma list of proxy addresses or CIDR ranges");
  try {
    proxyaddr.compile(proxies);
  } catch (error) {
    throw new Error(`--trust-proxy: ${(error as Error).message}`);
  }
  return { proxies };
}

/**
 * A `clientAddress` resolver for a server behind proxies: the socket's peer, then each
 * `X-Forwarded-For` entry from the right for as long as the address before it is trusted (the
 * Express rule, by proxy-addr). Entries a client wrote itself lie left of the first untrusted hop,
 * so they are never believed. Without this resolver the header is ignored.
 */
export function clientAddressBehindProxies(setting: TrustProxy): (c: Context) => string {
  const trust = "hops" in setting ? (_address: string, hop: number) => hop < setting.hops : proxyaddr.compile(setting.proxies);
  return (c) => {
    const peer = peerAddress(c);
    if (peer === undefined) return "unknown";
    const request = { headers: { "x-forwarded-for": c.req.header("x-forwarded-for") }, socket: { remoteAddress: peer } };
    return proxyaddr(request as unknown as IncomingMessage, trust);
  };
}
