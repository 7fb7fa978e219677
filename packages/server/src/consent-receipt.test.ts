// Issue 10, item 3 on the server: the recipient named on landing and consent (option and
// environment), and the consent receipt that `GET /v1/companies/:id/flow` returns.
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { Flow, InspectResult, type Problem } from "@otl/protocol";
import { recipientFromEnv } from "./recipient.ts";
import { TestServer } from "./test/harness.ts";

const RECIPIENT = {
  name: "Harbour Lending",
  logoUrl: "https://lender.example/logo.svg",
  privacyUrl: "https://lender.example/privacy",
  purpose: "to assess your loan application",
};

let server: TestServer;
afterEach(() => server.close());

describe("the recipient", () => {
  it("inspect and the flow view name the recipient, with access bounded by the flow's lifetime in days", async () => {
    server = new TestServer({ recipient: RECIPIENT, lifetimes: { flow: 14 * 86_400 }, clientAddress: () => "203.0.113.7" });
    const company = await server.company();
    const link = await server.link(company.id);
    const inspected = await server.request<InspectResult>("POST", "/v1/link/inspect", { body: { code: link.code, companyId: company.id } });
    assert.equal(inspected.status, 200);
    const expected = { ...RECIPIENT, accessDays: 14 };
    assert.deepEqual(InspectResult.parse(inspected.body).recipient, expected);
    const { flow } = await server.open(link);
    assert.deepEqual(flow.recipient, expected);
  });

  it("without the option, both say null and nothing else changes", async () => {
    server = new TestServer();
    const company = await server.company();
    const { flow } = await server.open(await server.link(company.id));
    assert.equal(flow.recipient, null);
  });

  it("a bad option stops the server being built, naming the field", () => {
    assert.throws(() => new TestServer({ recipient: { ...RECIPIENT, privacyUrl: "javascript:alert(1)" } }), /recipient\.privacyUrl/);
    assert.throws(
      () => new TestServer({ recipient: { ...RECIPIENT, name: "Evil\u202Egnidnel" } }),
      /recipient\.name: must not contain bidirectional/,
    );
  });

  it("reads OTL_RECIPIENT_* from the environment; none set means no recipient, a logo without a name is refused", () => {
    assert.equal(recipientFromEnv({}), undefined);
    assert.deepEqual(
      recipientFromEnv({
        OTL_RECIPIENT_NAME: RECIPIENT.name,
        OTL_RECIPIENT_LOGO_URL: RECIPIENT.logoUrl,
        OTL_RECIPIENT_PRIVACY_URL: RECIPIENT.privacyUrl,
        OTL_RECIPIENT_PURPOSE: RECIPIENT.purpose,
      }),
      RECIPIENT,
    );
    const halfway = recipientFromEnv({ OTL_RECIPIENT_LOGO_URL: RECIPIENT.logoUrl });
    assert.throws(() => new TestServer({ recipient: halfway }), /recipient\.name: must not be empty/);
  });
});

describe("the consent receipt", () => {
  it("accepting keeps the wording's version and language, the time and the client's keyed hash; the admin flow returns it", async () => {
    server = new TestServer({ clientAddress: () => "203.0.113.7" });
    const company = await server.company();
    const { token } = await server.open(await server.link(company.id));
    const before = Flow.parse((await server.admin("GET", `/v1/companies/${company.id}/flow`)).body);
    assert.equal(before.consentReceipt, null);

    const accepted = await server.session(token, "POST", "/consent", { accept: true, textVersion: "2026-11-30", locale: "fr-CA" });
    assert.equal(accepted.status, 200);
    const flow = Flow.parse((await server.admin("GET", `/v1/companies/${company.id}/flow`)).body);
    assert.deepEqual(flow.consentReceipt, {
      textVersion: "2026-11-30",
      locale: "fr-CA",
      acceptedAt: flow.consent.at,
      clientHash: flow.consentReceipt?.clientHash,
    });
    assert.equal(flow.consentReceipt?.acceptedAt, "2026-03-01T12:00:00.000Z");
    // A keyed hash, never the address itself (the next test shows it follows the address).
    assert.match(flow.consentReceipt?.clientHash ?? "", /^[A-Za-z0-9_:-]{20,}$/);
    assert.ok(!flow.consentReceipt?.clientHash?.includes("203.0.113.7"));
  });

  it("the same client gets the same hash, another client another", async () => {
    let address = "203.0.113.7";
    server = new TestServer({ clientAddress: () => address });
    const receiptFor = async () => {
      const company = await server.company();
      const { token } = await server.open(await server.link(company.id));
      await server.session(token, "POST", "/consent", { accept: true, textVersion: "v1", locale: "en" });
      return Flow.parse((await server.admin("GET", `/v1/companies/${company.id}/flow`)).body).consentReceipt?.clientHash;
    };
    const first = await receiptFor();
    assert.equal(await receiptFor(), first);
    address = "198.51.100.2";
    assert.notEqual(await receiptFor(), first);
  });

  it("an older browser that names no wording still gets a receipt, marked unspecified", async () => {
    server = new TestServer();
    const company = await server.company();
    const { token } = await server.open(await server.link(company.id));
    await server.session(token, "POST", "/consent", { accept: true });
    const flow = Flow.parse((await server.admin("GET", `/v1/companies/${company.id}/flow`)).body);
    assert.equal(flow.consentReceipt?.textVersion, "unspecified");
    assert.equal(flow.consentReceipt?.locale, "und");
  });

  it("declining leaves no receipt", async () => {
    server = new TestServer();
    const company = await server.company();
    const { token } = await server.open(await server.link(company.id));
    await server.session(token, "POST", "/consent", { accept: false });
    const flow = Flow.parse((await server.admin("GET", `/v1/companies/${company.id}/flow`)).body);
    assert.equal(flow.consent.status, "declined");
    assert.equal(flow.consentReceipt, null);
  });

  it("a malformed version or language is a 400 naming the field, and nothing is recorded", async () => {
    server = new TestServer();
    const company = await server.company();
    const { token } = await server.open(await server.link(company.id));
    for (const [field, body] of [
      ["textVersion", { accept: true, textVersion: "v1 <script>", locale: "en" }],
      ["locale", { accept: true, textVersion: "v1", locale: "english please" }],
    ] as const) {
      const refused = await server.session<Problem>(token, "POST", "/consent", body);
      assert.equal(refused.status, 400);
      assert.equal(refused.body.code, "validation_failed");
      assert.deepEqual(
        refused.body.errors?.map((error) => (error as { field?: string; path?: string }).field ?? (error as { path?: string }).path),
        [field],
      );
    }
    const flow = Flow.parse((await server.admin("GET", `/v1/companies/${company.id}/flow`)).body);
    assert.equal(flow.consent.status, "pending");
    assert.equal(flow.consentReceipt, null);
  });
});
