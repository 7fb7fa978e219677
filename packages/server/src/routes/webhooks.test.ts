import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, describe, it } from "node:test";
import {
  CreatedWebhookEndpoint,
  type Problem,
  type UploadResult,
  WEBHOOK_PAYLOADS,
  type WebhookDelivery,
  type WebhookEndpoint,
  WebhookMessage,
} from "@otl/protocol";
import { Webhook } from "standardwebhooks";
import { SANDBOX_STATEMENT_UPLOAD } from "../integrations/sandbox-upload.ts";
import { newOutboxKey } from "../outbox/cipher.ts";
import { TestServer, tempDataDir } from "../test/harness.ts";
import { WebhookReceiver, waitFor } from "../test/webhook-receiver.ts";

type Items<T> = { items: T[] };
const HOUR = 60 * 60 * 1000;
// Fast polling and short backoff, so retries happen within a test; the manual clock decides when they are due.
const FAST = { pollMs: 20, backoff: { baseMs: 1000, maxMs: 1000 } };

describe("webhooks", () => {
  const receiver = new WebhookReceiver();
  let server: TestServer;
  before(() => receiver.start());
  after(() => receiver.stop());
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.status = 200;
    server = new TestServer({ webhooks: FAST });
  });
  afterEach(() => server.close());

  async function endpoint(body: Record<string, unknown> = {}): Promise<CreatedWebhookEndpoint> {
    const created = await server.admin<CreatedWebhookEndpoint>("POST", "/v1/webhook-endpoints", { url: receiver.url, ...body });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    receiver.secret = created.body.secret;
    return created.body;
  }

  it("signs each event so the Standard Webhooks library verifies it, with ids and statuses and no secret", async () => {
    const made = await endpoint();
    assert.ok(CreatedWebhookEndpoint.safeParse(made).success);
    assert.match(made.secret, /^whsec_/);
    const company = await server.company();
    const link = await server.link(company.id);
    const { token } = await server.open(link);
    await server.connectSandboxBank(token);
    await server.session(token, "POST", "/finish", { disclosedAll: true });
    await server.exchange({ code: link.code, companyId: company.id }); // the replay

    const expected = ["link.issued", "link.redeemed", "flow.consent_accepted", "connection.linked", "flow.finished", "link.replayed"];
    await waitFor("six webhooks", () => receiver.received.length >= expected.length);
    assert.ok(receiver.received.every((hook) => hook.verified));
    const bodies = receiver.received.map((hook) => JSON.parse(hook.body));
    assert.deepEqual(bodies.map((body) => body.type).sort(), [...expected].sort());
    for (const body of bodies) assert.ok(WebhookMessage.safeParse(body).success, JSON.stringify(body));
    const all = receiver.received.map((hook) => hook.body).join("\n");
    assert.ok(!all.includes(link.code) && !all.includes(token) && !all.includes(made.secret), "no secret in any body");
    assert.equal(new Set(receiver.received.map((hook) => hook.id)).size, expected.length, "one webhook-id per message");
  });

  it("announces how a link's delivery ended: link.delivered, in the transaction that records it", async () => {
    await server.close();
    // SMS written to the log (development's sender): sent at the first attempt.
    server = new TestServer({ webhooks: FAST, sms: "console", outbox: { pollMs: 20 } });
    await endpoint({ events: ["link.delivered", "link.delivery_failed"] });
    const company = await server.company("Texted Pty Ltd", { contact: { phone: "+61400111222" } });
    const link = await server.link(company.id, { type: "company", deliver: { sms: true } });
    await waitFor("the delivery webhook", () => receiver.received.length >= 1);
    const [hook] = receiver.received;
    assert.ok(hook?.verified);
    const body = JSON.parse(hook?.body ?? "{}");
    assert.deepEqual(body.data, { linkId: link.id, companyId: company.id, channel: "sms" });
    assert.equal(body.type, "link.delivered");
    assert.ok(!hook?.body.includes("+614"), "no phone number in the webhook");
  });

  it("announces an uploaded statement: file.uploaded with its id, type read from the bytes and size", async () => {
    await endpoint({ events: ["file.uploaded"] });
    const company = await server.company();
    const { token } = await server.open(await server.link(company.id));
    await server.session(token, "POST", "/consent", { accept: true });
    const started = await server.session<{ connection: { id: string } }>(token, "POST", "/connections", {
      integration: SANDBOX_STATEMENT_UPLOAD.key,
    });
    const connectionId = started.body.connection.id;
    const csv = "date,description,amount\n2026-03-01,Opening balance,100.00\n";
    const form = new FormData();
    form.append("file", new Blob([csv], { type: "text/csv" }), "march.csv");
    const uploaded = await server.app.request(
      new Request(`http://localhost/v1/session/connections/${connectionId}/upload`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
        body: form,
      }),
    );
    assert.equal(uploaded.status, 200, await uploaded.clone().text());
    const [file] = ((await uploaded.json()) as UploadResult).files;
    await waitFor("the upload's webhook", () => receiver.received.length >= 1);
    const body = JSON.parse(receiver.received[0]?.body ?? "{}");
    assert.ok(receiver.received[0]?.verified);
    assert.deepEqual(body, {
      type: "file.uploaded",
      timestamp: body.timestamp,
      data: { fileId: file?.id, connectionId, companyId: company.id, mediaType: "text/csv", bytes: csv.length },
    });
    assert.ok(WebhookMessage.safeParse(body).success);
    assert.ok(!receiver.received[0]?.body.includes("march.csv"), "no file name in the webhook");
  });

  it("a tampered body, or one signed with another secret, fails verification", async () => {
    await endpoint();
    const company = await server.company();
    await server.link(company.id);
    await waitFor("link.issued", () => receiver.received.length === 1);
    const [hook] = receiver.received;
    assert.ok(hook?.verified);
    const verifier = new Webhook(receiver.secret);
    const tampered = hook.body.replace(company.id, "co_00000000000000000000");
    assert.throws(() => verifier.verify(tampered, hook.headers));
    const other = new Webhook(`whsec_${Buffer.alloc(32, 7).toString("base64")}`);
    assert.throws(() => other.verify(hook.body, hook.headers));
  });

  it("retries with backoff while the receiver is down, then delivers with the same webhook-id", async () => {
    const made = await endpoint();
    await receiver.stop();
    const company = await server.company();
    await server.link(company.id);
    const deliveries = () => server.admin<Items<WebhookDelivery>>("GET", `/v1/webhook-endpoints/${made.id}/deliveries`);
    // A claim counts the attempt; the failure is recorded when the attempt ends.
    await waitFor("a failed attempt", async () => (await deliveries()).body.items[0]?.lastError != null);
    const pending = (await deliveries()).body.items[0];
    assert.equal(pending?.status, "pending");
    assert.ok(pending?.lastError);
    assert.ok(pending?.nextAttemptAt && Date.parse(pending.nextAttemptAt) > server.clock.now(), "the next attempt waits");

    await receiver.start();
    server.clock.advance(HOUR);
    await waitFor("delivery", () => receiver.received.length === 1);
    assert.equal(receiver.received[0]?.id, pending?.webhookId);
    await waitFor("status sent", async () => (await deliveries()).body.items[0]?.status === "sent");
    const sent = (await deliveries()).body.items[0];
    assert.deepEqual(
      { attempts: sent?.attempts, lastStatus: sent?.lastStatus, nextAttemptAt: sent?.nextAttemptAt },
      {
        attempts: 2,
        lastStatus: 200,
        nextAttemptAt: null,
      },
    );
  });

  it("sends only the events an endpoint asked for", async () => {
    await endpoint({ events: ["link.revoked"] });
    const company = await server.company();
    const link = await server.link(company.id);
    await server.admin("DELETE", `/v1/links/${link.id}`);
    await waitFor("link.revoked", () => receiver.received.length === 1);
    assert.equal(JSON.parse(receiver.received[0]?.body ?? "{}").type, "link.revoked");
  });

  it("lists endpoints without secrets, removes them, and names bad fields", async () => {
    const made = await endpoint({ description: "CRM" });
    const listed = await server.admin<Items<WebhookEndpoint>>("GET", "/v1/webhook-endpoints");
    assert.equal(listed.body.items.length, 1);
    assert.ok(!JSON.stringify(listed.body).includes("whsec_"));
    assert.equal(listed.body.items[0]?.events.length, Object.keys(WEBHOOK_PAYLOADS).length);

    const stored = await server.store.getWebhookEndpoint(made.id);
    assert.ok(stored && !stored.secretSealed.includes(made.secret.slice(6)), "the secret is stored sealed");

    assert.equal((await server.admin("DELETE", `/v1/webhook-endpoints/${made.id}`)).status, 204);
    assert.equal((await server.admin<Problem>("DELETE", `/v1/webhook-endpoints/${made.id}`)).status, 404);

    for (const [body, field] of [
      [{ url: "ftp://example.test/x" }, "url"],
      [{ url: receiver.url, events: ["link.exploded"] }, "events.0"],
      [{ url: receiver.url, secret: "whsec_mine" }, "secret"],
    ] as const) {
      const answer = await server.admin<Problem>("POST", "/v1/webhook-endpoints", body);
      assert.equal(answer.status, 400);
      assert.deepEqual(
        answer.body.errors?.map((error) => error.field),
        [field],
      );
    }
  });

  it("sends to the endpoint from OTL_WEBHOOK_URL too", async () => {
    const secret = `whsec_${Buffer.alloc(32, 3).toString("base64")}`;
    await server.close();
    server = new TestServer({ webhooks: { ...FAST, endpoint: { url: receiver.url, secret } } });
    receiver.secret = secret;
    await server.company().then((company) => server.link(company.id));
    await waitFor("link.issued", () => receiver.received.length === 1);
    assert.ok(receiver.received[0]?.verified);
    const listed = await server.admin<Items<WebhookEndpoint>>("GET", "/v1/webhook-endpoints");
    assert.deepEqual(
      listed.body.items.map((item) => item.id),
      ["we_env"],
    );
  });

  it("a server restarted mid-retry delivers the message, with its one webhook-id", async () => {
    const dataDir = tempDataDir();
    const keys = [newOutboxKey()];
    await server.close();
    server = new TestServer({ dataDir, webhooks: { ...FAST, keys } });
    const made = await endpoint();
    receiver.status = 503;
    const company = await server.company();
    await server.link(company.id);
    await waitFor("a refused attempt", () => receiver.received.length === 1);
    await waitFor("the attempt recorded", async () => (await server.store.listOutbox({ subject: made.id }))[0]?.attempts === 1);
    const { clock, hashKeys } = server;
    await server.close();

    receiver.status = 200;
    clock.advance(HOUR);
    server = new TestServer({ dataDir, clock, hashKeys, webhooks: { ...FAST, keys } });
    await waitFor("delivery after the restart", () => receiver.received.length === 2);
    assert.equal(receiver.received[0]?.id, receiver.received[1]?.id, "the same webhook-id on the retry");
    assert.ok(receiver.received[1]?.verified);
  });
});
