import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { type Connection, ExchangeResult, InspectResult, type Problem } from "@otl/protocol";
import { TestServer } from "../test/harness.ts";

describe("browser API: inspect and exchange", () => {
  let server: TestServer;
  beforeEach(() => {
    server = new TestServer();
  });
  afterEach(() => server.close());

  // One type for both answers: the landing facts, or a problem with its code.
  type InspectAnswer = InspectResult & Omit<Problem, "status">;
  const inspect = (body: Record<string, unknown>) => server.request<InspectAnswer>("POST", "/v1/link/inspect", { body });

  describe("inspect", () => {
    it("shows the landing facts and never consumes, however often", async () => {
      const company = await server.company("Acme Pty Ltd");
      const link = await server.link(company.id);
      for (let i = 0; i < 3; i++) {
        const answer = await inspect({ code: link.code, companyId: company.id });
        assert.equal(answer.status, 200);
        assert.ok(InspectResult.safeParse(answer.body).success);
        assert.equal(answer.body.status, "active");
        assert.equal(answer.body.companyName, "Acme Pty Ltd");
        assert.equal(answer.body.require2fa, false);
        assert.deepEqual(answer.body.dataShared, ["accounts", "balances", "transactions"]);
      }
      assert.equal((await server.exchange({ code: link.code, companyId: company.id })).status, 201);
      assert.equal((await inspect({ code: link.code, companyId: company.id })).body.status, "consumed");
    });

    it("treats a code at another company's URL as unknown", async () => {
      const [mine, theirs] = [await server.company("Mine"), await server.company("Theirs")];
      const link = await server.link(mine.id);
      const answer = await inspect({ code: link.code, companyId: theirs.id });
      assert.equal(answer.status, 404);
      assert.equal(answer.body.code, "token_invalid");
    });

    it("answers 404 token_invalid for a made-up code", async () => {
      const company = await server.company();
      const answer = await inspect({ code: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", companyId: company.id });
      assert.equal(answer.status, 404);
      assert.equal(answer.body.code, "token_invalid");
    });
  });

  describe("exchange", () => {
    it("exchanges a company link once for a session on a new flow at consent", async () => {
      const company = await server.company("Acme Pty Ltd");
      const link = await server.link(company.id);
      const answer = await server.exchange({ code: link.code, companyId: company.id });
      assert.equal(answer.status, 201);
      assert.ok(ExchangeResult.safeParse(answer.body).success);
      assert.match(answer.body.sessionToken, /^otl_st_/);
      assert.equal(answer.body.flow.step, "consent");
      assert.equal(answer.body.flow.companyName, "Acme Pty Ltd");
      assert.equal(Date.parse(answer.body.expiresAt) - server.clock.now(), 30 * 60 * 1000, "30 min idle lifetime");

      const again = await server.exchange({ code: link.code, companyId: company.id });
      assert.equal(again.status, 410);
      assert.equal(again.body.code, "token_consumed");
    });

    it("does not burn a code presented at the wrong company", async () => {
      const [mine, theirs] = [await server.company("Mine"), await server.company("Theirs")];
      const link = await server.link(mine.id);
      const wrong = await server.exchange({ code: link.code, companyId: theirs.id });
      assert.equal(wrong.status, 404);
      assert.equal(wrong.body.code, "token_invalid");
      assert.equal((await server.exchange({ code: link.code, companyId: mine.id })).status, 201);
    });

    it("requires a connection link's own connection, and a company link's lack of one", async () => {
      const company = await server.company();
      const connection = (
        await server.admin<Connection>("POST", `/v1/companies/${company.id}/connections`, { integration: "sandbox-bank" })
      ).body;
      const other = (await server.admin<Connection>("POST", `/v1/companies/${company.id}/connections`, { integration: "sandbox-books" }))
        .body;
      const link = await server.link(company.id, { type: "connection", connectionId: connection.id });
      assert.equal((await server.exchange({ code: link.code, companyId: company.id })).body.code, "token_invalid");
      assert.equal((await server.exchange({ code: link.code, companyId: company.id, connectionId: other.id })).body.code, "token_invalid");
      assert.equal((await server.exchange({ code: link.code, companyId: company.id, connectionId: connection.id })).status, 201);

      const companyLink = await server.link(company.id);
      assert.equal(
        (await server.exchange({ code: companyLink.code, companyId: company.id, connectionId: connection.id })).body.code,
        "token_invalid",
      );
    });

    it("exchanges an access token for a session", async () => {
      const company = await server.company();
      const answer = await server.exchange({ accessToken: await server.accessToken(company.id) });
      assert.equal(answer.status, 201);
      assert.equal(answer.body.flow.companyId, company.id);
    });

    it("refuses a made-up or mistyped secret as token_invalid", async () => {
      const company = await server.company();
      const token = await server.accessToken(company.id);
      const typo = `${token.slice(0, 10)}${token[10] === "A" ? "B" : "A"}${token.slice(11)}`;
      for (const body of [
        { accessToken: typo },
        { accessToken: "otl_at_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
        { code: "A".repeat(30), companyId: company.id },
      ]) {
        const answer = await server.exchange(body);
        assert.equal(answer.status, 404, JSON.stringify(body));
        assert.equal(answer.body.code, "token_invalid");
      }
      assert.equal((await server.exchange({ accessToken: token })).status, 201, "the real token still works");
    });

    it("refuses the bare reusable link unless allowReusableLinks is on", async () => {
      const company = await server.company();
      const refused = await server.exchange({ companyId: company.id });
      assert.equal(refused.status, 404);
      assert.equal(refused.body.code, "token_invalid");
      assert.match(refused.body.detail ?? "", /reusable links are turned off/);

      const open = new TestServer({ allowReusableLinks: true });
      const openCompany = await open.company();
      const first = await open.exchange({ companyId: openCompany.id });
      const second = await open.exchange({ companyId: openCompany.id });
      assert.equal(first.status, 201);
      assert.equal(second.status, 201);
      assert.equal(first.body.flow.id, second.body.flow.id, "both resume the one flow");
      await open.close();
    });

    it("resumes the company's open flow at its step with every new link or token", async () => {
      const company = await server.company();
      const first = await server.open(await server.link(company.id));
      await server.session(first.token, "POST", "/consent", { accept: true });
      const second = await server.open(await server.link(company.id));
      assert.equal(second.flow.id, first.flow.id);
      assert.equal(second.flow.step, "select");
      const third = await server.exchange({ accessToken: await server.accessToken(company.id) });
      assert.equal(third.body.flow.id, first.flow.id);
      assert.equal(third.body.flow.step, "select");
    });

    it("starts a new flow after the last one is done", async () => {
      const company = await server.company();
      const first = await server.open(await server.link(company.id));
      await server.connectSandboxBank(first.token);
      await server.session(first.token, "POST", "/finish", { disclosedAll: true });
      const next = await server.open(await server.link(company.id));
      assert.notEqual(next.flow.id, first.flow.id);
      assert.equal(next.flow.step, "consent");
      assert.deepEqual(next.flow.connections, []);
    });

    it("sends a connection link straight to connecting its connection once consent is given", async () => {
      const company = await server.company();
      const connection = (
        await server.admin<Connection>("POST", `/v1/companies/${company.id}/connections`, { integration: "sandbox-bank" })
      ).body;
      const { token, flow } = await server.open(await server.link(company.id, { type: "connection", connectionId: connection.id }));
      assert.equal(flow.step, "consent", "consent comes first");
      const consented = await server.session(token, "POST", "/consent", { accept: true });
      assert.equal(consented.body.step, "connect");
      assert.equal(consented.body.connecting?.connection.id, connection.id);
      assert.equal(consented.body.connecting?.next.kind, "credentials");
    });

    it("with consent already given, a connection link opens directly at connect", async () => {
      const company = await server.company();
      const first = await server.open(await server.link(company.id));
      await server.session(first.token, "POST", "/consent", { accept: true });
      const connection = (
        await server.admin<Connection>("POST", `/v1/companies/${company.id}/connections`, { integration: "sandbox-books" })
      ).body;
      const { flow } = await server.open(await server.link(company.id, { type: "connection", connectionId: connection.id }));
      assert.equal(flow.id, first.flow.id);
      assert.equal(flow.step, "connect");
      assert.equal(flow.connecting?.connection.integration, "sandbox-books");
    });
  });
});
