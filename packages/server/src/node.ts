import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { createOtlServer, outboxOf } from "./app.ts";
import type { OtlServerOptions } from "./options.ts";

/** Options of `startOtlServer`: the server's options, where to listen, and a public URL that may wait for the port. */
export interface StartOptions extends Omit<OtlServerOptions, "publicUrl"> {
  /** Port to listen on; 0 picks a free one. Default 8787. */
  port?: number;
  /** Address to listen on. Default 127.0.0.1. */
  host?: string;
  /** Default: `http://{host}:{port}` once the port is known. */
  publicUrl?: string;
}

/** A listening OTL server. */
export interface RunningOtlServer {
  /** The URL it listens on. */
  url: string;
  /** The public URL links are built from. */
  publicUrl: string;
  /** The app, for in-process requests. */
  app: Hono;
  /**
   * Stops gracefully: stops accepting connections, lets requests in flight finish (at most `graceMs`,
   * default 10 000 ms, then cuts what is left), then closes the store.
   */
  close(graceMs?: number): Promise<void>;
}

/** How long `close()` waits for requests in flight before cutting them (CONTRACT.md, "Operability"). */
export const SHUTDOWN_GRACE_MS = 10_000;

// How often idle keep-alive connections are closed while draining: a connection goes idle as soon as
// its last answer is written, and would otherwise hold the server open until the client hangs up.
const DRAIN_POLL_MS = 50;

/** Stops accepting, waits for every open request to be answered (at most `graceMs`), then cuts the rest. */
async function drain(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const poll = setInterval(() => server.closeIdleConnections(), DRAIN_POLL_MS);
  const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    await closed;
  } finally {
    clearInterval(poll);
    clearTimeout(deadline);
  }
}

/** Serves an OTL server on Node's HTTP stack. */
export async function startOtlServer(options: StartOptions): Promise<RunningOtlServer> {
  const host = options.host ?? "127.0.0.1";
  let app: Hono | undefined;
  // The app needs its public URL, which may need the port, which needs a listening socket: so listen first.
  const server = serve({
    fetch: (request, env) => (app ? app.fetch(request, env) : new Response("starting", { status: 503 })),
    port: options.port ?? 8787,
    hostname: host,
  });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  const publicUrl = options.publicUrl ?? url;
  try {
    app = createOtlServer({ ...options, publicUrl });
  } catch (error) {
    server.close();
    throw error;
  }
  return {
    url,
    publicUrl,
    app,
    async close(graceMs = SHUTDOWN_GRACE_MS) {
      await drain(server as Server, graceMs);
      // The worker may be mid-send: let it finish its round before the store goes.
      if (app) await outboxOf(app)?.stop();
      await options.store.close();
    },
  };
}
