import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import type { Company, Flow, FlowView, InspectResult, Link, Problem } from "@otl/protocol";
import { TestServer } from "./test/harness.ts";

// Every expectation below is written in UTC. expiry-timezones.test.ts re-runs this file under
// other TZ values: the server must compare and print times the same way whatever the local zone.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The instant every test server's clock starts at. */
const START = Date.parse("2026-03-01T12:00:00.000Z");
const at = (offsetMs: number) => new Date(START + offsetMs).toISOString();

describe("expiry", () => {
  let server: TestServer;
  let company: Company;
  beforeEach(async () => {
    server = new TestServer();
    assert.equal(server.clock.now(), START);
    company = await server.company();
  });
  afterEach(() => server.close());

  /** Sets the clock to `offsetMs` after the start. */
  const moveTo = (offsetMs: number) => server.clock.advance(START + offsetMs - server.clock.now());

  const inspect = (code: string) => server.request<InspectResult>("POST", "/v1/link/inspect", { body: { code, companyId: company.id } });
  const listedStatus = async (linkId: string) => {
    const list = await server.admin<{ items: Link[] }>("GET", `/v1/companies/${company.id}/links`);
    return list.body.items.find((item) => item.id === linkId)?.status;
  };

  describe("company links", () => {
    it("last 1 day by default: a link still opens 1 second before", async () => {
      const link = await server.link(company.id);
      assert.equal(link.expiresAt, "2026-03-02T12:00:00.000Z");

      server.clock.advance(DAY - SECOND);
      assert.equal((await inspect(link.code)).body.status, "active");
      const answer = await server.exchange({ code: link.code, companyId: company.id });
      assert.equal(answer.status, 201);
    });

    it("are expired at 1 day: exchange answers 410 token_expired, inspect and the admin list say expired", async () => {
      const link = await server.link(company.id);

      server.clock.advance(DAY);
      const answer = await server.exchange({ code: link.code, companyId: company.id });
      assert.equal(answer.status, 410);
      assert.equal(answer.body.code, "token_expired");

      const inspected = await inspect(link.code);
      assert.equal(inspected.status, 200);
      assert.equal(inspected.body.status, "expired");
      assert.equal(inspected.body.expiresAt, "2026-03-02T12:00:00.000Z");
      assert.equal(await listedStatus(link.id), "expired");
    });

    it("honour a custom ttlSeconds to the second", async () => {
      const link = await server.link(company.id, { type: "company", ttlSeconds: 600 });
      assert.equal(link.expiresAt, at(10 * MINUTE));

      server.clock.advance(10 * MINUTE - SECOND);
      assert.equal((await inspect(link.code)).body.status, "active");
      assert.equal(await listedStatus(link.id), "active");

      server.clock.advance(SECOND);
      const answer = await server.exchange({ code: link.code, companyId: company.id });
      assert.equal(answer.status, 410);
      assert.equal(answer.body.code, "token_expired");
      assert.equal(await listedStatus(link.id), "expired");
    });

    it("may live up to 7 days", async () => {
      const link = await server.link(company.id, { type: "company", ttlSeconds: 7 * 24 * 60 * 60 });
      assert.equal(link.expiresAt, "2026-03-08T12:00:00.000Z");

      server.clock.advance(7 * DAY - SECOND);
      assert.equal((await server.exchange({ code: link.code, companyId: company.id })).status, 201);
    });
  });

  describe("access tokens", () => {
    it("last 1 hour by default", async () => {
      const issued = await server.admin<{ accessToken: string; expiresAt: string }>(
        "POST",
        `/v1/companies/${company.id}/access-tokens`,
        {},
      );
      assert.equal(issued.body.expiresAt, "2026-03-01T13:00:00.000Z");
      const early = await server.accessToken(company.id);

      server.clock.advance(HOUR - SECOND);
      assert.equal((await server.exchange({ accessToken: early })).status, 201);

      server.clock.advance(SECOND);
      const late = await server.exchange({ accessToken: issued.body.accessToken });
      assert.equal(late.status, 410);
      assert.equal(late.body.code, "token_expired");
    });

    it("honour a custom ttlSeconds", async () => {
      const token = await server.accessToken(company.id, 120);
      server.clock.advance(2 * MINUTE);
      const answer = await server.exchange({ accessToken: token });
      assert.equal(answer.status, 410);
      assert.equal(answer.body.code, "token_expired");
    });
  });

  describe("browser sessions", () => {
    it("expire after 30 minutes idle, and each call slides that window", async () => {
      const opened = await server.exchange({ code: (await server.link(company.id)).code, companyId: company.id });
      assert.equal(opened.body.expiresAt, at(30 * MINUTE));
      const token = opened.body.sessionToken;

      server.clock.advance(29 * MINUTE);
      assert.equal((await server.session(token, "GET")).status, 200);
      // 58 minutes after the exchange, but only 29 after the last call: still alive.
      server.clock.advance(29 * MINUTE);
      assert.equal((await server.session(token, "GET")).status, 200);

      server.clock.advance(31 * MINUTE);
      const idle = await server.session(token, "GET");
      assert.equal(idle.status, 401);
      assert.equal(idle.body.code, "session_expired");
      assert.match(idle.headers.get("www-authenticate") ?? "", /^Bearer /);
    });

    it("expire 24 hours after the exchange, however active the customer is", async () => {
      const { token } = await server.open(await server.link(company.id));

      for (let elapsed = 20 * MINUTE; elapsed < DAY; elapsed += 20 * MINUTE) {
        moveTo(elapsed);
        assert.equal((await server.session(token, "GET")).status, 200, `alive after ${elapsed / MINUTE} minutes`);
      }
      moveTo(DAY - MINUTE);
      assert.equal((await server.session(token, "GET")).status, 200, "alive one minute before 24 hours");

      moveTo(DAY);
      const answer = await server.session(token, "GET");
      assert.equal(answer.status, 401);
      assert.equal(answer.body.code, "session_expired");
    });
  });

  describe("flows", () => {
    it("last 30 days: a new link resumes the flow until then, and starts a new flow after", async () => {
      const first = await server.open(await server.link(company.id));
      assert.equal(first.flow.expiresAt, "2026-03-31T12:00:00.000Z");
      await server.session(first.token, "POST", "/consent", { accept: true });

      server.clock.advance(30 * DAY - SECOND);
      const resumed = await server.open(await server.link(company.id));
      assert.equal(resumed.flow.id, first.flow.id);
      assert.equal(resumed.flow.step, "select");

      server.clock.advance(SECOND);
      const lapsed = await server.admin<Flow>("GET", `/v1/companies/${company.id}/flow`);
      assert.equal(lapsed.body.id, first.flow.id);
      assert.equal(lapsed.body.status, "expired");
      // The session opened a second ago cannot move the expired flow on.
      const move = await server.session<FlowView & Problem>(resumed.token, "POST", "/connections", { integration: "sandbox-bank" });
      assert.equal(move.status, 409);

      const restarted = await server.open(await server.link(company.id));
      assert.notEqual(restarted.flow.id, first.flow.id);
      assert.equal(restarted.flow.step, "consent");
      assert.equal(restarted.flow.consent.status, "pending");
      assert.equal(restarted.flow.expiresAt, "2026-04-30T12:00:00.000Z");
      const current = await server.admin<Flow>("GET", `/v1/companies/${company.id}/flow`);
      assert.equal(current.body.id, restarted.flow.id);
      assert.equal(current.body.status, "open");
    });
  });
});
