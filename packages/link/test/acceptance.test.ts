// The acceptance tests of the issue: the whole journey, exactly-once exchange, renewal on the same step.
import { expect, waitUntil } from "@open-wc/testing";
import type { FlowView } from "@otl/protocol/browser";
import {
  button,
  connectSandboxBankAndFinish,
  create,
  heading,
  linkAttributes,
  reach,
  screenOf,
  serve,
  settle,
  textOf,
  tokenAttributes,
} from "./setup.ts";

const EXCHANGE = "POST /v1/link/exchange";

describe("acceptance", () => {
  it("walks consent → select → connect → review → finish and sends otl-finish with the connections", async () => {
    const server = await serve();
    const { el, events } = await create(tokenAttributes(server));
    await reach(el, "consent");
    button(el, "I agree").click();
    await reach(el, "select");
    await connectSandboxBankAndFinish(el);

    const finished = events.filter((event) => event.type === "otl-finish");
    expect(finished).to.have.length(1);
    const { flow } = (finished[0] as { detail: { flow: FlowView } }).detail;
    expect(flow.step).to.equal("done");
    expect(flow.connections.map((connection) => [connection.integration, connection.status])).to.deep.equal([["sandbox-bank", "linked"]]);
    expect(events.filter((event) => event.type === "otl-step").map((event) => (event.detail as { step: string }).step)).to.deep.equal([
      "consent",
      "select",
      "connect",
      "review",
      "done",
    ]);
  });

  it("with a code, shows the landing screen and exchanges nothing before the click", async () => {
    const server = await serve();
    const { el } = await create(linkAttributes(server));
    await reach(el, "landing");
    await settle(el);
    expect(server.count(EXCHANGE)).to.equal(0);
    expect(server.count("POST /v1/link/inspect")).to.equal(1);
    button(el, "Start").click();
    await reach(el, "consent");
    expect(server.count(EXCHANGE)).to.equal(1);
  });

  it("clicking Start twice sends exactly one exchange", async () => {
    const server = await serve();
    const { el } = await create(linkAttributes(server));
    await reach(el, "landing");
    const release = server.hold(EXCHANGE);
    button(el, "Start").click();
    button(el, "Start").click();
    await el.updateComplete;
    button(el, "Start").click();
    release();
    await reach(el, "consent");
    await settle(el);
    expect(server.count(EXCHANGE)).to.equal(1);
  });

  it("setting the same access token twice sends exactly one exchange", async () => {
    const server = await serve();
    const { el } = await create(tokenAttributes(server));
    el.accessToken = server.accessToken;
    el.setAttribute("access-token", server.accessToken);
    await reach(el, "consent");
    el.setAttribute("access-token", server.accessToken);
    await settle(el);
    expect(server.count(EXCHANGE)).to.equal(1);
  });

  it("removing and re-adding the element during the exchange sends exactly one exchange", async () => {
    const server = await serve();
    const release = server.hold(EXCHANGE);
    const { el } = await create(tokenAttributes(server));
    const parent = el.parentElement as HTMLElement;
    // The exchange is out, held: the element is busy on its consent shell meanwhile.
    await waitUntil(() => server.count(EXCHANGE) === 1, "the exchange should be sent");
    await el.updateComplete;
    el.remove();
    parent.append(el);
    el.remove();
    parent.append(el);
    release();
    await reach(el, "consent");
    await settle(el);
    expect(server.count(EXCHANGE)).to.equal(1);
  });

  it("removing and re-adding the element mid-flow continues on the same step, with no new exchange", async () => {
    const server = await serve();
    const { el } = await create(tokenAttributes(server));
    await reach(el, "consent");
    button(el, "I agree").click();
    await reach(el, "select");
    const parent = el.parentElement as HTMLElement;
    el.remove();
    await settle(el);
    parent.append(el);
    await reach(el, "select");
    await settle(el);
    expect(server.count(EXCHANGE)).to.equal(1);
    button(el, /Sandbox Bank/).click();
    await reach(el, "connect");
  });

  it("removing the element aborts its pending calls and reports no error", async () => {
    const server = await serve();
    const { el, events } = await create(tokenAttributes(server));
    await reach(el, "consent");
    const release = server.hold("POST /v1/session/consent");
    button(el, "I agree").click();
    await el.updateComplete;
    el.remove();
    release();
    await settle(el);
    expect(events.filter((event) => event.type === "otl-error")).to.deep.equal([]);
  });

  it("when the session expires mid-flow, fetchAccessToken renews it once and the customer stays on the same step", async () => {
    const server = await serve();
    let calls = 0;
    const fetchAccessToken = async () => {
      calls += 1;
      return server.issueAccessToken();
    };
    // The integrations are read ahead, on the consent step: that call meets a 401 `session_expired` once.
    server.failNext("GET /v1/session/integrations", "session_expired");
    const { el, events } = await create(tokenAttributes(server), { fetchAccessToken });
    await reach(el, "consent");
    button(el, "I agree").click();
    await reach(el, "select");
    await waitUntil(() => textOf(el).includes("Sandbox Bank"), "the integrations should load after the renewal");

    expect(calls).to.equal(1);
    expect(server.count(EXCHANGE)).to.equal(2);
    expect(server.count("GET /v1/session/integrations")).to.equal(2);
    expect(screenOf(el)).to.equal("select");
    expect(events.filter((event) => event.type === "otl-error")).to.deep.equal([]);
    expect(events.filter((event) => event.type === "otl-step").map((event) => (event.detail as { step: string }).step)).to.deep.equal([
      "consent",
      "select",
    ]);
  });

  it("a renewal in the middle of an action completes the action", async () => {
    const server = await serve();
    let calls = 0;
    const fetchAccessToken = async () => {
      calls += 1;
      return server.issueAccessToken();
    };
    const { el } = await create(tokenAttributes(server), { fetchAccessToken });
    await reach(el, "consent");
    button(el, "I agree").click();
    await reach(el, "select");
    await settle(el);
    server.expireSessions();
    button(el, /Sandbox Bank/).click();
    await reach(el, "connect");
    expect(calls).to.equal(1);
    expect(server.count("POST /v1/session/connections")).to.equal(2);
  });

  it("without fetchAccessToken an expired session shows the session-expired screen", async () => {
    const server = await serve();
    const { el, events } = await create(tokenAttributes(server));
    await reach(el, "consent");
    server.expireSessions();
    button(el, "I agree").click();
    await reach(el, "failure");
    expect(heading(el)).to.equal("Your session timed out");
    expect(events.at(-1)).to.deep.equal({
      type: "otl-error",
      detail: { code: "session_expired", message: "fake server: session_expired", recoverable: true },
    });
    await expect(el).to.be.accessible();
  });

  it("a fetchAccessToken set after the element started is used", async () => {
    const server = await serve();
    const { el } = await create(tokenAttributes(server));
    await reach(el, "consent");
    let calls = 0;
    el.fetchAccessToken = async () => {
      calls += 1;
      return server.issueAccessToken();
    };
    server.expireSessions();
    button(el, "I agree").click();
    await reach(el, "select");
    expect(calls).to.equal(1);
  });
});
