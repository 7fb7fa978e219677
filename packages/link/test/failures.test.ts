// Every way a link or session can fail, each on a screen that says what to do next.
import { expect } from "@open-wc/testing";
import { forgetPageExchanges } from "../../sdk/src/exchanges.ts";
import { button, create, heading, linkAttributes, reach, serve, settle, textOf, tokenAttributes } from "./setup.ts";

describe("failure screens", () => {
  for (const [status, title, code] of [
    ["consumed", "This link has already been used", "token_consumed"],
    ["expired", "This link has expired", "token_expired"],
    ["revoked", "This link was cancelled", "token_revoked"],
    ["superseded", "A newer link replaced this one", "token_superseded"],
  ] as const) {
    it(`a ${status} link shows its screen at once, with no exchange`, async () => {
      const server = await serve({ linkStatus: status });
      const { el, events } = await create(linkAttributes(server));
      await reach(el, "failure");
      expect(heading(el)).to.equal(title);
      expect(() => button(el, "Try again")).to.throw();
      expect(events.find((event) => event.type === "otl-error")?.detail).to.deep.equal({
        code,
        message: `The link is ${status}`,
        recoverable: false,
      });
      await settle(el);
      expect(server.count("POST /v1/link/exchange")).to.equal(0);
      await expect(el).to.be.accessible();
    });
  }

  it("a link spent between landing and Start shows the used screen", async () => {
    const server = await serve();
    const { el } = await create(linkAttributes(server));
    await reach(el, "landing");
    server.linkStatus = "consumed";
    button(el, "Start").click();
    await reach(el, "failure");
    expect(heading(el)).to.equal("This link has already been used");
    expect(textOf(el)).to.include("Ask the sender for a new link.");
  });

  it("an unknown code shows the invalid screen", async () => {
    const server = await serve();
    const { el, events } = await create({ ...linkAttributes(server), code: "not-the-right-code-at-all-0000" });
    await reach(el, "failure");
    expect(heading(el)).to.equal("This link is not valid");
    expect(events.find((event) => event.type === "otl-error")?.detail).to.deep.equal({
      code: "token_invalid",
      message: "fake server: token_invalid",
      recoverable: false,
    });
    await expect(el).to.be.accessible();
  });

  it("a company with no code and nothing to resume shows the invalid screen", async () => {
    const server = await serve();
    const { el } = await create({ "base-url": linkAttributes(server)["base-url"] as string, "company-id": server.companyId });
    await reach(el, "failure");
    expect(heading(el)).to.equal("This link is not valid");
  });

  it("an access token used in another tab shows the embedded used screen, which speaks of the session, not a link", async () => {
    const server = await serve();
    const first = await create(tokenAttributes(server));
    await reach(first.el, "consent");
    // Another tab: neither this page's exchanges nor its storage.
    forgetPageExchanges();
    sessionStorage.clear();
    const { el } = await create(tokenAttributes(server));
    await reach(el, "failure");
    expect(heading(el)).to.equal("This session was already opened");
    expect(textOf(el)).to.include("Reload the page to start again.");
    expect(textOf(el)).not.to.include("link");
  });

  it("a network failure offers Try again, which starts over", async () => {
    const server = await serve();
    server.failNext("POST /v1/link/inspect", "network");
    const { el, events } = await create(linkAttributes(server));
    await reach(el, "failure");
    expect(heading(el)).to.equal("We could not connect");
    const error = events.find((event) => event.type === "otl-error")?.detail as { code: string; recoverable: boolean };
    expect([error.code, error.recoverable]).to.deep.equal(["network", true]);
    await expect(el).to.be.accessible();
    button(el, "Try again").click();
    await reach(el, "landing");
    expect(server.count("POST /v1/link/inspect")).to.equal(2);
  });

  it("a server error shows the problem screen, and Try again retries", async () => {
    const server = await serve();
    server.failNext("POST /v1/link/exchange", "internal");
    const { el } = await create(tokenAttributes(server));
    await reach(el, "failure");
    expect(heading(el)).to.equal("Something went wrong");
    await expect(el).to.be.accessible();
    button(el, "Try again").click();
    await reach(el, "consent");
  });

  it("a session that ends mid-flow shows the session screen", async () => {
    const server = await serve();
    const { el } = await create(tokenAttributes(server));
    await reach(el, "consent");
    server.failNext("POST /v1/session/consent", "unauthorized");
    button(el, "I agree").click();
    await reach(el, "failure");
    expect(heading(el)).to.equal("Your session timed out");
    // Embedded by access token: the host's page mints a fresh one on reload.
    expect(textOf(el)).to.include("Reload the page to continue where you left off.");
    await expect(el).to.be.accessible();
  });

  it("a network failure during a step stays on the step, and the customer can try again", async () => {
    const server = await serve();
    const { el, events } = await create(tokenAttributes(server));
    await reach(el, "consent");
    server.failNext("POST /v1/session/consent", "network");
    button(el, "I agree").click();
    await reach(el, "consent");
    // The network's own words: the customer's connection, not "something went wrong".
    expect(textOf(el)).to.include("Check your internet connection, then try again.");
    expect(events.at(-1)?.type).to.equal("otl-error");
    button(el, "I agree").click();
    await reach(el, "select");
  });

  it("finishing before any account is connected explains why and stays on review", async () => {
    const server = await serve({ step: "review" });
    const { el } = await create(tokenAttributes(server));
    await reach(el, "review");
    expect(textOf(el)).to.include("No account is connected yet.");
    server.step = "select";
    button(el, "I have disclosed all my accounts").click();
    await reach(el, "review");
    expect(textOf(el)).to.include("This step has changed.");
  });

  it("a list that failed to load can be loaded again", async () => {
    const server = await serve();
    // Read ahead on consent, then again on select: both fail, and select says so.
    server.failNext("GET /v1/session/integrations", "internal");
    server.failNext("GET /v1/session/integrations", "internal");
    const { el } = await create(tokenAttributes(server));
    await reach(el, "consent");
    button(el, "I agree").click();
    await reach(el, "select");
    await settle(el);
    button(el, "Try again").click();
    await settle(el);
    expect(textOf(el)).to.include("Sandbox Bank");
  });
});
