import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { FlowView, IssuedLink, Link, Problem } from "@otl/protocol";
import { Webhook } from "standardwebhooks";
import { type MailCatcher, startMailCatcher } from "../../../../scripts/mail-catcher.mjs";
import { outboxOf } from "../app.ts";
import { newOutboxKey } from "../outbox/cipher.ts";
import type { AuditRecord } from "../store/types.ts";
import { TestServer, tempDataDir } from "../test/harness.ts";

const FROM = "OTL Links <links@otl.example.test>";
const HOUR = 3_600_000;

/** The link in a message: the first URL of the server's public origin. */
function linkIn(text: string): URL {
  const match = /https:\/\/otl\.example\.test\/[^\s"<>]+/.exec(text);
  assert.ok(match, `a link in ${text}`);
  return new URL(match[0]);
}

/** Runs the outbox once now, as its worker would on its next poll. */
const sendQueued = (server: TestServer) => outboxOf(server.app)?.worker.runOnce();

describe("links delivered by e-mail over SMTP", () => {
  let catcher: MailCatcher;
  before(async () => {
    catcher = await startMailCatcher();
  });
  after(() => catcher.close());

  it("sends the link to the contact on file: right headers, text and HTML agree, no tracking, the link works once", async () => {
    const dataDir = tempDataDir();
    const server = new TestServer({ dataDir, mail: { smtpUrl: catcher.url, from: FROM } });
    try {
      const company = await server.company("Acme Pty Ltd", { contact: { email: "owner@acme.example" } });
      const link = await server.link(company.id, { type: "company", deliver: { email: true } });
      // The worker is woken at once, so by the time the answer is read it may already be on its way.
      assert.deepEqual([link.delivery?.channel, link.delivery?.to], ["email", "o***@acme.example"]);
      assert.notEqual(link.delivery?.status, "failed");
      const [message] = await server.store.listOutbox({ subject: link.id });
      const mail = await catcher.next((candidate) => candidate.messageId === `<${message?.id}@otl>`);
      assert.deepEqual(mail.from?.value, [{ name: "OTL Links", address: "links@otl.example.test" }]);
      assert.equal((Array.isArray(mail.to) ? mail.to[0] : mail.to)?.text, "owner@acme.example");
      assert.match(mail.subject ?? "", /Acme Pty Ltd/);
      const textUrl = linkIn(mail.text ?? "");
      assert.equal(textUrl.href, link.url, "the link as issued, not rewritten");
      assert.equal(/href="([^"]+)"/.exec(String(mail.html))?.[1], link.url, "the HTML part links to the same URL");
      assert.equal(linkIn(String(mail.html)).href, link.url, "and shows it whole");
      assert.match(mail.text ?? "", /expires on .* UTC/);
      assert.doesNotMatch(String(mail.html), /<img|<script|url\(/i, "no pixel, no remote content");
      assert.equal(mail.attachments.length, 0);

      const first = await server.exchange({ code: textUrl.searchParams.get("link.otp"), companyId: company.id });
      assert.equal(first.status, 201);
      const second = await server.exchange({ code: textUrl.searchParams.get("link.otp"), companyId: company.id });
      assert.equal(second.body.code, "token_consumed");

      const read = await server.admin<Link>("GET", `/v1/links/${link.id}`);
      assert.equal(read.status, 200);
      assert.deepEqual(read.body.delivery, { channel: "email", to: "o***@acme.example", status: "sent", attempts: 1, lastError: null });
      assert.equal(read.body.status, "consumed");
      const list = await server.admin<{ items: Link[] }>("GET", `/v1/companies/${company.id}/links`);
      assert.equal(list.body.items[0]?.delivery?.status, "sent");
      const audit = await server.store.readAudit({ companyId: company.id });
      assert.ok(audit.some((entry: AuditRecord) => entry.event === "link.delivered" && entry.linkId === link.id));

      // The code reached neither a log line nor the database in plain text.
      assert.ok(!server.logs.some((line) => line.includes(link.code)));
      const files = readdirSync(dataDir).filter((name) => name.startsWith("otl.sqlite"));
      assert.ok(files.length > 0);
      for (const file of files) assert.ok(!readFileSync(join(dataDir, file)).includes(link.code), `${file} holds no code`);
    } finally {
      await server.close();
    }
  });

  it("writes the message in the company's language (its locale, BCP 47), and refuses a locale that is not a tag", async () => {
    const server = new TestServer({ mail: { smtpUrl: catcher.url, from: FROM } });
    try {
      const company = await server.company("Müller GmbH", { contact: { email: "inhaber@mueller.example" }, locale: "de-AT" });
      assert.equal(company.locale, "de-AT");
      const link = await server.link(company.id, { type: "company", deliver: { email: true } });
      const [message] = await server.store.listOutbox({ subject: link.id });
      const mail = await catcher.next((candidate) => candidate.messageId === `<${message?.id}@otl>`);
      assert.equal(mail.subject, "Müller GmbH: Ihr sicherer Link zum Teilen Ihrer Konten, Kontostände und Umsätze");
      assert.match(mail.text ?? "", /^Hallo Müller GmbH,/);
      assert.match(String(mail.html), /<html lang="de" dir="ltr">/);
      assert.equal(linkIn(mail.text ?? "").href, link.url);

      const refused = await server.admin<Problem>("POST", "/v1/companies", { name: "Acme", locale: "not a tag" });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.errors?.[0]?.field, "locale");
    } finally {
      await server.close();
    }
  });

  it("retries while the SMTP server refuses, then delivers once", async () => {
    const server = new TestServer({ mail: { smtpUrl: catcher.url, from: FROM }, outbox: { pollMs: 60_000 } });
    try {
      const company = await server.company();
      await outboxOf(server.app)?.stop();
      catcher.refuse(2, 451);
      const before = catcher.messages.length;
      const link = await server.link(company.id, { type: "company", deliver: { email: "someone@acme.example" } });
      await sendQueued(server);
      let read = await server.admin<Link>("GET", `/v1/links/${link.id}`);
      assert.equal(read.body.delivery?.status, "queued");
      assert.match(read.body.delivery?.lastError ?? "", /451/);
      server.clock.advance(10_000);
      await sendQueued(server);
      server.clock.advance(20_000);
      await sendQueued(server);
      read = await server.admin<Link>("GET", `/v1/links/${link.id}`);
      assert.equal(read.body.delivery?.status, "sent");
      assert.equal(read.body.delivery?.attempts, 3);
      server.clock.advance(HOUR);
      await sendQueued(server);
      assert.equal(catcher.messages.length - before, 1, "delivered once");
    } finally {
      await server.close();
    }
  });

  it("survives a restart while a message is queued, and sends it once after", async () => {
    const dataDir = tempDataDir();
    const outboxKeys = [newOutboxKey()];
    // Nothing listens on this URL's port once the probe below closes: the first server cannot send.
    const dead = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const first = new TestServer({
      dataDir,
      outboxKeys,
      mail: { smtpUrl: `smtp://127.0.0.1:${dead}`, from: FROM },
      outbox: { pollMs: 60_000 },
    });
    const company = await first.company("Restart Co", { contact: { email: "restart@acme.example" } });
    await outboxOf(first.app)?.stop();
    const link = await first.link(company.id, { type: "company", deliver: { email: true } });
    await sendQueued(first);
    assert.equal((await first.admin<Link>("GET", `/v1/links/${link.id}`)).body.delivery?.status, "queued");
    await first.close();

    const before = catcher.messages.length;
    const second = new TestServer({
      dataDir,
      outboxKeys,
      clock: first.clock,
      mail: { smtpUrl: catcher.url, from: FROM },
      outbox: { pollMs: 60_000 },
    });
    try {
      await outboxOf(second.app)?.stop();
      second.clock.advance(60_000);
      await sendQueued(second);
      await sendQueued(second);
      assert.equal(catcher.messages.length - before, 1);
      assert.equal(linkIn(catcher.messages.at(-1)?.text ?? "").href, link.url);
      assert.equal((await second.admin<Link>("GET", `/v1/links/${link.id}`)).body.delivery?.status, "sent");
    } finally {
      await second.close();
    }
  });

  it("never sends a link that expired while queued", async () => {
    const server = new TestServer({ mail: { smtpUrl: catcher.url, from: FROM }, outbox: { pollMs: 60_000 } });
    try {
      const company = await server.company();
      await outboxOf(server.app)?.stop();
      const before = catcher.messages.length;
      const link = await server.link(company.id, { type: "company", ttlSeconds: 60, deliver: { email: "late@acme.example" } });
      server.clock.advance(60_000);
      await sendQueued(server);
      assert.equal(catcher.messages.length, before);
      const read = await server.admin<Link>("GET", `/v1/links/${link.id}`);
      assert.equal(read.body.delivery?.status, "failed");
      assert.equal(read.body.delivery?.attempts, 0);
      assert.ok((await server.store.readAudit({ companyId: company.id })).some((entry) => entry.event === "link.delivery_failed"));
    } finally {
      await server.close();
    }
  });

  it("refuses with 400 naming the field when there is no address on file, or no sender", async () => {
    const server = new TestServer({ mail: { smtpUrl: catcher.url, from: FROM } });
    const bare = new TestServer();
    try {
      const company = await server.company("No Contact Co");
      const missing = await server.admin<Problem>("POST", `/v1/companies/${company.id}/links`, {
        type: "company",
        deliver: { email: true },
      });
      assert.equal(missing.status, 400);
      assert.equal(missing.body.errors?.[0]?.field, "deliver.email");
      assert.match(missing.body.errors?.[0]?.message ?? "", /no e-mail address on file/);
      assert.deepEqual(
        (await server.admin<{ items: Link[] }>("GET", `/v1/companies/${company.id}/links`)).body.items,
        [],
        "nothing half-written",
      );
      const other = await bare.company("Acme", { contact: { phone: "+61400000000" } });
      const noSender = await bare.admin<Problem>("POST", `/v1/companies/${other.id}/links`, { type: "company", deliver: { sms: true } });
      assert.equal(noSender.status, 400);
      assert.equal(noSender.body.errors?.[0]?.field, "deliver.sms");
      const malformed = await bare.admin<Problem>("POST", `/v1/companies/${other.id}/links`, {
        type: "company",
        deliver: { email: "nope" },
      });
      assert.equal(malformed.body.errors?.[0]?.field, "deliver.email");
      assert.equal((await bare.admin<Problem>("GET", "/v1/links/ln_00000000000000000000")).status, 404);
    } finally {
      await server.close();
      await bare.close();
    }
  });
});

describe("links delivered by SMS through the relay", () => {
  const secret = `whsec_${Buffer.from("a relay secret of thirty-two by").toString("base64")}`;
  let relay: Server;
  let relayUrl: string;
  const received: { body: { to: string; body: string; purpose: string }; id: string }[] = [];
  let answer = 200;
  before(async () => {
    const verifier = new Webhook(secret);
    relay = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        try {
          // Throws unless the signature, id and timestamp are right: a relay trusts nothing else.
          const body = verifier.verify(raw, request.headers as Record<string, string>) as (typeof received)[number]["body"];
          if (answer === 200) received.push({ body, id: String(request.headers["webhook-id"]) });
          response.writeHead(answer).end();
        } catch {
          response.writeHead(401).end();
        }
      });
    });
    await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
    relayUrl = `http://127.0.0.1:${(relay.address() as AddressInfo).port}/sms`;
  });
  after(() => new Promise<void>((resolve) => relay.close(() => resolve())));

  it("posts {to, body, purpose} signed by the Standard Webhooks scheme, the same id on every retry", async () => {
    const server = new TestServer({ sms: { webhookUrl: relayUrl, secret }, outbox: { pollMs: 60_000 } });
    try {
      const company = await server.company("Acme Pty Ltd", { contact: { phone: "+61400123678" } });
      await outboxOf(server.app)?.stop();
      answer = 503;
      const link: IssuedLink = await server.link(company.id, { type: "company", deliver: { sms: true } });
      assert.equal(link.delivery?.to, "+61******678");
      await sendQueued(server);
      assert.equal((await server.admin<Link>("GET", `/v1/links/${link.id}`)).body.delivery?.lastError, "SMS relay answered 503");
      answer = 200;
      server.clock.advance(10_000);
      await sendQueued(server);
      assert.equal(received.length, 1);
      assert.equal(received[0]?.body.to, "+61400123678");
      assert.equal(received[0]?.body.purpose, "link");
      assert.equal(linkIn(received[0]?.body.body ?? "").href, link.url);
      assert.match(received[0]?.id ?? "", /^msg_/);
      assert.equal((await server.admin<Link>("GET", `/v1/links/${link.id}`)).body.delivery?.status, "sent");
    } finally {
      await server.close();
    }
  });

  it("carries a 2FA code to the phone on file: the relay verifies the signature, reads the code, and it opens the flow once", async () => {
    const server = new TestServer({ sms: { webhookUrl: relayUrl, secret } });
    try {
      answer = 200;
      const company = await server.company("Basiq Style Pty Ltd", { contact: { phone: "+61400999321", email: "owner@acme.example" } });
      const link = await server.link(company.id, { type: "company", require2fa: true });
      const before = received.length;
      const { token, flow } = await server.open(link);
      assert.deepEqual([flow.step, flow.verification?.channel, flow.verification?.to], ["verify", "sms", "+61******321"]);
      // The worker was woken when the session opened, so the message may already be on its way.
      const deadline = Date.now() + 5000;
      while (!received.slice(before).some((message) => message.body.purpose === "second_factor") && Date.now() < deadline) {
        await sendQueued(server);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const sms = received.slice(before).find((message) => message.body.purpose === "second_factor");
      assert.ok(sms, "the relay received a signed second_factor message");
      assert.equal(sms.body.to, "+61400999321");
      const code = /\b(\d{6})\b/.exec(sms.body.body)?.[1];
      assert.ok(code, `a 6-digit code in "${sms.body.body}"`);
      const verified = await server.session<FlowView>(token, "POST", "/verify", { code });
      assert.equal(verified.status, 200);
      assert.equal(verified.body.step, "consent");
      assert.equal((await server.session<Problem>(token, "POST", "/verify", { code })).body.code, "conflict", "a code works once");
      assert.ok(!server.logs.some((line) => line.includes(code)), "the code is in no log line");
    } finally {
      await server.close();
    }
  });
});
