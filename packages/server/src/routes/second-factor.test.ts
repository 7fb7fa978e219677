import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { FlowView, Problem } from "@otl/protocol";
import { type MailCatcher, startMailCatcher } from "../../../../scripts/mail-catcher.mjs";
import { TestServer, tempDataDir } from "../test/harness.ts";

const FROM = "OTL <codes@otl.example.test>";

describe("second factor: codes by e-mail, checked against the real store", () => {
  let catcher: MailCatcher;
  let dataDir: string;
  let server: TestServer;
  before(async () => {
    catcher = await startMailCatcher();
    dataDir = tempDataDir();
    server = new TestServer({ dataDir, mail: { smtpUrl: catcher.url, from: FROM } });
  });
  after(async () => {
    await server.close();
    await catcher.close();
  });

  /** A company reachable only by e-mail, a 2FA link for it, opened: the session and the code mailed to it. */
  async function openTwoFactorLink(email = `owner${Math.random().toString(36).slice(2, 8)}@acme.example`) {
    const company = await server.company("Acme Pty Ltd", { contact: { email } });
    const link = await server.link(company.id, { type: "company", require2fa: true });
    assert.equal(link.require2fa, true);
    const { token, flow } = await server.open(link);
    const mail = await catcher.next(
      (candidate) => candidate.text?.includes("verification code") === true && JSON.stringify(candidate.to).includes(email),
    );
    const code = /(\d{6})/.exec(mail.text ?? "")?.[1];
    assert.ok(code, "a 6-digit code in the mail");
    return { company, link, token, flow, code, email };
  }

  it("starts at verify, sends the code when the session opens, and lets the flow on only with it", async () => {
    const { company, link, token, flow, code, email } = await openTwoFactorLink();
    assert.equal(flow.step, "verify");
    // Where the code went (masked) and when a resend is allowed: what the verify screen shows.
    assert.deepEqual(flow.verification, {
      channel: "email",
      to: `${email.slice(0, 1)}***@acme.example`,
      resendAt: new Date(server.clock.now() + 30_000).toISOString(),
    });
    const early = await server.session(token, "POST", "/consent", { accept: true });
    assert.equal(early.status, 403);
    assert.equal(early.body.code, "second_factor_required");
    const wrong = await server.session<Problem>(token, "POST", "/verify", { code: code === "000000" ? "000001" : "000000" });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.code, "second_factor_invalid");
    const malformed = await server.session<Problem>(token, "POST", "/verify", { code: "12345" });
    assert.equal(malformed.body.errors?.[0]?.field, "code");
    const verified = await server.session<FlowView>(token, "POST", "/verify", { code });
    assert.equal(verified.status, 200);
    assert.equal(verified.body.step, "consent");
    assert.equal(verified.body.verification, null, "past verify, no code to show");
    assert.equal((await server.session(token, "POST", "/consent", { accept: true })).status, 200);
    const again = await server.session<Problem>(token, "POST", "/verify", { code });
    assert.equal(again.body.code, "conflict", "a code works once");

    const events = (await server.store.readAudit({ companyId: company.id })).map((entry) => entry.event);
    assert.ok(events.includes("second_factor.sent"));
    const checks = (await server.store.readAudit()).filter((entry) => entry.event === "second_factor.checked" && entry.linkId === link.id);
    assert.deepEqual(
      checks.map((entry) => entry.detail?.result),
      ["wrong", "ok"],
    );
    // The code is in no log line and in no database file in plain text.
    assert.ok(!server.logs.some((line) => line.includes(code)));
    for (const file of readdirSync(dataDir).filter((name) => name.startsWith("otl.sqlite"))) {
      assert.ok(!readFileSync(join(dataDir, file)).includes(`"${code}`), `${file} holds no code`);
      assert.ok(!readFileSync(join(dataDir, file)).includes(`is ${code}`), `${file} holds no message with the code`);
    }
  });

  it("spends the link after 5 wrong codes: 410 second_factor_locked, the session ended", async () => {
    const { link, token, code } = await openTwoFactorLink();
    const wrongCode = code === "999999" ? "999998" : "999999";
    const answers: string[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      answers.push((await server.session<Problem>(token, "POST", "/verify", { code: wrongCode })).body.code);
    }
    assert.deepEqual(answers, [
      "second_factor_invalid",
      "second_factor_invalid",
      "second_factor_invalid",
      "second_factor_invalid",
      "second_factor_locked",
    ]);
    const locked = await server.session<Problem>(token, "POST", "/verify", { code });
    assert.equal(locked.status, 401, "the right code is too late: the session is over");
    assert.equal((await server.exchange({ code: link.code, companyId: link.companyId })).body.code, "token_consumed");
    assert.ok((await server.store.readAudit()).some((entry) => entry.event === "second_factor.locked" && entry.linkId === link.id));
  });

  it("makes a resend wait 30 s, replaces the code, and keeps a daily budget of 10 codes per company", async () => {
    const { company, token, code, email } = await openTwoFactorLink();
    const soon = await server.request<Problem>("POST", "/v1/session/verify/resend", { token });
    assert.equal(soon.status, 429);
    assert.equal(soon.body.code, "rate_limited");
    assert.equal(soon.headers.get("retry-after"), "30");
    server.clock.advance(30_000);
    assert.equal((await server.request("POST", "/v1/session/verify/resend", { token })).status, 204);
    const resent = await catcher.next((mail) => JSON.stringify(mail.to).includes(email));
    const fresh = /(\d{6})/.exec(resent.text ?? "")?.[1];
    // 8 more: the first code and 9 resends make the 10 of the day.
    for (let send = 0; send < 8; send++) {
      server.clock.advance(30_000);
      assert.equal((await server.request("POST", "/v1/session/verify/resend", { token })).status, 204);
    }
    server.clock.advance(30_000);
    const spent = await server.request<Problem>("POST", "/v1/session/verify/resend", { token });
    assert.equal(spent.status, 429);
    assert.ok(Number(spent.headers.get("retry-after")) > 23 * 3600, "until the day's window ends");
    // A new link of the same company cannot open a session either: the budget is the company's, and nothing is burned.
    const another = await server.link(company.id, { type: "company", require2fa: true });
    const refused = await server.exchange({ code: another.code, companyId: company.id });
    assert.equal(refused.status, 429);
    const inspected = await server.request<{ status: string }>("POST", "/v1/link/inspect", {
      body: { code: another.code, companyId: company.id },
    });
    assert.equal(inspected.body.status, "active");
    if (fresh && fresh !== code) {
      assert.equal(
        (await server.session<Problem>(token, "POST", "/verify", { code })).body.code,
        "second_factor_invalid",
        "the replaced code no longer works",
      );
    }
  });

  it("lets one of many concurrent verifies of one code succeed", async () => {
    const { token, code } = await openTwoFactorLink();
    const answers = await Promise.all(Array.from({ length: 6 }, () => server.session<Problem>(token, "POST", "/verify", { code })));
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 409, 409, 409, 409, 409]);
  });

  it("refuses require2fa when the company's codes have nowhere to go", async () => {
    const company = await server.company("Unreachable Co", { contact: { phone: "+61400000000" } });
    const refused = await server.admin<Problem>("POST", `/v1/companies/${company.id}/links`, { type: "company", require2fa: true });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.errors?.[0]?.field, "require2fa");
  });
});

describe("second factor: where codes go first, and how long they live, as the host sets them", () => {
  it("sends to the phone by default, to the e-mail with secondFactor: email, and honours lifetimes.secondFactorCode", async () => {
    const catcher = await startMailCatcher();
    const options = { mail: { smtpUrl: catcher.url, from: FROM }, sms: "console" as const, lifetimes: { secondFactorCode: 120 } };
    const bySms = new TestServer(options);
    const byEmail = new TestServer({ ...options, secondFactor: "email" });
    try {
      const contact = { contact: { phone: "+61400123456", email: "both@acme.example" } };
      const smsFirst = await bySms.open(await bySms.link((await bySms.company("Acme", contact)).id, { type: "company", require2fa: true }));
      assert.equal(smsFirst.flow.verification?.channel, "sms");
      const emailFirst = await byEmail.open(
        await byEmail.link((await byEmail.company("Acme", contact)).id, { type: "company", require2fa: true }),
      );
      assert.deepEqual([emailFirst.flow.verification?.channel, emailFirst.flow.verification?.to], ["email", "b***@acme.example"]);
      const mail = await catcher.next((candidate) => JSON.stringify(candidate.to).includes("both@acme.example"));
      assert.match(mail.text ?? "", /expires in 2 minutes/);
      const code = /(\d{6})/.exec(mail.text ?? "")?.[1] as string;
      byEmail.clock.advance(121_000);
      const late = await byEmail.session<Problem>(emailFirst.token, "POST", "/verify", { code });
      assert.equal(late.body.code, "second_factor_invalid");
      assert.match(late.body.detail ?? "", /expired/);
    } finally {
      await bySms.close();
      await byEmail.close();
      await catcher.close();
    }
  });
});
