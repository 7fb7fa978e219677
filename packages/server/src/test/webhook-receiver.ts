import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

/** One POST the receiver took: its headers, its raw body, and whether the signature verified. */
export interface ReceivedWebhook {
  id: string;
  headers: Record<string, string>;
  body: string;
  verified: boolean;
}

/**
 * A real HTTP webhook receiver on 127.0.0.1 for tests: it verifies every request with the
 * `standardwebhooks` library, as a host would, records it, and answers `status` (200 by default;
 * set it to 503 to play a receiver that is failing). `stop()` closes the port, `start()` opens the same one again.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  status = 200;
  secret = "";
  #server: Server | undefined;
  #port = 0;

  /** The URL to register. */
  get url(): string {
    return `http://127.0.0.1:${this.#port}/hooks`;
  }

  /** Starts listening (on the port it had before, if any). */
  async start(): Promise<void> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
        let verified = false;
        try {
          new Webhook(this.secret).verify(body, headers);
          verified = true;
        } catch {
          // Recorded as unverified: the test decides what that means.
        }
        this.received.push({ id: headers["webhook-id"] ?? "", headers, body, verified });
        response.writeHead(verified ? this.status : 401).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.#port, "127.0.0.1", () => resolve());
    });
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  /** Stops listening: requests are refused until `start()`. */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}

/** Waits until `ready()` holds, checking every 20 ms, for at most `timeoutMs`; throws with `what` otherwise. */
export async function waitFor(what: string, ready: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
