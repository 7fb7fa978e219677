// Issue 10, items 3 and 4, as a customer meets them: the recipient and its terms on landing and
// consent, the wording kept for the receipt, the step indicator, logos and search, focus after every
// failed action, the "connecting…" state, reduced motion, and axe on every screen in light and dark.
import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { emulateMedia } from "@web/test-runner-commands";
import { CUSTOMER_TIME } from "../src/customer-time.ts";
import { INSPECT_PREFETCH } from "../src/flow/controller.ts";
import type { OtlLink } from "../src/link.element.ts";
import { en } from "../src/locales/en.ts";
import { BASE_URL, GOOD_2FA, RECIPIENT } from "./handlers.ts";
import {
  atSelect,
  button,
  connectSandboxBank,
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

/** What has focus inside the element. */
function focused(el: OtlLink): HTMLElement | null {
  return (el.shadowRoot?.activeElement as HTMLElement | null) ?? null;
}

/** The step indicator's words, or "" when the screen shows none. */
function progressOf(el: OtlLink): string {
  return el.shadowRoot?.querySelector("[part~=progress]")?.textContent?.trim() ?? "";
}

/** Waits until focus is on the screen's error line, and returns it. */
async function focusOnError(el: OtlLink): Promise<HTMLElement> {
  await waitUntil(() => focused(el)?.getAttribute("part") === "error", `focus should be on the error, was on ${focused(el)?.outerHTML}`);
  return focused(el) as HTMLElement;
}

describe("the recipient and its terms", () => {
  it("landing names who receives which data, why, for how long and how to withdraw", async () => {
    const server = await serve({ dataShared: ["accounts", "statements"] });
    const { el } = await create(linkAttributes(server));
    await reach(el, "landing");
    const facts = el.shadowRoot?.querySelector("[part~=facts]");
    const terms = [...(facts?.querySelectorAll("dt") ?? [])].map((term) => term.textContent);
    expect(terms).to.deep.equal(["Who receives it", "What is shared", "Why", "For how long", "How to withdraw"]);
    expect(textOf(el))
      .to.include("Harbour Lending")
      .and.include("to assess your loan application")
      .and.include("Up to 30 days, or until you withdraw your consent.")
      .and.include("You can withdraw your consent at any time by contacting Harbour Lending.")
      .and.include("Statements");
    // The recipient's logo and name on one line, centred on each other, 8 px apart, the name in bold.
    const line = getComputedStyle(facts?.querySelector("dd > span") as HTMLElement);
    expect([line.display, line.alignItems, line.columnGap, line.fontWeight]).to.deep.equal(["flex", "center", "8px", "600"]);
    const privacy = facts?.querySelector("a");
    expect(privacy?.getAttribute("href")).to.equal(RECIPIENT.privacyUrl);
    expect(privacy?.getAttribute("rel")).to.equal("noopener noreferrer");
    await expect(el).to.be.accessible();
  });

  it("consent names the recipient beside the company, with the same terms", async () => {
    const server = await serve();
    const { el } = await create(tokenAttributes(server));
    await reach(el, "consent");
    expect(textOf(el)).to.include("For Acme Pty Ltd, you will share data with Harbour Lending.").and.include("How to withdraw");
  });

  it("a recipient's logo is shown only from a web URL, and a javascript: privacy URL is never a link", async () => {
    const server = await serve({
      recipient: { ...RECIPIENT, logoUrl: "https://lender.test/logo.svg", privacyUrl: "javascript:alert(1)" },
    });
    const { el } = await create(tokenAttributes(server));
    await reach(el, "consent");
    expect(el.shadowRoot?.querySelector("img[part~=logo]")?.getAttribute("src")).to.equal("https://lender.test/logo.svg");
    expect(el.shadowRoot?.querySelector("[part~=facts] a")).to.equal(null);
  });

  it("with no recipient configured, consent lists the data as before", async () => {
    const server = await serve({ recipient: null });
    const { el } = await create(tokenAttributes(server));
    await reach(el, "consent");
    expect(textOf(el)).to.include("For Acme Pty Ltd, you will share:").and.not.include("Who receives it");
  });

  it("accepting sends the wording's version and language for the consent receipt", async () => {
    const server = await serve();
    const { el } = await create(tokenAttributes(server), { locale: "en-AU" });
    await reach(el, "consent");
    button(el, "I agree").click();
    await reach(el, "select");
    expect(server.consentBody).to.deep.equal({ accept: true, textVersion: en.consent.version, locale: "en-AU" });
  });

  it("landing says until when the link works, in the customer's own time zone", async () => {
    const server = await serve();
    const { el } = await create(linkAttributes(server));
    await reach(el, "landing");
    const time = el.shadowRoot?.querySelector("time");
    // The time is written at idle when the screen comes before its formatter (the first Intl.DateTimeFormat is slow).
    await waitUntil(() => time?.textContent !== "", "the expiry should be written");
    expect(time?.getAttribute("datetime")).to.equal("2030-01-01T00:00:00.000Z");
    const local = new Intl.DateTimeFormat("en", CUSTOMER_TIME).format(new Date("2030-01-01T00:00:00.000Z"));
    expect(time?.textContent).to.equal(`This link works until ${local}.`);
    // The zone is named, so the customer knows whose clock it is.
    expect(local).to.match(/GMT|UTC|[A-Z]{3}/);
  });

  it("the expiry's formatter is made once per language, at idle: a second landing in that language writes its time at once", async () => {
    const server = await serve();
    // A language no other test writes a time in, so its formatter is not made yet.
    // What each landing's first render wrote: otl-ready goes out once it is in the DOM. Listened for
    // before the element connects: on a loaded machine the landing can be ready before a fixture returns.
    const written = (el: OtlLink) =>
      new Promise<string | null | undefined>((resolve) =>
        el.addEventListener("otl-ready", () => resolve(el.shadowRoot?.querySelector("time")?.textContent), { once: true }),
      );
    const first = { el: document.createElement("otl-link") };
    const firstWritten = written(first.el);
    for (const [name, value] of Object.entries({ ...linkAttributes(server), locale: "en-NZ" })) first.el.setAttribute(name, value);
    await fixture(html`<div>${first.el}</div>`);
    await reach(first.el, "landing");
    expect(await firstWritten, "the first landing comes before its formatter").to.equal("");
    const local = new Intl.DateTimeFormat("en-NZ", CUSTOMER_TIME).format(new Date("2030-01-01T00:00:00.000Z"));
    await waitUntil(() => first.el.shadowRoot?.querySelector("time")?.textContent !== "", "the expiry should be written at idle");
    expect(first.el.shadowRoot?.querySelector("time")?.textContent).to.equal(`This link works until ${local}.`);
    sessionStorage.clear();
    const second = document.createElement("otl-link");
    const secondWritten = written(second);
    for (const [name, value] of Object.entries({ ...linkAttributes(server), locale: "en-NZ" })) second.setAttribute(name, value);
    first.el.after(second);
    expect(await secondWritten).to.equal(`This link works until ${local}.`);
  });
});

describe("a flow that feels finished", () => {
  it("a step indicator shows where the customer is, from consent to done", async () => {
    const server = await serve();
    const { el } = await create(linkAttributes(server));
    await reach(el, "landing");
    expect(progressOf(el)).to.equal("");
    button(el, "Start").click();
    await reach(el, "consent");
    expect(progressOf(el)).to.equal("Step 1 of 4");
    button(el, "I agree").click();
    await reach(el, "select");
    expect(progressOf(el)).to.equal("Step 2 of 4");
    expect(el.shadowRoot?.querySelectorAll("[part~=progress] li.on")).to.have.length(1);
    await waitUntil(() => textOf(el).includes("Sandbox Bank"), "integrations should load");
    await connectSandboxBank(el);
    expect(progressOf(el)).to.equal("Step 3 of 4");
    button(el, "I have disclosed all my accounts").click();
    await reach(el, "done");
    expect(progressOf(el)).to.equal("Step 4 of 4");
  });

  it("integrations are choices with logos, and search ignores case and accents and puts name matches first", async () => {
    const { el } = await atSelect();
    const choices = () => [...(el.shadowRoot?.querySelectorAll("#choices button") ?? [])].map((choice) => choice.textContent?.trim());
    for (const choice of el.shadowRoot?.querySelectorAll("#choices button") ?? []) {
      expect(choice.querySelector("svg[part~=logo]")?.getAttribute("aria-hidden")).to.equal("true");
    }
    const search = input(el, "Search");
    type(search, "SANDBÖX");
    await el.updateComplete;
    expect(choices()).to.deep.equal(["Sandbox Bank (test)", "Sandbox Books (test)"]);
    // "bank" starts a word of three names; "banking" (a category) also finds the upload, after them.
    type(search, "bank");
    await el.updateComplete;
    expect(choices()).to.deep.equal(["Sandbox Bank (test)", "Northwind Bank", "Statement upload"]);
    type(search, "accounting");
    await el.updateComplete;
    expect(choices()).to.deep.equal(["Sandbox Books (test)"]);
    await settle(el);
    expect(el.shadowRoot?.querySelector("[aria-live=polite]")?.textContent?.trim()).to.equal("1 result");
  });

  it("while an integration checks the sign-in, the screen says it is connecting", async () => {
    const { server, el } = await atSelect();
    button(el, /Sandbox Bank/).click();
    await reach(el, "connect");
    type(input(el, "Username"), "user_good");
    type(input(el, "Password"), "pass_good");
    const release = server.hold("POST /v1/session/connections/cn_00000000000000000001/credentials");
    button(el, "Connect").click();
    await el.updateComplete;
    const status = el.shadowRoot?.querySelector("[part~=status]") as HTMLElement;
    expect(status.textContent?.trim()).to.equal("Connecting to Sandbox Bank…");
    expect(el.shadowRoot?.querySelector("[part~=primary-button] .spin")).to.not.equal(null);
    // The spinner and the words on one line, centred on each other, 8 px apart.
    const line = getComputedStyle(status);
    expect([line.display, line.alignItems, line.columnGap]).to.deep.equal(["flex", "center", "8px"]);
    release();
    await reach(el, "review");
  });

  it('trying again after a refused sign-in: the refusal gives way to "Connecting…", written as one phrase', async () => {
    const { server, el } = await atSelect();
    button(el, /Sandbox Bank/).click();
    await reach(el, "connect");
    type(input(el, "Username"), "user_good");
    type(input(el, "Password"), "wrong");
    button(el, "Connect").click();
    await waitUntil(() => textOf(el).includes("did not accept"), "the refusal should show");
    type(input(el, "Password"), "pass_good");
    const release = server.hold("POST /v1/session/connections/cn_00000000000000000001/credentials");
    button(el, "Connect").click();
    await el.updateComplete;
    expect(textOf(el)).to.include("Connecting to Sandbox Bank…").and.not.include("did not accept");
    // The spinner and the words: two flex items, so no gap opens on either side of the bank's name.
    const status = el.shadowRoot?.querySelector("[part~=status]") as HTMLElement;
    expect([...status.children].map((child) => child.tagName)).to.deep.equal(["SPAN", "SPAN"]);
    expect([...status.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim())).to.have.length(0);
    release();
    await reach(el, "review");
  });

  it("under prefers-reduced-motion the spinner stands still", async () => {
    const server = await serve();
    const { el } = await create(linkAttributes(server));
    await reach(el, "landing");
    server.hold("POST /v1/link/exchange");
    button(el, "Start").click();
    await el.updateComplete;
    const spinner = el.shadowRoot?.querySelector(".spin") as HTMLElement;
    expect(getComputedStyle(spinner).animationName).to.equal("spin");
    await emulateMedia({ reducedMotion: "reduce" });
    try {
      expect(getComputedStyle(spinner).animationName).to.equal("none");
    } finally {
      await emulateMedia({ reducedMotion: "no-preference" });
    }
  });
});

describe("first step fast", () => {
  const prefetched = (server: { code: string; companyId: string }, companyName: string) => ({
    url: `${BASE_URL}/v1/link/inspect`,
    body: JSON.stringify({ code: server.code, companyId: server.companyId }),
    response: Promise.resolve(
      Response.json({
        status: "active",
        companyName,
        expiresAt: "2030-01-01T00:00:00.000Z",
        require2fa: false,
        dataShared: ["accounts"],
        recipient: null,
      }),
    ),
  });

  it("lands from the hosted page's prefetched inspect, asking the server nothing", async () => {
    const server = await serve();
    const { el } = await create(linkAttributes(server), { [INSPECT_PREFETCH]: prefetched(server, "Prefetched Pty Ltd") } as object);
    await reach(el, "landing");
    expect(heading(el)).to.equal("Share Prefetched Pty Ltd's financial data");
    expect(server.count("POST /v1/link/inspect")).to.equal(0);
    // Used once: it is gone from the element.
    expect((el as unknown as Record<symbol, unknown>)[INSPECT_PREFETCH]).to.equal(undefined);
  });

  it("a prefetch for another code is not used: the element asks the server itself", async () => {
    const server = await serve();
    const other = { code: `${"z".repeat(30)}`, companyId: server.companyId };
    const { el } = await create(linkAttributes(server), { [INSPECT_PREFETCH]: prefetched(other, "Someone Else Ltd") } as object);
    await reach(el, "landing");
    expect(heading(el)).to.equal("Share Acme Pty Ltd's financial data");
    expect(server.count("POST /v1/link/inspect")).to.equal(1);
  });

  it("the consent step already asks for the integrations, so select shows them with no wait", async () => {
    const server = await serve();
    const { el } = await create(tokenAttributes(server));
    await reach(el, "consent");
    await waitUntil(() => server.count("GET /v1/session/integrations") === 1, "the list should be asked for on consent");
    await settle(el);
    button(el, "I agree").click();
    await reach(el, "select");
    expect(textOf(el)).to.include("Sandbox Bank");
    expect(server.count("GET /v1/session/integrations")).to.equal(1);
  });

  it("while loading, the screen has its shape (grey lines), hidden from assistive technology", async () => {
    const server = await serve();
    const release = server.hold("POST /v1/link/inspect");
    const { el } = await create(linkAttributes(server));
    await el.updateComplete;
    expect(el.shadowRoot?.querySelectorAll("[aria-hidden=true] .sk")).to.have.length(3);
    release();
    await reach(el, "landing");
  });
});

/** The element's box: its screen, busy state, language. */
const shellOf = (el: OtlLink) => el.shadowRoot?.querySelector("[part~=container]") as HTMLElement;

describe("the shell while the link's facts or the exchange are on their way", () => {
  it("a link code: the landing's heading, words and bars and a disabled Start, busy, from the first render; then the landing", async () => {
    const server = await serve();
    const release = server.hold("POST /v1/link/inspect");
    const { el, events } = await create(linkAttributes(server));
    await el.updateComplete;
    const shell = shellOf(el);
    expect(shell.getAttribute("data-screen")).to.equal("loading");
    expect(shell.getAttribute("aria-busy")).to.equal("true");
    // The heading is the landing's, a grey bar where the company's name goes (it is not known yet).
    expect(heading(el)).to.equal(en.landing.heading.replace("{company}", ""));
    expect(shell.querySelector("[part~=heading] .skn[aria-hidden=true]")).to.not.equal(null);
    expect(textOf(el)).to.include(en.landing.intro);
    expect(shell.querySelectorAll("[aria-hidden=true] > .sk")).to.have.length(3);
    expect(button(el, en.landing.start).disabled).to.equal(true);
    expect(shell.querySelector("[role=status]")?.textContent).to.equal(en.loading);
    expect(events.map((event) => event.type)).to.not.include("otl-ready");
    await expect(el).to.be.accessible();
    release();
    await reach(el, "landing");
    expect(heading(el)).to.equal(`Share ${server.companyName}'s financial data`);
    expect(events.map((event) => event.type)).to.include("otl-ready");
  });

  it("an access token: the consent's heading, bars and a disabled 'I agree', busy, while the exchange is in flight", async () => {
    const server = await serve();
    const release = server.hold("POST /v1/link/exchange");
    const { el } = await create({ ...tokenAttributes(server), theme: "dark" });
    await el.updateComplete;
    const shell = shellOf(el);
    expect(shell.getAttribute("aria-busy")).to.equal("true");
    expect(heading(el)).to.equal(en.consent.heading);
    expect(button(el, en.consent.accept).disabled).to.equal(true);
    expect(shell.querySelectorAll("[aria-hidden=true] > .sk")).to.have.length(3);
    await expect(el).to.be.accessible();
    release();
    await reach(el, "consent");
    expect(server.count("POST /v1/link/exchange")).to.equal(1);
  });

  it("in the link's language and direction", async () => {
    const server = await serve();
    const release = server.hold("POST /v1/link/inspect");
    const { el } = await create({ ...linkAttributes(server), locale: "ar" });
    await waitUntil(() => shellOf(el)?.getAttribute("dir") === "rtl", "the Arabic catalogue should load");
    expect(shellOf(el).getAttribute("lang")).to.equal("ar");
    expect(heading(el)).to.not.include("{company}");
    await expect(el).to.be.accessible();
    release();
    await reach(el, "landing");
  });
});

describe("focus after a failed action", () => {
  it("a wrong 2FA code: focus on the error, which the code input points at", async () => {
    const server = await serve({ require2fa: true });
    const { el } = await create(linkAttributes(server));
    await reach(el, "landing");
    button(el, "Start").click();
    await reach(el, "verify");
    type(input(el, "6-digit code"), "000000");
    button(el, "Confirm").click();
    const error = await focusOnError(el);
    expect(error.textContent).to.equal("That code is not right. Check it and try again.");
    expect(input(el, "6-digit code").getAttribute("aria-describedby")).to.equal(error.id);
    type(input(el, "6-digit code"), GOOD_2FA);
    button(el, "Confirm").click();
    await reach(el, "consent");
  });

  it("a refused login: focus on the server's words, which every field points at", async () => {
    const { el } = await atSelect();
    button(el, /Sandbox Bank/).click();
    await reach(el, "connect");
    type(input(el, "Username"), "user_bad");
    type(input(el, "Password"), "nope");
    button(el, "Connect").click();
    const error = await focusOnError(el);
    expect(error.textContent).to.include("did not accept that username and password");
    for (const label of ["Username", "Password"]) expect(input(el, label).getAttribute("aria-describedby")).to.equal(error.id);
  });

  it("a network failure on consent, on Start and on finishing: focus on the error each time", async () => {
    const server = await serve();
    const { el } = await create(linkAttributes(server));
    await reach(el, "landing");
    server.failNext("POST /v1/link/exchange", "network");
    button(el, "Start").click();
    expect((await focusOnError(el)).textContent).to.equal(en.offline.body);
    button(el, "Start").click();
    await reach(el, "consent");
    server.failNext("POST /v1/session/consent", "network");
    button(el, "I agree").click();
    await focusOnError(el);
    button(el, "I agree").click();
    await reach(el, "select");
    await waitUntil(() => textOf(el).includes("Sandbox Bank"), "integrations should load");
    await connectSandboxBank(el);
    server.failNext("POST /v1/session/finish", "conflict");
    button(el, "I have disclosed all my accounts").click();
    await focusOnError(el);
  });

  it("a failure that ends the flow is an alert, and focus goes to it", async () => {
    const server = await serve();
    const { el } = await create(tokenAttributes(server));
    await reach(el, "consent");
    server.expireSessions();
    button(el, "I agree").click();
    await reach(el, "failure");
    expect(el.shadowRoot?.querySelector("[part~=error]")?.getAttribute("role")).to.equal("alert");
    expect((await focusOnError(el)).textContent).to.include(en.embedded.session.body);
  });
});

describe("axe on every screen", () => {
  for (const theme of ["light", "dark"] as const) {
    it(`${theme}: landing, verify, consent, declined, select, connect with an error, review, done and failure`, async () => {
      const server = await serve({ require2fa: true, recipient: { ...RECIPIENT, logoUrl: "https://lender.test/logo.svg" } });
      const { el } = await create({ ...linkAttributes(server), theme });
      const check = async (screen: string) => {
        await reach(el, screen);
        await expect(el, `${theme} ${screen}`).to.be.accessible();
      };
      await check("landing");
      button(el, "Start").click();
      await check("verify");
      type(input(el, "6-digit code"), GOOD_2FA);
      button(el, "Confirm").click();
      await check("consent");
      button(el, "No, do not share").click();
      await check("declined");
      button(el, "Go back").click();
      await reach(el, "consent");
      button(el, "I agree").click();
      await reach(el, "select");
      await waitUntil(() => textOf(el).includes("Sandbox Bank"), "integrations should load");
      await check("select");
      button(el, /Sandbox Bank/).click();
      await reach(el, "connect");
      type(input(el, "Username"), "user_bad");
      type(input(el, "Password"), "nope");
      button(el, "Connect").click();
      await focusOnError(el);
      await check("connect");
      type(input(el, "Username"), "user_good");
      type(input(el, "Password"), "pass_good");
      button(el, "Connect").click();
      await check("review");
      button(el, "I have disclosed all my accounts").click();
      await check("done");
      server.expireSessions();
      el.accessToken = server.accessToken;
      server.failNext("POST /v1/link/exchange", "token_consumed");
      await check("failure");
    });
  }
});

describe("logos", () => {
  it("a sandbox integration's logo is a coloured tile with a white mark", async () => {
    const { el } = await atSelect();
    const logo = button(el, /Sandbox Bank/).querySelector("svg") as SVGSVGElement;
    const tile = logo.querySelector("rect") as SVGRectElement;
    expect(getComputedStyle(tile).fill).to.equal("rgb(29, 78, 216)");
    // The mark is drawn beside the tile, not swallowed inside it.
    expect(logo.querySelector(":scope > path")?.getAttribute("fill")).to.equal("#fff");
  });
});
