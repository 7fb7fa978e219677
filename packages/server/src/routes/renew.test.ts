import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { FlowView, IssuedLink } from "@otl/protocol";
import type { ParsedMail } from "mailparser";
import { type MailCatcher, startMailCatcher } from "../../../../scripts/mail-catcher.mjs";
import { outboxOf } from "../app.ts";
import { TestServer } from "../test/harness.ts";

const FROM = "OTL <links@otl.example.test>";
const DAY = 24 * 3_600_000;

/** The link in a message: the first URL of the server's public origin. */
function linkIn(mail: ParsedMail): URL {
  const match = /https:\/\/otl\.example\.test\/[^\s"<>]+/.exec(mail.text ?? "");
  assert.ok(match, `a link in ${mail.text}`);
  return new URL(match[0]);
}

describe("POST /v1/link/renew: send me a new link", () => {
  let catcher: MailCatcher;
  let server: TestServer;
  before(async () => {
    catcher = await startMailCatcher();
    server = new TestServer({ mail: { smtpUrl: catcher.url, from: FROM } });
  });
  after(async () => {
    await server.close();
    await catcher.close();
  });

  /** Asks for a new link, then waits for the work the server does after its answer. */
  const renew = async (link: Pick<IssuedLink, "code" | "companyId" | "connectionId">) => {
    const answer = await server.request("POST", "/v1/link/renew", {
      body: { code: link.code, companyId: link.companyId, ...(link.connectionId ? { connectionId: link.connectionId } : {}) },
    });
    await server.settle();
    return answer;
  };
  const outcomes = async (companyId: string) =>
    (await server.store.readAudit({ companyId }))
      .filter((entry) => entry.event === "link.renew_requested")
      .map((entry) => entry.detail?.outcome);
  const unique = () => `owner${Math.random().toString(36).slice(2, 8)}@acme.example`;
  const mailTo = (email: string) => catcher.next((mail) => JSON.stringify(mail.to).includes(email));

  it("sends a spent link's contact a fresh link that resumes the open flow at its step", async () => {
    const email = unique();
    const company = await server.company("Acme Pty Ltd", { contact: { email } });
    const spent = await server.link(company.id);
    const { token } = await server.open(spent);
    const consented = await server.session<FlowView>(token, "POST", "/consent", { accept: true });
    assert.equal(consented.body.step, "select");

    const answer = await renew(spent);
    assert.equal(answer.status, 202);
    assert.equal(answer.body, undefined, "no body: nothing to read from it");
    assert.equal(answer.headers.get("cache-control"), "no-store");
    const url = linkIn(await mailTo(email));
    assert.notEqual(url.searchParams.get("link.otp"), spent.code);
    const resumed = await server.exchange({ code: url.searchParams.get("link.otp"), companyId: company.id });
    assert.equal(resumed.status, 201);
    assert.equal(resumed.body.flow.id, consented.body.id, "the same flow");
    assert.equal(resumed.body.flow.step, "select", "at the step where the customer left");
    assert.deepEqual(await outcomes(company.id), ["sent"]);
    const audit = (await server.store.readAudit({ companyId: company.id })).find((entry) => entry.event === "link.renew_requested");
    assert.equal(audit?.linkId, spent.id);
    assert.ok(!server.logs.some((line) => line.includes(url.searchParams.get("link.otp") as string)), "the new code is in no log line");
  });

  it("renews expired and superseded links too, of the same kind, with the same second factor", async () => {
    const email = unique();
    const company = await server.company("Acme Pty Ltd", { contact: { email } });
    const connection = (
      await server.admin<{ id: string }>("POST", `/v1/companies/${company.id}/connections`, { integration: "sandbox-bank" })
    ).body;
    const expiring = await server.link(company.id, { type: "connection", connectionId: connection.id, ttlSeconds: 60, require2fa: true });
    server.clock.advance(61_000);
    assert.equal((await renew(expiring)).status, 202);
    const url = linkIn(await mailTo(email));
    assert.match(url.pathname, new RegExp(`/companies/${company.id}/connections/${connection.id}/start$`), "a connection link again");
    const renewed = (await server.admin<{ items: IssuedLink[] }>("GET", `/v1/companies/${company.id}/links`)).body.items[0];
    assert.equal(renewed?.require2fa, true);
    assert.equal(renewed?.delivery?.channel, "email");

    const superseded = await server.link(company.id);
    await server.link(company.id);
    assert.equal((await renew(superseded)).status, 202);
    await mailTo(email);
    assert.deepEqual(await outcomes(company.id), ["sent", "sent"]);
  });

  it("answers the same 202 and sends nothing for an unknown code, a usable link, a revoked one, a done flow or no contact", async () => {
    const email = unique();
    const company = await server.company("Acme Pty Ltd", { contact: { email } });
    const finished = await server.link(company.id);
    const { token } = await server.open(finished);
    await server.connectSandboxBank(token);
    assert.equal((await server.session<FlowView>(token, "POST", "/finish", { disclosedAll: true })).body.step, "done");
    // Issued after the flow finished (finishing revokes the links issued before).
    const revoked = await server.link(company.id);
    await server.admin("DELETE", `/v1/links/${revoked.id}`);
    const usable = await server.link(company.id);
    const silent = await server.company("Silent Pty Ltd");
    const unreachable = await server.link(silent.id);
    await server.open(unreachable);

    const before = catcher.messages.length;
    const answers = [
      await renew({ ...usable, code: "A".repeat(43) }),
      await renew(usable),
      await renew(revoked),
      await renew(finished),
      await renew(unreachable),
      await renew({ ...finished, companyId: silent.id }),
    ];
    for (const answer of answers) {
      assert.equal(answer.status, 202);
      assert.equal(answer.body, undefined);
    }
    await outboxOf(server.app)?.worker.runOnce();
    assert.equal(catcher.messages.length, before, "nothing was sent");
    assert.deepEqual(await outcomes(company.id), ["active", "revoked", "flow_done"]);
    assert.deepEqual(await outcomes(silent.id), ["no_contact"]);
    const unknown = (await server.store.readAudit()).filter(
      (entry) => entry.event === "link.renew_requested" && entry.detail?.outcome === "unknown",
    );
    assert.equal(unknown.length, 2, "a made-up code, and a real one at another company's address");
  });

  it("sends at most 3 new links a day to one company, then answers the same and sends none", async () => {
    const email = unique();
    const company = await server.company("Acme Pty Ltd", { contact: { email } });
    let spent = await server.link(company.id);
    await server.open(spent);
    for (let sent = 0; sent < 3; sent++) {
      assert.equal((await renew(spent)).status, 202);
      const url = linkIn(await mailTo(email));
      spent = { ...spent, code: url.searchParams.get("link.otp") as string };
      await server.exchange({ code: spent.code, companyId: company.id });
    }
    const before = catcher.messages.length;
    assert.equal((await renew(spent)).status, 202);
    await outboxOf(server.app)?.worker.runOnce();
    assert.equal(catcher.messages.length, before);
    assert.deepEqual(await outcomes(company.id), ["sent", "sent", "sent", "budget"]);
    server.clock.advance(DAY);
    assert.equal((await renew(spent)).status, 202);
    await mailTo(email);
    assert.equal((await outcomes(company.id)).at(-1), "sent", "a day later, the budget is back");
  });

  it("validates its body and names the field", async () => {
    const answer = await server.request<{ code: string; errors: { field: string }[] }>("POST", "/v1/link/renew", {
      body: { code: "short", companyId: "co_nope" },
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.code, "validation_failed");
    assert.deepEqual(answer.body.errors.map((error) => error.field).sort(), ["code", "companyId"]);
    // Never to an address the requester types: the body has no place for one.
    const company = await server.company("Acme Pty Ltd", { contact: { email: "owner@acme.example" } });
    const spent = await server.link(company.id);
    const typed = await server.request<{ errors: { field: string }[] }>("POST", "/v1/link/renew", {
      body: { code: spent.code, companyId: company.id, email: "attacker@evil.example" },
    });
    assert.equal(typed.status, 400);
    assert.deepEqual(
      typed.body.errors.map((error) => error.field),
      ["email"],
    );
  });
});

describe("POST /v1/link/renew per client address", () => {
  it("counts every request, whatever it was about, and answers 429 with Retry-After past the limit", async () => {
    const server = new TestServer({ rateLimit: { maxFailures: 3, windowSeconds: 60 } });
    try {
      const company = await server.company("Acme Pty Ltd");
      const spent = await server.link(company.id);
      await server.open(spent);
      const body = (code: string) => ({ body: { code, companyId: company.id } });
      // Real and made-up codes count alike, so the limit tells nothing about either.
      const statuses = [];
      for (const code of [spent.code, "A".repeat(43), spent.code, "B".repeat(43)]) {
        statuses.push((await server.request("POST", "/v1/link/renew", body(code))).status);
      }
      assert.deepEqual(statuses, [202, 202, 202, 429]);
      const refused = await server.request("POST", "/v1/link/renew", body(spent.code));
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get("retry-after")) > 0);
      server.clock.advance(61_000);
      assert.equal((await server.request("POST", "/v1/link/renew", body(spent.code))).status, 202, "a new window");
      await server.settle();
    } finally {
      await server.close();
    }
  });
});

describe("POST /v1/link/renew turned off by the host", () => {
  it("answers 202 and sends nothing; the hosted page offers no button", async () => {
    const catcher = await startMailCatcher();
    const server = new TestServer({ mail: { smtpUrl: catcher.url, from: FROM }, renewLinks: false });
    try {
      const company = await server.company("Acme Pty Ltd", { contact: { email: "owner@acme.example" } });
      const spent = await server.link(company.id);
      await server.open(spent);
      const answer = await server.request("POST", "/v1/link/renew", { body: { code: spent.code, companyId: company.id } });
      assert.equal(answer.status, 202);
      await outboxOf(server.app)?.worker.runOnce();
      assert.equal(catcher.messages.length, 0);
      assert.equal((await server.store.listLinks(company.id)).length, 1, "no new link");
      const page = await server.request<string>("GET", `/company/${company.id}?link.otp=${spent.code}`);
      assert.match(page.body, /<otl-link [^>]*company-id/);
      assert.doesNotMatch(page.body, /<otl-link [^>]* renew/);
    } finally {
      await server.close();
      await catcher.close();
    }
  });

  it("is on by default: the hosted page's element offers the button", async () => {
    const server = new TestServer();
    try {
      const company = await server.company();
      const page = await server.request<string>("GET", `/company/${company.id}`);
      assert.match(page.body, /<otl-link [^>]* renew>/);
    } finally {
      await server.close();
    }
  });
});
