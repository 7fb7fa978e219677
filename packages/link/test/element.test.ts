// The element as a host page sees it: late attributes, theming, parts, locales, several instances,
// host strings as text, focus and keyboard.
import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { emulateMedia, sendKeys } from "@web/test-runner-commands";
import type { OtlLink } from "../src/link.element.ts";
import {
  announced,
  BASE_URL,
  button,
  create,
  heading,
  input,
  linkAttributes,
  reach,
  serve,
  settle,
  textOf,
  tokenAttributes,
  type,
} from "./setup.ts";

function container(el: OtlLink): HTMLElement {
  return el.shadowRoot?.querySelector("[part~=container]") as HTMLElement;
}

describe("<otl-link>", () => {
  it("is defined by importing the package, once", () => {
    expect(customElements.get("otl-link")?.name).to.equal("OtlLink");
  });

  it("works with attributes set after it is in the page, as the hosted page does", async () => {
    const server = await serve();
    // The hosted page's HTML has the base URL and company; its script adds the code and options later.
    const { el } = await create({ "base-url": BASE_URL, "company-id": server.companyId });
    el.setAttribute("code", server.code);
    el.setAttribute("locale", "en");
    el.setAttribute("theme", "dark");
    el.setAttribute("show-sandbox-integrations", "false");
    await reach(el, "landing");
    expect(container(el).classList.contains("dark")).to.equal(true);
    button(el, "Start").click();
    await reach(el, "consent");
    button(el, "I agree").click();
    await reach(el, "select");
    await waitUntil(() => textOf(el).includes("Northwind Bank"), "integrations should load");
    expect(textOf(el)).to.not.include("Sandbox Bank");
    expect(server.queries.get("GET /v1/session/integrations")).to.deep.equal(["?sandbox=false"]);
    expect(server.count("POST /v1/link/exchange")).to.equal(1);
  });

  it("on a hosted page, waits for the code its script sets on DOMContentLoaded instead of calling the link invalid", async () => {
    await serve();
    const frame = await fixture<HTMLIFrameElement>(html`<iframe src="/packages/link/test/fixtures/hosted-page.html"></iframe>`);
    const page = () => frame.contentWindow as Window & { seen?: Array<{ type: string; detail: { code?: string } }> };
    // With no OTL server behind it, the inspect of the code it was handed fails with a 404.
    await waitUntil(() => page().seen?.some((event) => event.type === "otl-error"), "the page should try to inspect the code", {
      timeout: 8000,
    });
    const errors = (page().seen ?? []).filter((event) => event.type === "otl-error").map((event) => event.detail.code);
    expect(errors).to.deep.equal(["not_found"]);
    expect((page().seen ?? []).map((event) => event.type)).to.deep.equal(["otl-ready", "otl-error"]);
    // The page's failure screen has its file by now: nothing of this page is still loading as the next test starts.
    const link = () => frame.contentDocument?.querySelector("otl-link")?.shadowRoot?.querySelector("[part~=container]");
    await waitUntil(() => link()?.getAttribute("aria-busy") === "false", "the page's failure screen should be shown");
  });

  it("works with properties set after it is in the page", async () => {
    const server = await serve();
    const { el } = await create({});
    await settle(el);
    expect(server.requests.size).to.equal(0);
    el.baseUrl = BASE_URL;
    el.accessToken = server.accessToken;
    await reach(el, "consent");
  });

  it("asks for the integrations again when show-sandbox-integrations changes", async () => {
    const server = await serve();
    const { el } = await create(tokenAttributes(server));
    await reach(el, "consent");
    button(el, "I agree").click();
    await reach(el, "select");
    await waitUntil(() => textOf(el).includes("Sandbox Bank"), "sandbox integrations are shown by default");
    el.showSandboxIntegrations = false;
    // The list, not the "Loading…" in between (which lacks Sandbox Bank too, before the request is out).
    await waitUntil(
      () => textOf(el).includes("Northwind Bank") && !textOf(el).includes("Sandbox Bank"),
      "sandbox integrations should be hidden",
    );
    expect(server.queries.get("GET /v1/session/integrations")).to.deep.equal(["", "?sandbox=false"]);
  });

  it("dispatches every event as a CustomEvent that bubbles out of the shadow root to the document", async () => {
    const server = await serve();
    const names = ["otl-ready", "otl-step", "otl-connection", "otl-finish", "otl-close", "otl-error"] as const;
    const seen: CustomEvent[] = [];
    const listener = (event: Event) => seen.push(event as CustomEvent);
    for (const name of names) document.addEventListener(name, listener);
    try {
      const { el } = await create(tokenAttributes(server));
      await reach(el, "consent");
      button(el, "No, do not share").click();
      await reach(el, "declined");
      button(el, "Go back").click();
      await reach(el, "consent");
      server.failNext("POST /v1/session/consent", "rate_limited", "1");
      button(el, "I agree").click();
      await reach(el, "consent");
      // Held for the server's Retry-After (test/problems.test.ts), then given back.
      await waitUntil(() => !button(el, /^I agree/).disabled, "the wait should end", { timeout: 3000 });
      button(el, "I agree").click();
      await reach(el, "select");
      button(el, /Sandbox Bank/).click();
      await reach(el, "connect");
      type(input(el, "Username"), "user_good");
      type(input(el, "Password"), "pass_good");
      button(el, "Connect").click();
      await reach(el, "review");
      button(el, "I have disclosed all my accounts").click();
      await reach(el, "done");
    } finally {
      for (const name of names) document.removeEventListener(name, listener);
    }
    expect([...new Set(seen.map((event) => event.type))].sort()).to.deep.equal([...names].sort());
    for (const event of seen)
      expect([event instanceof CustomEvent, event.bubbles, event.composed], event.type).to.deep.equal([true, true, true]);
    expect(seen[0]?.type).to.equal("otl-ready");
    expect(seen[0]?.detail).to.deep.equal({});
    expect(seen.find((event) => event.type === "otl-error")?.detail).to.deep.equal({
      code: "rate_limited",
      message: "fake server: rate_limited",
      recoverable: true,
    });
    expect(seen.filter((event) => event.type === "otl-connection").map((event) => event.detail.connection.status)).to.deep.equal([
      "pending",
      "linked",
    ]);
  });

  it("themes: light by default, dark, auto following the system, and --otl-* properties", async () => {
    const server = await serve();
    const { el } = await create(tokenAttributes(server));
    await reach(el, "consent");
    const background = () => getComputedStyle(container(el)).backgroundColor;
    expect(background()).to.equal("rgb(255, 255, 255)");
    el.theme = "dark";
    await el.updateComplete;
    expect(background()).to.equal("rgb(17, 24, 39)");
    el.theme = "auto";
    await emulateMedia({ colorScheme: "dark" });
    await el.updateComplete;
    expect(background()).to.equal("rgb(17, 24, 39)");
    await emulateMedia({ colorScheme: "light" });
    expect(background()).to.equal("rgb(255, 255, 255)");
    el.style.setProperty("--otl-accent", "rgb(1, 2, 3)");
    el.style.setProperty("--otl-radius", "0px");
    expect(getComputedStyle(button(el, "I agree")).backgroundColor).to.equal("rgb(1, 2, 3)");
    expect(getComputedStyle(button(el, "I agree")).borderTopLeftRadius).to.equal("0px");
  });

  it("exposes parts a page can style with ::part()", async () => {
    const server = await serve();
    const page = await fixture(html`<div>
      <style>
        .styled::part(primary-button) {
          text-transform: uppercase;
        }
      </style>
      <otl-link class="styled" base-url=${BASE_URL} access-token=${server.accessToken}></otl-link>
    </div>`);
    const el = page.querySelector("otl-link") as OtlLink;
    await reach(el, "consent");
    for (const part of ["container", "heading", "text", "list", "item", "actions", "button", "primary-button"]) {
      expect(el.shadowRoot?.querySelector(`[part~=${part}]`), part).to.exist;
    }
    expect(getComputedStyle(button(el, "I agree")).textTransform).to.equal("uppercase");
    expect(getComputedStyle(button(el, "No, do not share")).textTransform).to.equal("none");
  });

  it("falls back to English for a locale it has no words for", async () => {
    const server = await serve();
    const { el } = await create({ ...tokenAttributes(server), locale: "sv-SE" });
    await reach(el, "consent");
    expect(container(el).lang).to.equal("en");
    expect(heading(el)).to.equal("Do you agree to share this data?");
  });

  it("renders host-supplied names as text, never as HTML", async () => {
    const name = `<img src=x onerror="window.pwned=true">Evil & Co`;
    const server = await serve({ companyName: name });
    const { el } = await create(linkAttributes(server));
    await reach(el, "landing");
    expect(heading(el)).to.equal(`Share ${name}'s financial data`);
    expect(el.shadowRoot?.querySelector("img")).to.equal(null);
    expect((window as { pwned?: boolean }).pwned).to.equal(undefined);
  });

  it("runs several instances side by side without sharing state or styles", async () => {
    const server = await serve();
    const second = server.issueAccessToken();
    const page = await fixture(html`<div>
      <otl-link base-url=${BASE_URL} access-token=${server.accessToken}></otl-link>
      <otl-link base-url=${BASE_URL} access-token=${second}></otl-link>
      <h2 id="host-heading">The host's own heading</h2>
    </div>`);
    const [a, b] = [...page.querySelectorAll("otl-link")] as OtlLink[] as [OtlLink, OtlLink];
    const hostHeading = page.querySelector("#host-heading") as HTMLElement;
    const before = getComputedStyle(hostHeading).fontSize;
    await reach(a, "consent");
    await reach(b, "consent");
    let bSteps = 0;
    b.addEventListener("otl-step", () => bSteps++);
    button(a, "I agree").click();
    await reach(a, "select");
    await settle(b);
    expect(heading(b)).to.equal("Do you agree to share this data?");
    expect(bSteps).to.equal(0);
    expect(server.count("POST /v1/link/exchange")).to.equal(2);
    expect(getComputedStyle(hostHeading).fontSize).to.equal(before);
    expect(document.adoptedStyleSheets).to.have.length(0);
  });

  it("keeps focus with the page at first, then moves it to each new step's heading", async () => {
    const server = await serve();
    const { el } = await create(tokenAttributes(server));
    await reach(el, "consent");
    expect(el.shadowRoot?.activeElement ?? null).to.equal(null);
    button(el, "I agree").click();
    await reach(el, "select");
    const focused = el.shadowRoot?.activeElement as HTMLElement;
    expect(focused.getAttribute("part")).to.equal("heading");
    expect(focused.textContent).to.equal("Choose where your accounts are");
    expect(announced(el)).to.equal("Choose where your accounts are");
  });

  it("is operable with the keyboard alone", async () => {
    const server = await serve();
    const { el } = await create(linkAttributes(server));
    await reach(el, "landing");
    for (const found of el.shadowRoot?.querySelectorAll("[part~=button]") ?? []) expect(found.tagName).to.equal("BUTTON");
    button(el, "Start").focus();
    await sendKeys({ press: "Enter" });
    await reach(el, "consent");
    // Focus is on the heading: Tab reaches the recipient's privacy policy, then "I agree"; Enter presses it.
    await sendKeys({ press: "Tab" });
    expect(el.shadowRoot?.activeElement?.textContent).to.equal("Harbour Lending's privacy policy");
    await sendKeys({ press: "Tab" });
    expect(el.shadowRoot?.activeElement?.textContent).to.equal("I agree");
    await sendKeys({ press: "Enter" });
    await reach(el, "select");
    await waitUntil(() => textOf(el).includes("Sandbox Bank"), "integrations should load");
    await sendKeys({ press: "Tab" });
    await sendKeys({ type: "sandbox b" });
    await el.updateComplete;
    await sendKeys({ press: "Tab" });
    expect(el.shadowRoot?.activeElement?.textContent).to.include("Sandbox Bank");
    await sendKeys({ press: "Enter" });
    await reach(el, "connect");
    await sendKeys({ press: "Tab" });
    await sendKeys({ type: "user_good" });
    await sendKeys({ press: "Tab" });
    await sendKeys({ type: "pass_good" });
    await sendKeys({ press: "Enter" });
    await reach(el, "review");
  });

  it("fits a 320 px wide screen", async () => {
    const server = await serve({ companyName: "A company with a rather long name that must wrap instead of overflowing" });
    const page = await fixture(html`<div style="width: 320px">
      <otl-link base-url=${BASE_URL} code=${server.code} company-id=${server.companyId}></otl-link>
    </div>`);
    const el = page.querySelector("otl-link") as OtlLink;
    await reach(el, "landing");
    const box = container(el);
    expect(box.getBoundingClientRect().width).to.be.at.most(320);
    expect(box.scrollWidth).to.be.at.most(box.clientWidth);
    await expect(el).to.be.accessible();
  });
});
