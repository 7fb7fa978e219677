import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { after, beforeEach, describe, it, mock } from "node:test";
import { newOutboxKey, OutboxCipher } from "../outbox/cipher.ts";
import { SqliteTransaction } from "../store/sqlite/transaction.ts";
import { MEMORY, SqliteStore } from "../store/sqlite.ts";
import type { Actor } from "../store/types.ts";
import { domainContext } from "../test/domain-context.ts";
import { Keyring, newHashKey, newLinkCode } from "../tokens.ts";
import { createCompany } from "./companies.ts";
import { issueLink, revokeLink } from "./grants.ts";
import { inspectLink } from "./redeem.ts";
import { createWebhookEndpoint, type DomainWebhooks, WEBHOOK_KIND } from "./webhooks.ts";

// `record` is how every audited change reaches the webhooks: these tests hold its costs to what its
// comment promises, by counting the store calls it makes, and check the worker is woken only after a commit.

const keyring = new Keyring([newHashKey()]);
const actor: Actor = { clientHash: keyring.hash("client:record") };
const store = new SqliteStore({ dataDir: MEMORY });
after(() => store.close());

const settings = { cipher: new OutboxCipher([newOutboxKey()]), retryForMs: 60_000, configured: null };
let wakes: string[] = [];
const webhooks: DomainWebhooks = { settings, wake: () => wakes.push("wake") };

async function companyWithLink(d = domainContext(store, { webhooks })) {
  const company = await createCompany(d, { name: "Record Pty Ltd", contactEmail: null, contactPhone: null, externalRef: null }, actor);
  const code = newLinkCode();
  const { grant } = await issueLink(
    d,
    { companyId: company.id, type: "company", connectionId: null, secretHash: keyring.hash(code) },
    actor,
  );
  return { company, grant, code };
}

describe("record", () => {
  beforeEach(() => {
    wakes = [];
    mock.restoreAll();
  });

  it("is the only way the server writes the audit log outside the stores, so no audited change can skip its webhook", () => {
    // A feature merged in later that calls tx.appendAudit itself would announce nothing: caught here.
    const source = new URL("../", import.meta.url);
    const bypasses = readdirSync(source, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && !file.startsWith("store/") && file !== "domain/record.ts")
      .filter((file) => /\.appendAudit(ForWebhooks)?\(/.test(readFileSync(new URL(file, source), "utf8")));
    assert.deepEqual(bypasses, [], "call record(tx, d, entries, actor) from domain/record.ts instead");
  });

  it("costs only the append on a server without webhooks", async () => {
    const forWebhooks = mock.method(SqliteTransaction.prototype, "appendAuditForWebhooks");
    const plain = mock.method(SqliteTransaction.prototype, "appendAudit");
    await companyWithLink(domainContext(store));
    assert.equal(forWebhooks.mock.callCount(), 0);
    assert.equal(plain.mock.callCount(), 2, "company.created, then link.issued");
  });

  it("costs only the append for entries that announce nothing (a view, a new company)", async () => {
    const { grant, code } = await companyWithLink();
    const forWebhooks = mock.method(SqliteTransaction.prototype, "appendAuditForWebhooks");
    await inspectLink(
      domainContext(store, { webhooks }),
      { hashes: keyring.candidates(code), kinds: ["company_link"], companyId: grant.companyId, connectionId: null },
      actor,
    );
    await createCompany(
      domainContext(store, { webhooks }),
      { name: "Quiet Ltd", contactEmail: null, contactPhone: null, externalRef: null },
      actor,
    );
    assert.equal(forWebhooks.mock.callCount(), 0);
  });

  it("reads the endpoints with the append, queues nothing when there are none, and wakes nobody", async () => {
    const forWebhooks = mock.method(SqliteTransaction.prototype, "appendAuditForWebhooks");
    const list = mock.method(SqliteTransaction.prototype, "listWebhookEndpoints");
    const { grant } = await companyWithLink();
    assert.equal(forWebhooks.mock.callCount(), 1, "link.issued announces");
    assert.equal(list.mock.callCount(), 0, "no query of its own for the endpoints");
    assert.deepEqual(await store.listOutbox({ subject: grant.id }), []);
    assert.deepEqual(wakes, []);
  });

  it("queues one message per endpoint that takes the event, in the change's transaction, and wakes the worker after the commit", async () => {
    const all = await createWebhookEndpoint(store, settings, { url: "https://host.example/all" });
    const revocations = await createWebhookEndpoint(store, settings, { url: "https://host.example/revoked", events: ["link.revoked"] });
    try {
      const { grant } = await companyWithLink();
      assert.deepEqual(wakes, ["wake"]);
      const queued = async (endpointId: string) =>
        (await store.listOutbox({ subject: endpointId, kind: WEBHOOK_KIND }))
          .filter((message) => message.meta?.linkId === grant.id)
          .map((message) => message.meta?.event);
      assert.deepEqual(await queued(all.endpoint.id), ["link.issued"]);
      assert.deepEqual(await queued(revocations.endpoint.id), []);

      // A change that rolls back announces nothing and wakes nobody: revoking a link that is not active.
      await revokeLink(domainContext(store, { webhooks }), grant.id, actor);
      await assert.rejects(revokeLink(domainContext(store, { webhooks }), "ln_00000000000000000000", actor));
      assert.deepEqual(wakes, ["wake", "wake"]);
      assert.deepEqual(await queued(all.endpoint.id), ["link.revoked", "link.issued"]);
      assert.deepEqual(await queued(revocations.endpoint.id), ["link.revoked"]);
    } finally {
      await store.withTransaction(async (tx) => {
        await tx.deleteWebhookEndpoint(all.endpoint.id);
        await tx.deleteWebhookEndpoint(revocations.endpoint.id);
      });
    }
  });
});
