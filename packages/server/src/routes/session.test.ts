import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { type Connection, FlowView, type Integration, type Link, type Problem, StartConnectionResult } from "@otl/protocol";
import { TestServer } from "../test/harness.ts";
import { Keyring } from "../tokens.ts";

describe("browser API: the session and its flow", () => {
  let server: TestServer;
  let token: string;
  let companyId: string;
  beforeEach(async () => {
    server = new TestServer();
    companyId = (await server.company("Acme Pty Ltd")).id;
    token = (await server.open(await server.link(companyId))).token;
  });
  afterEach(() => server.close());

  it("reads the flow with the session token", async () => {
    const answer = await server.session(token, "GET");
    assert.equal(answer.status, 200);
    assert.ok(FlowView.safeParse(answer.body).success);
    assert.equal(answer.body.step, "consent");
    assert.equal(answer.body.consent.status, "pending");
  });

  it("refuses a missing, malformed or unknown session token", async () => {
    for (const bad of ["", "nonsense", "otl_st_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"]) {
      const answer = await server.request<Problem>("GET", "/v1/session", bad ? { token: bad } : {});
      assert.equal(answer.status, 401, bad);
      assert.equal(answer.body.code, "unauthorized");
    }
  });

  it("records a declined consent and lets the customer change their mind", async () => {
    const declined = await server.session(token, "POST", "/consent", { accept: false });
    assert.equal(declined.status, 200);
    assert.equal(declined.body.step, "consent");
    assert.equal(declined.body.consent.status, "declined");
    const accepted = await server.session(token, "POST", "/consent", { accept: true });
    assert.equal(accepted.body.step, "select");
    assert.equal(accepted.body.consent.status, "accepted");
    const twice = await server.session(token, "POST", "/consent", { accept: true });
    assert.equal(twice.status, 409);
    assert.equal(twice.body.code, "conflict");
  });

  it("refuses to connect before consent", async () => {
    const answer = await server.session(token, "POST", "/connections", { integration: "sandbox-bank" });
    assert.equal(answer.status, 409);
    assert.equal(answer.body.code, "conflict");
  });

  it("lists integrations, and hides the sandbox ones on request", async () => {
    const all = await server.session<{ items: Integration[] }>(token, "GET", "/integrations");
    assert.equal(all.status, 200);
    const bank = all.body.items.find((item) => item.key === "sandbox-bank");
    assert.deepEqual(bank, { key: "sandbox-bank", name: "Sandbox Bank", category: "banking", kind: "credentials", sandbox: true });
    const real = await server.session<{ items: Integration[] }>(token, "GET", "/integrations?sandbox=false");
    assert.deepEqual(real.body.items, []);
  });

  it("connects Sandbox Bank: a clear message for user_bad, then user_good links it", async () => {
    await server.session(token, "POST", "/consent", { accept: true });
    const started = await server.session<StartConnectionResult>(token, "POST", "/connections", { integration: "sandbox-bank" });
    assert.equal(started.status, 200);
    assert.ok(StartConnectionResult.safeParse(started.body).success);
    assert.equal(started.body.connection.status, "pending");
    assert.deepEqual(started.body.next.kind === "credentials" && started.body.next.fields.map((field) => [field.name, field.type]), [
      ["username", "text"],
      ["password", "password"],
    ]);
    const path = `/connections/${started.body.connection.id}/credentials`;

    const missing = await server.session(token, "POST", path, { values: { username: "user_good" } });
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.body.errors, [{ field: "values.password", message: "Password is required" }]);

    const bad = await server.session(token, "POST", path, { values: { username: "user_bad", password: "pass_good" } });
    assert.equal(bad.status, 200);
    assert.equal(bad.body.step, "connect", "the customer stays on the form to try again");
    assert.equal(bad.body.connecting?.connection.status, "failed");
    assert.match(bad.body.connecting?.connection.message ?? "", /did not accept that username and password/);

    const good = await server.session(token, "POST", path, { values: { username: "user_good", password: "pass_good" } });
    assert.equal(good.body.step, "review");
    assert.equal(good.body.connecting, null);
    assert.deepEqual(
      good.body.connections.map((connection) => [connection.integrationName, connection.status, connection.message]),
      [["Sandbox Bank", "linked", null]],
    );
  });

  it("hashes the session token once per call, also on paths that two session guards match (the session itself, uploads)", async (t) => {
    await server.session(token, "POST", "/consent", { accept: true });
    const started = await server.session<StartConnectionResult>(token, "POST", "/connections", { integration: "sandbox-bank" });
    const connection = `/connections/${started.body.connection.id}`;
    const hashings = t.mock.method(Keyring.prototype, "candidates");
    const calls: [string, string, unknown?][] = [
      ["GET", ""],
      ["POST", `${connection}/credentials`, { values: { username: "user_good", password: "pass_good" } }],
      ["POST", `${connection}/upload/complete`],
      ["DELETE", `${connection}/files/file_unknown`],
    ];
    for (const [method, path, body] of calls) {
      const before = hashings.mock.callCount();
      const answer = await server.session(token, method, path, body);
      assert.ok(answer.status < 500, `${method} ${path}: ${answer.status}`);
      assert.equal(hashings.mock.callCount() - before, 1, `${method} /v1/session${path}`);
    }
  });

  it("connects another account from review", async () => {
    await server.connectSandboxBank(token);
    const started = await server.session<StartConnectionResult>(token, "POST", "/connections", { integration: "sandbox-books" });
    assert.equal(started.status, 200);
    const linked = await server.session(token, "POST", `/connections/${started.body.connection.id}/credentials`, {
      values: { username: "user_good", password: "pass_good" },
    });
    assert.equal(linked.body.step, "review");
    assert.deepEqual(
      linked.body.connections.map((connection) => connection.integration),
      ["sandbox-bank", "sandbox-books"],
    );
  });

  it("refuses credentials for a connection outside the flow", async () => {
    await server.session(token, "POST", "/consent", { accept: true });
    const foreign = (await server.admin<Connection>("POST", `/v1/companies/${companyId}/connections`, { integration: "sandbox-bank" }))
      .body;
    const answer = await server.session(token, "POST", `/connections/${foreign.id}/credentials`, {
      values: { username: "user_good", password: "pass_good" },
    });
    assert.equal(answer.status, 404);
    assert.equal(answer.body.code, "not_found");
  });

  it("finishes only from review, then the flow is done and the company's remaining links are revoked", async () => {
    const early = await server.session(token, "POST", "/finish", { disclosedAll: true });
    assert.equal(early.status, 409);
    const notTrue = await server.session(token, "POST", "/finish", { disclosedAll: false });
    assert.equal(notTrue.status, 400);
    assert.equal(notTrue.body.errors?.[0]?.field, "disclosedAll");

    await server.connectSandboxBank(token);
    const connection = (await server.admin<Connection>("POST", `/v1/companies/${companyId}/connections`, { integration: "sandbox-books" }))
      .body;
    const spare = await server.link(companyId, { type: "connection", connectionId: connection.id });

    const finished = await server.session(token, "POST", "/finish", { disclosedAll: true });
    assert.equal(finished.status, 200);
    assert.equal(finished.body.step, "done");
    const links = (await server.admin<{ items: Link[] }>("GET", `/v1/companies/${companyId}/links`)).body.items;
    assert.equal(links.find((link) => link.id === spare.id)?.status, "revoked");
    assert.equal((await server.exchange({ code: spare.code, companyId, connectionId: connection.id })).body.code, "token_revoked");

    assert.equal((await server.session(token, "GET")).body.step, "done", "the session can still show the end");
    const after = await server.session(token, "POST", "/connections", { integration: "sandbox-bank" });
    assert.equal(after.status, 409);
  });

  it("ends the session on DELETE", async () => {
    const answer = await server.session(token, "DELETE");
    assert.equal(answer.status, 204);
    const read = await server.session(token, "GET");
    assert.equal(read.status, 401);
    assert.equal(read.body.code, "unauthorized");
  });
});
