import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { ManualClock } from "../clock.ts";
import { MEMORY, SqliteStore } from "../store/sqlite/store.ts";
import type { OutboxRecord } from "../store/types.ts";
import { DEFAULT_BACKOFF, retryDelay } from "./backoff.ts";
import { newOutboxKey, OutboxCipher } from "./cipher.ts";
import { enqueue } from "./enqueue.ts";
import { loadOrCreateOutboxKeys, parseOutboxKeys } from "./key-file.ts";
import { OutboxSendError } from "./send-error.ts";
import { type OutboxHandler, OutboxWorker } from "./worker.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe("outbox cipher", () => {
  const cipher = new OutboxCipher([newOutboxKey("o2"), newOutboxKey("o1")]);

  it("opens what it sealed, and nothing moved to another message or altered", () => {
    const sealed = cipher.seal('{"to":"ada@example.com"}', "msg_1");
    assert.match(sealed, /^v1\.o2\./);
    assert.ok(!sealed.includes("ada"), "no plain text in the sealed form");
    assert.equal(cipher.open(sealed, "msg_1"), '{"to":"ada@example.com"}');
    assert.throws(() => cipher.open(sealed, "msg_2"), "bound to its message id");
    const parts = sealed.split(".");
    parts[4] = Buffer.from("{}").toString("base64url");
    assert.throws(() => cipher.open(parts.join("."), "msg_1"), "altered");
    assert.notEqual(cipher.seal("same", "msg_1"), cipher.seal("same", "msg_1"), "a fresh nonce each time");
  });

  it("opens messages sealed under an older key while it is listed, and refuses when it is gone", () => {
    const old = newOutboxKey("o1");
    const sealed = new OutboxCipher([old]).seal("hello", "msg_1");
    assert.equal(new OutboxCipher([newOutboxKey("o2"), old]).open(sealed, "msg_1"), "hello");
    assert.throws(() => new OutboxCipher([newOutboxKey("o2")]).open(sealed, "msg_1"), /o1 is not configured/);
  });

  it("refuses keys that are not 32 bytes", () => {
    assert.throws(() => new OutboxCipher([{ id: "o1", secret: Buffer.alloc(16) }]), /32 bytes/);
    assert.throws(() => new OutboxCipher([]), /at least one key/);
  });
});

describe("outbox key file", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "otl-outbox-keys-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("is made once, readable by its owner only, and read back the same", () => {
    const first = loadOrCreateOutboxKeys(dir);
    const again = loadOrCreateOutboxKeys(dir);
    assert.deepEqual(again, first);
    assert.equal(first[0]?.secret.length, 32);
    assert.equal(statSync(join(dir, "outbox-keys.json")).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(dir), ["outbox-keys.json"], "no temporary file left behind");
  });

  it("stops on a damaged file rather than minting a new key", () => {
    const damaged = mkdtempSync(join(dir, "damaged-"));
    writeFileSync(join(damaged, "outbox-keys.json"), '[{"id":"o1",');
    assert.throws(() => loadOrCreateOutboxKeys(damaged), /damaged/);
    assert.equal(readFileSync(join(damaged, "outbox-keys.json"), "utf8"), '[{"id":"o1",');
  });

  it("reads the environment twin", () => {
    const secret = Buffer.alloc(32, 7).toString("base64url");
    assert.deepEqual(parseOutboxKeys(`o2:${secret}, o1:${secret}`), [
      { id: "o2", secret: Buffer.alloc(32, 7) },
      { id: "o1", secret: Buffer.alloc(32, 7) },
    ]);
    assert.throws(() => parseOutboxKeys("o1"), /id:secret/);
  });
});

describe("retry delay", () => {
  it("doubles from the base up to the cap, with jitter in the upper half of each step", () => {
    assert.equal(
      retryDelay(1, DEFAULT_BACKOFF, () => 0),
      2_500,
    );
    assert.equal(
      retryDelay(1, DEFAULT_BACKOFF, () => 1),
      5_000,
    );
    assert.equal(
      retryDelay(3, DEFAULT_BACKOFF, () => 1),
      20_000,
    );
    assert.equal(
      retryDelay(40, DEFAULT_BACKOFF, () => 1),
      HOUR,
    );
    assert.equal(
      retryDelay(40, DEFAULT_BACKOFF, () => 0),
      HOUR / 2,
    );
  });
});

describe("outbox worker on SQLite", () => {
  const clock = new ManualClock(Date.parse("2026-03-01T12:00:00Z"));
  const cipher = new OutboxCipher([newOutboxKey()]);
  let store: SqliteStore;
  before(() => {
    store = new SqliteStore({ dataDir: MEMORY, clock });
  });
  after(() => store.close());

  /** A handler that records what it was given and answers from `script` (true: sent; an error: thrown). */
  function recorder(script: (payload: unknown, attempt: number) => true | Error = () => true) {
    const sent: unknown[] = [];
    const settled: OutboxRecord[] = [];
    let attempt = 0;
    const handler: OutboxHandler = {
      async send(payload) {
        const answer = script(payload, ++attempt);
        if (answer instanceof Error) throw answer;
        sent.push(payload);
        return { status: 250 };
      },
      async settled(tx, message) {
        settled.push(message);
        await tx.appendAudit([{ event: "link.viewed", detail: { outbox: message.status } }]);
      },
    };
    return { handler, sent, settled };
  }

  const queue = (kind: string, payload: unknown, expiresInMs = HOUR) =>
    store.withTransaction(async (tx) =>
      enqueue(tx, cipher, { kind, subject: "ln_test", payload, expiresAt: (await tx.now()) + expiresInMs }),
    );

  it("sends a queued message once, with its content opened, and erases it", async () => {
    const { handler, sent, settled } = recorder();
    const worker = new OutboxWorker({ store, cipher, handlers: { once: handler } });
    const id = await queue("once", { to: "ada@example.com", body: "hello" });
    const stored = await store.getOutboxMessage(id);
    assert.ok(stored?.payload && !stored.payload.includes("ada"), "sealed in the store");
    assert.equal(await worker.runOnce(), 1);
    assert.equal(await worker.runOnce(), 0, "nothing left to send");
    assert.deepEqual(sent, [{ to: "ada@example.com", body: "hello" }]);
    const after = await store.getOutboxMessage(id);
    assert.equal(after?.status, "sent");
    assert.equal(after?.payload, null);
    assert.equal(after?.lastStatus, 250);
    assert.deepEqual(
      settled.map((message) => message.id),
      [id],
    );
  });

  it("retries a refused send after its backoff, then delivers it once", async () => {
    const { handler, sent } = recorder((_payload, attempt) => (attempt < 3 ? new OutboxSendError("421 busy", { status: 421 }) : true));
    const worker = new OutboxWorker({ store, cipher, handlers: { flaky: handler } });
    const id = await queue("flaky", { n: 1 });
    await worker.runOnce();
    const waiting = await store.getOutboxMessage(id);
    assert.equal(waiting?.status, "pending");
    assert.equal(waiting?.lastError, "421 busy");
    assert.equal(waiting?.lastStatus, 421);
    assert.ok((waiting?.nextAttemptAt ?? 0) > clock.now(), "not before its backoff");
    assert.equal(await worker.runOnce(), 0, "not due yet");
    clock.advance(DEFAULT_BACKOFF.baseMs);
    await worker.runOnce();
    clock.advance(2 * DEFAULT_BACKOFF.baseMs);
    await worker.runOnce();
    clock.advance(HOUR / 2);
    await worker.runOnce();
    assert.deepEqual(sent, [{ n: 1 }]);
    const done = await store.getOutboxMessage(id);
    assert.equal(done?.status, "sent");
    assert.equal(done?.attempts, 3);
    assert.equal(done?.lastError, null);
  });

  it("gives up at once on a permanent failure", async () => {
    const { handler, settled } = recorder(() => new OutboxSendError("550 no such mailbox", { permanent: true, status: 550 }));
    const worker = new OutboxWorker({ store, cipher, handlers: { doomed: handler } });
    const id = await queue("doomed", {});
    await worker.runOnce();
    const failed = await store.getOutboxMessage(id);
    assert.equal(failed?.status, "failed");
    assert.equal(failed?.payload, null);
    assert.deepEqual(
      settled.map((message) => [message.id, message.status]),
      [[id, "failed"]],
    );
  });

  it("never sends a message whose expiry passed while it waited, nor retries past it", async () => {
    const { handler, sent, settled } = recorder(() => new Error("connection refused"));
    const worker = new OutboxWorker({ store, cipher, handlers: { late: handler } });
    const id = await queue("late", {}, MINUTE);
    await worker.runOnce();
    clock.advance(MINUTE);
    await worker.runOnce();
    assert.deepEqual(sent, []);
    assert.equal((await store.getOutboxMessage(id))?.status, "expired");

    const unsent = await queue("late", {}, MINUTE);
    clock.advance(MINUTE);
    await worker.runOnce();
    const expired = await store.getOutboxMessage(unsent);
    assert.equal(expired?.status, "expired");
    assert.equal(expired?.attempts, 0, "never tried");
    assert.deepEqual(
      settled.map((message) => message.status),
      ["expired", "expired"],
    );
  });

  it("shares the work between workers without sending any message twice", async () => {
    const { handler, sent } = recorder();
    const slow: OutboxHandler = {
      async send(payload, message, signal) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return handler.send(payload, message, signal);
      },
    };
    const workers = [0, 1, 2].map(() => new OutboxWorker({ store, cipher, handlers: { shared: slow }, batchSize: 4 }));
    for (let index = 0; index < 20; index++) await queue("shared", { index });
    for (let round = 0; round < 3; round++) await Promise.all(workers.map((worker) => worker.runOnce()));
    assert.deepEqual(
      sent.map((payload) => (payload as { index: number }).index).sort((a, b) => a - b),
      Array.from({ length: 20 }, (_, index) => index),
    );
  });

  it("sends soon after a wake once started, and stops cleanly", async () => {
    const { handler, sent } = recorder();
    const worker = new OutboxWorker({ store, cipher, handlers: { live: handler }, pollMs: 60_000 });
    worker.start();
    await queue("live", { hello: true });
    worker.wake();
    for (let waited = 0; sent.length === 0 && waited < 2000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    await worker.stop();
    assert.deepEqual(sent, [{ hello: true }]);
  });
});
