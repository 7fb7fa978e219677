import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { backgroundOf, createOtlServer, outboxOf } from "./app.ts";
import { applyRetention, DEFAULT_RETENTION, RETENTION_INTERVAL_MS, type RetentionWindows } from "./domain/retention.ts";
import type { OtlServerOptions } from "./options.ts";
import { stopWebhooks } from "./outbox/webhooks-setup.ts";

/** Options of `startOtlServer`: the server's options, where to listen, and a public URL that may wait for the port. */
export interface StartOptions extends Omit<OtlServerOptions, "publicUrl"> {
  /** Port to listen on; 0 picks a free one. Default 8787. */
  port?: number;
  /** Address to listen on. Default 127.0.0.1. */
  host?: string;
  /** Default: `http://{host}:{port}` once the port is known. */
  publicUrl?: string;
  /**
   * Retention windows applied on a timer: soon after the start, then hourly (`domain/retention.ts`).
   * Default 30 days after the end and 400 days of audit; `false` runs no timer (a host that purges itself).
   */
  retention?: RetentionWindows | false;
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
  const stopRetention = options.retention === false ? async () => {} : retentionTimer(options, options.retention ?? DEFAULT_RETENTION);
  return {
    url,
    publicUrl,
    app,
    async close(graceMs = SHUTDOWN_GRACE_MS) {
      await stopRetention();
      await drain(server as Server, graceMs);
      // Renewals answered already may still be writing, and the workers may be mid-send: let them
      // finish before the store goes.
      if (app) await backgroundOf(app)?.settle();
      if (app) await outboxOf(app)?.stop();
      if (app) await stopWebhooks(app);
      await options.store.close();
    },
  };
}

// Soon after the start rather than at once: the first requests should not queue behind a purge.
const FIRST_PURGE_DELAY_MS = 5_000;

/** Applies retention soon after the start, then every hour, one run at a time; answers its stop. */
function retentionTimer(options: StartOptions, windows: RetentionWindows): () => Promise<void> {
  const logger = options.logger || undefined;
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= applyRetention(options.store, windows)
      .then((counts) => {
        if (counts.sessions + counts.flows + counts.grants + counts.audit + counts.outbox > 0)
          logger?.info("retention applied", { ...counts });
      })
      // A store that cannot write now (disk full, database away) is tried again at the next round.
      .catch((error: unknown) => logger?.error(`retention failed: ${(error as Error).message}`))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(run, FIRST_PURGE_DELAY_MS);
  const every = setInterval(run, RETENTION_INTERVAL_MS);
  first.unref();
  every.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(every);
    await running;
  };
}
