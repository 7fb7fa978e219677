import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Company, CreatedWebhookEndpoint } from "@otl/protocol";
import { type StartedPostgres, startPostgres } from "../../../scripts/postgres.mjs";
import { newOutboxKey } from "./outbox/cipher.ts";
import { type CliServer, call, startCli } from "./test/cli-process.ts";
import { API_KEY } from "./test/harness.ts";
import { WebhookReceiver, waitFor } from "./test/webhook-receiver.ts";
import { newHashKey } from "./tokens.ts";

// Webhooks as an operator scales them out: two real `otl-server` processes on one PostgreSQL, each
// running an outbox worker. The outbox's claim (SKIP LOCKED, with a lease) must hand every message to
// exactly one of them, so each event reaches each endpoint once.

const EVENTS = 16;
const pair = (key: { id: string; secret: Uint8Array }) => `${key.id}:${Buffer.from(key.secret).toString("base64url")}`;

describe("webhooks from two processes on PostgreSQL", () => {
  const fromEnv = new WebhookReceiver();
  const fromApi = new WebhookReceiver();
  let database: StartedPostgres;
  const servers: CliServer[] = [];
  before(async () => {
    await Promise.all([fromEnv.start(), fromApi.start()]);
    database = await startPostgres();
  });
  after(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await Promise.all([fromEnv.stop(), fromApi.stop()]);
    await database?.stop();
  });

  it("delivers each event once per endpoint", async () => {
    fromEnv.secret = `whsec_${Buffer.alloc(32, 9).toString("base64")}`;
    const env = {
      DATABASE_URL: database.url,
      OTL_HASH_KEYS: pair(newHashKey()),
      // Every process must open what another sealed: the endpoint secrets and the queued messages.
      OTL_OUTBOX_KEYS: pair(newOutboxKey()),
      OTL_WEBHOOK_URL: fromEnv.url,
      OTL_WEBHOOK_SECRET: fromEnv.secret,
      OTL_LOG: "error",
      OTL_DATA_DIR: undefined,
      OTL_PUBLIC_URL: undefined,
    };
    // One first, so the second does not race it to migrate (scale-out.test.ts covers that race).
    servers.push(await startCli(["--port", "0", "--api-key", API_KEY], env, { timeoutMs: 30_000 }));
    servers.push(await startCli(["--port", "0", "--api-key", API_KEY], env, { timeoutMs: 30_000 }));
    const [a, b] = servers as [CliServer, CliServer];

    const made = await call<CreatedWebhookEndpoint>(a.url, "POST", "/v1/webhook-endpoints", { token: API_KEY, body: { url: fromApi.url } });
    assert.equal(made.status, 201);
    fromApi.secret = made.body.secret;

    for (let index = 0; index < EVENTS; index++) {
      const server = index % 2 === 0 ? a : b;
      const company = await call<Company>(server.url, "POST", "/v1/companies", { token: API_KEY, body: { name: `Scale ${index}` } });
      const link = await call(server.url, "POST", `/v1/companies/${company.body.id}/links`, { token: API_KEY, body: { type: "company" } });
      assert.equal(link.status, 201);
    }
    await waitFor("every event at both endpoints", () => fromEnv.received.length >= EVENTS && fromApi.received.length >= EVENTS, 20_000);
    // A duplicate would come from the other worker's next round: give both a few rounds to make one.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    for (const receiver of [fromEnv, fromApi]) {
      assert.equal(receiver.received.length, EVENTS, "no event twice");
      assert.equal(new Set(receiver.received.map((hook) => hook.id)).size, EVENTS);
      assert.ok(receiver.received.every((hook) => hook.verified));
    }
  });
});
