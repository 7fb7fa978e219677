// The file a refusal loads (`otl-link.problem.js`, src/steps/problem.ts: the words beside a step and a
// wait's countdown) may not load: the page has then lost the server too. The refusal is still said,
// in the network's words and without a wait, and the customer can go on. Its own test page, so that
// no earlier test has loaded the file already.
import { expect, waitUntil } from "@open-wc/testing";
import { en } from "../src/locales/en.ts";
import { announced, button, create, heading, linkAttributes, reach, record, serve, unreachable } from "./setup.ts";

describe("a refusal whose file cannot be loaded", () => {
  it("is said in the network's words, holds nothing, still reaches the host, and the step goes on", async () => {
    const server = await serve();
    unreachable(/\/src\/steps\/problem\.ts/);
    const { el } = await create(linkAttributes(server));
    const events = record(el);
    await reach(el, "landing");
    button(el, "Start").click();
    await reach(el, "consent");
    server.failNext("POST /v1/session/consent", "rate_limited", "30");
    button(el, "I agree").click();
    await waitUntil(() => el.shadowRoot?.querySelector("#error"), "the error should be shown beside the step");
    expect(el.shadowRoot?.querySelector("#error")?.textContent?.trim()).to.equal(en.offline.body);
    expect(announced(el)).to.equal(en.offline.body);
    expect(heading(el)).to.equal(en.consent.heading);
    // No wait without its file: the button is back at once, without a count.
    expect(button(el, en.consent.accept).disabled).to.equal(false);
    expect(events.filter((event) => event.type === "otl-error").map((event) => event.detail)).to.deep.equal([
      { code: "rate_limited", message: "fake server: rate_limited", recoverable: true },
    ]);
    button(el, en.consent.accept).click();
    await reach(el, "select");
  });
});
