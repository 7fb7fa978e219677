import assert from "node:assert/strict";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import type { Company, ExchangeResult, Flow, FlowView, IssuedLink, Problem } from "@otl/protocol";
import { type CliServer, call, startCli } from "./test/cli-process.ts";
import { API_KEY, TestServer, tempDataDir } from "./test/harness.ts";
import { newHashKey } from "./tokens.ts";

describe("a server restarted on the same data directory", () => {
  /** Starts a flow, accepts consent, and closes the server: what a deploy in the middle of a flow looks like. */
  async function flowAtSelectThenStop(dataDir: string, hashKeys = [newHashKey()]) {
    const before = new TestServer({ dataDir, hashKeys });
    const company = await before.company();
    const { token, flow } = await before.open(await before.link(company.id));
    const consent = await before.session(token, "POST", "/consent", { accept: true });
    assert.equal(consent.body.step, "select");
    const spare = await before.accessToken(company.id);
    await before.close();
    return { company, token, flowId: flow.id, spare, hashKeys, clock: before.clock };
  }

  it("keeps the session and the flow's step", async () => {
    const dataDir = tempDataDir();
    const earlier = await flowAtSelectThenStop(dataDir);

    const restarted = new TestServer({ dataDir, hashKeys: earlier.hashKeys, clock: earlier.clock });
    try {
      const session = await restarted.session(earlier.token, "GET");
      assert.equal(session.status, 200);
      assert.equal(session.body.id, earlier.flowId);
      assert.equal(session.body.step, "select");
      assert.equal(session.body.consent.status, "accepted");

      // A new link for the company resumes the same flow where the customer left it.
      const resumed = await restarted.open(await restarted.link(earlier.company.id));
      assert.equal(resumed.flow.id, earlier.flowId);
      assert.equal(resumed.flow.step, "select");
      // And an access token issued before the restart still opens it, once.
      const spare = await restarted.exchange({ accessToken: earlier.spare });
      assert.equal(spare.status, 201);
      assert.equal(spare.body.flow.id, earlier.flowId);
      assert.equal((await restarted.exchange({ accessToken: earlier.spare })).body.code, "token_consumed");
    } finally {
      await restarted.close();
    }
  });

  it("keeps accepting earlier secrets when a new hash key is put in front of the old one", async () => {
    const dataDir = tempDataDir();
    const earlier = await flowAtSelectThenStop(dataDir);

    const rotated = new TestServer({ dataDir, hashKeys: [newHashKey("k2"), ...earlier.hashKeys], clock: earlier.clock });
    try {
      assert.equal((await rotated.session(earlier.token, "GET")).body.step, "select");
      assert.equal((await rotated.exchange({ accessToken: earlier.spare })).status, 201);
    } finally {
      await rotated.close();
    }
  });

  it("refuses earlier secrets when its hash keys were lost", async () => {
    const dataDir = tempDataDir();
    const earlier = await flowAtSelectThenStop(dataDir);

    const amnesiac = new TestServer({ dataDir, hashKeys: [newHashKey()], clock: earlier.clock });
    try {
      const session = await amnesiac.session(earlier.token, "GET");
      assert.equal(session.status, 401);
      assert.equal(session.body.code, "unauthorized");
      assert.equal((await amnesiac.exchange({ accessToken: earlier.spare })).body.code, "token_invalid");
    } finally {
      await amnesiac.close();
    }
  });
});

describe("the otl-server CLI restarted on the same --data-dir", () => {
  const running: CliServer[] = [];
  const start = async (dataDir: string) => {
    const server = await startCli(["--port", "0", "--data-dir", dataDir, "--api-key", API_KEY]);
    running.push(server);
    return server;
  };
  after(async () => {
    for (const server of running) await server.stop();
  });

  it("keeps its hash keys in the data directory, so a session from the first run works in the second", async () => {
    const dataDir = tempDataDir();

    const first = await start(dataDir);
    const company = (await call<Company>(first.url, "POST", "/v1/companies", { token: API_KEY, body: { name: "Acme Pty Ltd" } })).body;
    const link = (
      await call<IssuedLink>(first.url, "POST", `/v1/companies/${company.id}/links`, { token: API_KEY, body: { type: "company" } })
    ).body;
    const opened = await call<ExchangeResult>(first.url, "POST", "/v1/link/exchange", { body: { code: link.code, companyId: company.id } });
    assert.equal(opened.status, 201);
    const token = opened.body.sessionToken;
    assert.equal((await call<FlowView>(first.url, "POST", "/v1/session/consent", { token, body: { accept: true } })).body.step, "select");
    assert.equal(await first.stop(), 0, "a SIGTERM stops the server cleanly");

    const keyFile = join(dataDir, "hash-keys.json");
    assert.ok(existsSync(keyFile));
    assert.equal(statSync(keyFile).mode & 0o077, 0, "only the owner may read the hash keys");

    const second = await start(dataDir);
    const session = await call<FlowView>(second.url, "GET", "/v1/session", { token });
    assert.equal(session.status, 200);
    assert.equal(session.body.id, opened.body.flow.id);
    assert.equal(session.body.step, "select");

    const flow = await call<Flow>(second.url, "GET", `/v1/companies/${company.id}/flow`, { token: API_KEY });
    assert.equal(flow.body.id, opened.body.flow.id);
    const replay = await call<Problem>(second.url, "POST", "/v1/link/exchange", { body: { code: link.code, companyId: company.id } });
    assert.equal(replay.status, 410);
    assert.equal(replay.body.code, "token_consumed");
  });
});
