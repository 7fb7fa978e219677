// The element as real pages and mail clients meet it: twin and re-created elements, a reload after
// "All done", codes mangled on the way, names that try to turn the sentence around, a server that
// cannot be reached, and the screen a customer waits on before choosing.
import { expect, waitUntil } from "@open-wc/testing";
import { forgetPageExchanges } from "../../sdk/src/exchanges.ts";
import { BASE_URL } from "./handlers.ts";
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
  startAndAgree,
  textOf,
  tokenAttributes,
} from "./setup.ts";

const EXCHANGE = "POST /v1/link/exchange";
const INSPECT = "POST /v1/link/inspect";

describe("embedding", () => {
  it("the choose screen is busy until its list is in, so a customer (and a test) waits for it", async () => {
    const server = await serve();
    // The list is asked for ahead, on consent, and held there.
    const release = server.hold("GET /v1/session/integrations");
    const { el } = await create(tokenAttributes(server));
    await reach(el, "consent");
    button(el, "I agree").click();
    await waitUntil(() => screenOf(el) === "select", "the select screen should show");
    // A moment passes with the list held back (settle() would wait for it, which is the point here).
    await new Promise((resolve) => setTimeout(resolve, 50));
    await el.updateComplete;
    // Under load the list arrives late: the screen says it is busy, and has no integration to press yet.
    expect(el.shadowRoot?.querySelector("[part~=container]")?.getAttribute("aria-busy")).to.equal("true");
    expect(() => button(el, /Sandbox Bank/)).to.throw();
    release();
    await reach(el, "select");
    button(el, /Sandbox Bank/).click();
    await reach(el, "connect");
  });

  it("two elements given one access token send one exchange and show the same flow", async () => {
    const server = await serve();
    const release = server.hold(EXCHANGE);
    const first = await create(tokenAttributes(server));
    const second = await create(tokenAttributes(server));
    release();
    await reach(first.el, "consent");
    await reach(second.el, "consent");
    await settle(first.el);
    expect(server.count(EXCHANGE)).to.equal(1);
    expect(textOf(second.el)).not.to.include("already");
  });

  it("an element removed and created anew with the same access token continues the flow, with no second exchange", async () => {
    const server = await serve();
    const first = await create(tokenAttributes(server));
    await reach(first.el, "consent");
    button(first.el, "I agree").click();
    await reach(first.el, "select");
    first.el.remove();
    const { el, events } = await create(tokenAttributes(server));
    await reach(el, "select");
    await settle(el);
    expect(server.count(EXCHANGE)).to.equal(1);
    expect(events.filter((event) => event.type === "otl-error")).to.deep.equal([]);
  });

  it("a reload after All done shows this tab's own done screen, not 'already used'", async () => {
    const server = await serve();
    const first = await create(linkAttributes(server));
    await startAndAgree(first.el);
    await connectSandboxBankAndFinish(first.el);
    first.el.remove();

    // The reload: the page's memory is gone, the tab's storage and the code in its history entry are not.
    forgetPageExchanges();
    const { el } = await create(linkAttributes(server));
    await reach(el, "done");
    expect(heading(el)).to.equal("All done");
    expect(server.count(EXCHANGE)).to.equal(1);
  });

  for (const [kind, code] of [
    ["with a character a mail client added", "code_0001xxxxxxxxxxxxxxxxxxxxxxxxxxxx!"],
    ["cut short below a code's length", "code_0001xxxx"],
    ["with a space inside", "code_0001xxxx xxxxxxxxxxxxxxxxxxxxxxx"],
  ] as const) {
    it(`a code ${kind} gets the not-valid screen at once, without asking the server and without Try again`, async () => {
      const server = await serve();
      const { el } = await create({ ...linkAttributes(server), code });
      await reach(el, "failure");
      expect(heading(el)).to.equal("This link is not valid");
      expect(textOf(el)).to.include("opened the whole link");
      expect(() => button(el, "Try again")).to.throw();
      await settle(el);
      expect(server.count(INSPECT)).to.equal(0);
    });
  }

  it("a permanent refusal of the landing (400) is the not-valid screen, never a retry loop", async () => {
    const server = await serve();
    server.failNext(INSPECT, "validation_failed");
    const { el } = await create(linkAttributes(server));
    await reach(el, "failure");
    expect(heading(el)).to.equal("This link is not valid");
    expect(() => button(el, "Try again")).to.throw();
  });

  it("isolates host names inside its sentences, so a right-to-left override cannot reverse them", async () => {
    const server = await serve({ companyName: "Evil\u202E Corp" });
    const { el } = await create(linkAttributes(server));
    await reach(el, "landing");
    const h2 = el.shadowRoot?.querySelector("[part~=heading]") as HTMLElement;
    const bdi = h2.querySelector("bdi");
    expect(bdi?.textContent).to.equal("Evil\u202E Corp");
    // The kit's own words stay outside the isolate, in their own order.
    expect(h2.textContent?.replace(/\s+/g, " ").trim()).to.equal("Share Evil\u202E Corp's financial data");
    button(el, "Start").click();
    await reach(el, "consent");
    expect(el.shadowRoot?.querySelector("[part~=text] bdi")?.textContent).to.equal("Evil\u202E Corp");
    button(el, "I agree").click();
    await reach(el, "select");
    expect([...(el.shadowRoot?.querySelectorAll("button bdi") ?? [])].map((bdi) => bdi.textContent)).to.include("Sandbox Bank");
  });

  it("a hosted link's timed-out session says to ask for a new link, not to open the spent one again", async () => {
    const server = await serve();
    const { el } = await create(linkAttributes(server));
    await reach(el, "landing");
    button(el, "Start").click();
    await reach(el, "consent");
    server.expireSessions();
    button(el, "I agree").click();
    await reach(el, "failure");
    expect(heading(el)).to.equal("Your session timed out");
    expect(textOf(el)).to.include("Ask the sender for a new link");
    expect(textOf(el)).not.to.include("Open your link again");
  });

  it("a server the page cannot reach names OTL_ALLOWED_ORIGINS and this page's origin, in otl-error and one console warning", async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(" "));
    try {
      const server = await serve();
      server.failNext(EXCHANGE, "network");
      server.failNext(EXCHANGE, "network");
      const { el, events } = await create(tokenAttributes(server));
      await reach(el, "failure");
      expect(heading(el)).to.equal("We could not connect");
      const detail = events.find((event) => event.type === "otl-error")?.detail as { code: string; message: string };
      expect(detail.code).to.equal("network");
      expect(detail.message).to.include("OTL_ALLOWED_ORIGINS");
      expect(detail.message).to.include(location.origin);
      expect(detail.message).to.include(BASE_URL);
      button(el, "Try again").click();
      await reach(el, "failure");
      // Said once to the developer, however often it happens.
      expect(warnings.filter((line) => line.includes("OTL_ALLOWED_ORIGINS"))).to.have.length(1);
    } finally {
      console.warn = warn;
    }
  });
});
