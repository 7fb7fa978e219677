import assert from "node:assert/strict";
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { after, before, describe, it } from "node:test";
import type { Company, IssuedLink } from "@otl/protocol";
import { type StartedPostgres, startPostgres } from "../../../scripts/postgres.mjs";
import { type CliServer, call, startCli } from "./test/cli-process.ts";

// A PostgreSQL that goes away under a running server, and comes back. The server reaches the real
// throwaway PostgreSQL through a TCP relay on 127.0.0.1 that this test can cut (every connection
// dropped, new ones refused) and restore on the same port: to the server, the database is down.

const KEY = "otl_sk_pg-faults-key-0123456789abc";
const HASH_KEYS = "k1:cGctZmF1bHRzLXRlc3QtaGFzaC1rZXktMDEyMzQ1Njc4OQ";

/** A relay from a port of its own to `target`; `cut()` drops every connection and stops listening, `restore()` listens again. */
class Relay {
  readonly #target: URL;
  readonly #sockets = new Set<Socket>();
  #server: Server | undefined;
  port = 0;

  constructor(target: URL) {
    this.#target = target;
  }

  async restore(): Promise<void> {
    const server = createServer((client) => {
      const upstream = createConnection({ host: this.#target.hostname, port: Number(this.#target.port) });
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket);
        socket.on("close", () => this.#sockets.delete(socket));
        socket.on("error", () => {});
      }
      client.pipe(upstream).pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.#server = server;
  }

  async cut(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

let database: StartedPostgres;
let relay: Relay;
let server: CliServer | undefined;
before(async () => {
  database = await startPostgres();
  relay = new Relay(new URL(database.url));
  await relay.restore();
});
after(async () => {
  if (server) await server.stop();
  await relay?.cut();
  await database?.stop();
});

async function issueLink(url: string) {
  const company = await call<Company>(url, "POST", "/v1/companies", { token: KEY, body: { name: "Acme" } });
  if (company.status !== 201) return company;
  return call<IssuedLink>(url, "POST", `/v1/companies/${company.body.id}/links`, { token: KEY, body: { type: "company" } });
}

describe("PostgreSQL unreachable", { timeout: 180_000 }, () => {
  it("→ 503 unavailable with Retry-After on writes and reads, /readyz 503; back → 201 without a restart", async () => {
    const viaRelay = new URL(database.url);
    viaRelay.port = String(relay.port);
    server = await startCli(
      ["--port", "0", "--database-url", viaRelay.toString(), "--api-key", KEY],
      { OTL_LOG: "error", OTL_HASH_KEYS: HASH_KEYS, DATABASE_URL: undefined, OTL_PORT: undefined, OTL_HOST: undefined },
      { timeoutMs: 60_000 },
    );
    const before = await issueLink(server.url);
    assert.equal(before.status, 201, JSON.stringify(before.body));
    const link = before.body as IssuedLink;

    await relay.cut();
    const write = await issueLink(server.url);
    assert.equal(write.status, 503, JSON.stringify(write.body));
    assert.equal((write.body as { code: string }).code, "unavailable");
    assert.match(write.headers.get("retry-after") ?? "", /^\d+$/);
    const read = await call(server.url, "POST", "/v1/link/inspect", { body: { code: link.code, companyId: link.companyId } });
    assert.equal(read.status, 503, JSON.stringify(read.body));
    assert.equal((await call(server.url, "GET", "/readyz")).status, 503);
    assert.equal((await call(server.url, "GET", "/healthz")).status, 200);

    await relay.restore();
    // The pool makes new connections on demand; a bounded wait for the first that succeeds.
    let after = await issueLink(server.url);
    for (let i = 0; i < 20 && after.status !== 201; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      after = await issueLink(server.url);
    }
    assert.equal(after.status, 201, `once the database is back: ${JSON.stringify(after.body)}`);
    const exchange = await call(server.url, "POST", "/v1/link/exchange", { body: { code: link.code, companyId: link.companyId } });
    assert.equal(exchange.status, 201, JSON.stringify(exchange.body));
    assert.equal(await server.stop(), 0);
    server = undefined;
  });
});
