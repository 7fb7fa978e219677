// Every step of the flow as a customer meets it: what it says, what it sends, what it announces.
import { expect, waitUntil } from "@open-wc/testing";
import type { ConnectionView } from "@otl/protocol/browser";
import { BASE_URL, GOOD_2FA, GOOD_LOGIN } from "./handlers.ts";
import {
  announced,
  atSelect,
  button,
  connectSandboxBank,
  create,
  heading,
  input,
  linkAttributes,
  reach,
  screenOf,
  serve,
  settle,
  startAndAgree,
  textOf,
  tokenAttributes,
  type,
} from "./setup.ts";

describe("steps", () => {
  it("landing: the company, what will be shared and a Start button", async () => {
    const server = await serve({ dataShared: ["accounts", "statements"] });
    const { el, events } = await create(linkAttributes(server));
    await reach(el, "landing");
    expect(heading(el)).to.equal("Share Acme Pty Ltd's financial data");
    expect(textOf(el)).to.include("Your accounts").and.include("Statements").and.not.include("Balances");
    expect(button(el, "Start").className).to.equal("p");
    expect(events.map((event) => event.type)).to.deep.equal(["otl-ready"]);
    await expect(el).to.be.accessible();
  });

  it("landing: a link that asks for 2FA says a code will be sent", async () => {
    const server = await serve({ require2fa: true });
    const { el } = await create(linkAttributes(server));
    await reach(el, "landing");
    expect(textOf(el)).to.include("6-digit code");
  });

  it("verify: a wrong code is explained beside the form, a right one moves on", async () => {
    const server = await serve({ require2fa: true });
    const { el, events } = await create(linkAttributes(server));
    await reach(el, "landing");
    button(el, "Start").click();
    await reach(el, "verify");
    await expect(el).to.be.accessible();
    const code = input(el, "6-digit code");
    expect(code.autocomplete).to.equal("one-time-code");
    expect(code.inputMode).to.equal("numeric");

    type(code, "000000");
    button(el, "Confirm").click();
    await reach(el, "verify");
    expect(textOf(el)).to.include("That code is not right");
    expect(announced(el)).to.equal("That code is not right. Check it and try again.");
    expect(code.getAttribute("aria-describedby")).to.equal("error");
    expect(events.at(-1)).to.deep.equal({
      type: "otl-error",
      detail: { code: "second_factor_invalid", message: "fake server: second_factor_invalid", recoverable: true },
    });
    await expect(el).to.be.accessible();

    type(code, GOOD_2FA);
    button(el, "Confirm").click();
    await reach(el, "consent");
    expect(server.count("POST /v1/session/verify")).to.equal(2);
  });

  it("verify: send a new code", async () => {
    const server = await serve({ require2fa: true });
    const { el } = await create(linkAttributes(server));
    await reach(el, "landing");
    button(el, "Start").click();
    await reach(el, "verify");
    button(el, "Send a new code").click();
    await waitUntil(() => announced(el) === "We sent you a new code.", "the new code should be announced");
    expect(server.count("POST /v1/session/verify/resend")).to.equal(1);
  });

  it("verify: a new code's answer that comes after the element started over is not news", async () => {
    const server = await serve({ require2fa: true });
    const { el } = await create(linkAttributes(server));
    await reach(el, "landing");
    button(el, "Start").click();
    await reach(el, "verify");
    const release = server.hold("POST /v1/session/verify/resend");
    button(el, "Send a new code").click();
    await waitUntil(() => server.count("POST /v1/session/verify/resend") === 1, "the resend should be on its way");
    // The host hands over an access token meanwhile: a new run, on the same (unverified) flow.
    el.accessToken = server.issueAccessToken();
    await waitUntil(() => server.count("POST /v1/link/exchange") === 2, "the element should start over with the token");
    await reach(el, "verify");
    const reads = server.count("GET /v1/session");
    release();
    // The old session reads the flow after its resend: wait for that, then for what it might have rendered.
    await waitUntil(() => server.count("GET /v1/session") === reads + 1, "the old session should read the flow after its resend");
    await settle(el);
    expect(announced(el)).to.not.equal("We sent you a new code.");
    expect(textOf(el)).to.not.include("We sent you a new code.");
    expect(button(el, "Send a new code").disabled).to.equal(false);
  });

  it("verify: names where the code went, takes a whole pasted code, and counts down to a resend", async () => {
    const server = await serve({ require2fa: true, resendCooldown: 2 });
    const { el } = await create(linkAttributes(server));
    await reach(el, "landing");
    button(el, "Start").click();
    await reach(el, "verify");
    expect(textOf(el)).to.include("Enter the 6-digit code we sent to +61*******678.");
    const wait = button(el, /^Send a new code \(\d\)$/);
    expect(wait.disabled).to.equal(true);
    await waitUntil(() => button(el, /^Send a new code/).disabled === false, "the resend should open once its time has come", {
      timeout: 4000,
    });
    expect(button(el, "Send a new code").disabled).to.equal(false, "and the countdown is gone");
    expect(server.count("POST /v1/session/verify/resend")).to.equal(0);

    const code = input(el, "6-digit code");
    const pasted = new DataTransfer();
    pasted.setData("text", "Your code: 123 456.");
    code.dispatchEvent(new ClipboardEvent("paste", { clipboardData: pasted, bubbles: true, cancelable: true, composed: true }));
    await reach(el, "consent");
    expect(server.count("POST /v1/session/verify")).to.equal(1);
  });

  for (const [clock, skew] of [
    ["ten minutes fast", -10 * 60_000],
    ["ten minutes slow", 10 * 60_000],
  ] as const) {
    it(`verify: the resend countdown runs on the server's clock, with the browser's clock ${clock}`, async () => {
      // The server's clock is what the browser's is not: `resendAt` 20 s after the send, on its clock.
      const server = await serve({ require2fa: true, resendCooldown: 20, clockSkew: skew });
      const { el } = await create(linkAttributes(server));
      await reach(el, "landing");
      button(el, "Start").click();
      await reach(el, "verify");
      // By the browser's clock the resend would be open at once (fast), or shut for 620 s (slow).
      const resend = button(el, /^Send a new code/);
      // `Date` is a whole second, so the count may start one above 20.
      expect(resend.textContent?.trim()).to.match(/^Send a new code \((1[5-9]|2[01])\)$/);
      expect(resend.disabled).to.equal(true);
    });
  }

  it("verify: a wrong code is an alert that takes focus", async () => {
    const server = await serve({ require2fa: true });
    const { el } = await create(linkAttributes(server));
    await reach(el, "landing");
    button(el, "Start").click();
    await reach(el, "verify");
    type(input(el, "6-digit code"), "000000");
    button(el, "Confirm").click();
    await waitUntil(() => el.shadowRoot?.activeElement?.getAttribute("part") === "error", "focus should move to the error");
    expect(el.shadowRoot?.activeElement?.getAttribute("role")).to.equal("alert");
    await expect(el).to.be.accessible();
  });

  for (const [linkStatus, headingText] of [
    ["consumed", "This link has already been used"],
    ["expired", "This link has expired"],
    ["superseded", "A newer link replaced this one"],
  ] as const) {
    it(`a ${linkStatus} link offers "Send me a new link" on a hosted page, and says what happens without saying whether it did`, async () => {
      const server = await serve({ linkStatus });
      const { el } = await create({ ...linkAttributes(server), renew: "" });
      await reach(el, "failure");
      expect(heading(el)).to.equal(headingText);
      // Beside the button, the screen does not send the customer off to ask the sender for a link.
      expect(textOf(el)).not.to.include("Ask the sender");
      expect(textOf(el)).to.include("We can send a new link to the contact we have on file.");
      button(el, "Send me a new link").click();
      await waitUntil(() => textOf(el).includes("If we can, a new link is on its way"), "the screen should say a link may be on its way");
      expect(server.count("POST /v1/link/renew")).to.equal(1);
      expect(() => button(el, "Send me a new link")).to.throw();
      expect(announced(el)).to.equal("If we can, a new link is on its way to the contact we have on file.");
      await expect(el).to.be.accessible();
    });
  }

  it("a spent link offers no new link unless the page asks for it, nor a revoked one", async () => {
    const server = await serve({ linkStatus: "consumed" });
    const { el } = await create(linkAttributes(server));
    await reach(el, "failure");
    expect(() => button(el, "Send me a new link")).to.throw();
    // Without the button, the sender is who to ask.
    expect(textOf(el)).to.include("Ask the sender for a new link.");
    const revoked = await serve({ linkStatus: "revoked" });
    const other = await create({ ...linkAttributes(revoked), renew: "" });
    await reach(other.el, "failure");
    expect(() => button(other.el, "Send me a new link")).to.throw();
  });

  it("a timed-out session of a link offers a new link too", async () => {
    const server = await serve();
    const { el } = await create({ ...linkAttributes(server), renew: "" });
    await reach(el, "landing");
    button(el, "Start").click();
    await reach(el, "consent");
    server.expireSessions();
    button(el, "I agree").click();
    await reach(el, "failure");
    expect(heading(el)).to.equal("Your session timed out");
    button(el, "Send me a new link").click();
    await waitUntil(() => server.count("POST /v1/link/renew") === 1, "renew should be asked");
  });

  it("consent: the company, what will be shared, Accept and Decline", async () => {
    const server = await serve();
    const { el } = await create(tokenAttributes(server));
    await reach(el, "consent");
    expect(heading(el)).to.equal("Do you agree to share this data?");
    expect(textOf(el)).to.include("For Acme Pty Ltd, you will share data with Harbour Lending.").and.include("Balances");
    await expect(el).to.be.accessible();
  });

  it("declining shows a clear screen, emits otl-close, and going back allows agreeing after all", async () => {
    const server = await serve();
    const { el, events } = await create(tokenAttributes(server));
    await reach(el, "consent");
    button(el, "No, do not share").click();
    await reach(el, "declined");
    expect(heading(el)).to.equal("You declined");
    expect(textOf(el)).to.include("Nothing was shared");
    expect(events.filter((event) => event.type === "otl-close")).to.deep.equal([{ type: "otl-close", detail: { step: "consent" } }]);
    await expect(el).to.be.accessible();

    button(el, "Go back").click();
    await reach(el, "consent");
    button(el, "I agree").click();
    await reach(el, "select");
  });

  it("select: lists the integrations and filters them as the customer types", async () => {
    const { el } = await atSelect();
    await expect(el).to.be.accessible();
    const search = input(el, "Search");
    type(search, "north");
    await el.updateComplete;
    expect(textOf(el)).to.include("Northwind Bank").and.not.include("Sandbox Bank");
    type(search, "zzz");
    await el.updateComplete;
    expect(textOf(el)).to.include("Nothing matches your search.");
    type(search, "");
    await el.updateComplete;
    expect(textOf(el)).to.include("Sandbox Books (test)");
  });

  it("connect: a form built from the integration's fields, with labels, types and autocomplete", async () => {
    const { el, events } = await atSelect();
    button(el, /Sandbox Bank/).click();
    await reach(el, "connect");
    expect(heading(el)).to.equal("Sign in to Sandbox Bank");
    const username = input(el, "Username");
    const password = input(el, "Password");
    expect([username.type, username.autocomplete, username.required]).to.deep.equal(["text", "username", true]);
    expect([password.type, password.autocomplete]).to.deep.equal(["password", "current-password"]);
    const started = events
      .filter((event) => event.type === "otl-connection")
      .map((event) => (event.detail as { connection: ConnectionView }).connection);
    expect(started.map((connection) => [connection.integration, connection.status])).to.deep.equal([["sandbox-bank", "pending"]]);
    await expect(el).to.be.accessible();
  });

  it("connect: a refused login shows the server's message and keeps the form", async () => {
    const { el, events } = await atSelect();
    button(el, /Sandbox Bank/).click();
    await reach(el, "connect");
    type(input(el, "Username"), "user_good");
    type(input(el, "Password"), "wrong");
    button(el, "Connect").click();
    await waitUntil(() => textOf(el).includes("did not accept"), "the refusal should be shown");
    await reach(el, "connect");
    expect(announced(el)).to.equal("Sandbox Bank did not accept that username and password.");
    expect(input(el, "Username").value).to.equal("user_good");
    expect(input(el, "Password").getAttribute("aria-invalid")).to.equal("true");
    const failed = events.filter((event) => event.type === "otl-connection").at(-1)?.detail as { connection: ConnectionView };
    expect(failed.connection.status).to.equal("failed");
    await expect(el).to.be.accessible();

    type(input(el, "Password"), GOOD_LOGIN.password);
    button(el, "Connect").click();
    await reach(el, "review");
  });

  it("connect: a redirect integration offers a link to the bank's own sign-in, with a way back", async () => {
    const { el } = await atSelect();
    button(el, "Northwind Bank").click();
    await reach(el, "connect");
    expect(textOf(el)).to.include("You will sign in at Northwind Bank itself, then come back here.");
    const toBank = el.shadowRoot?.querySelector<HTMLAnchorElement>('a[part~="button"]');
    expect(toBank?.textContent).to.equal("Continue to Northwind Bank");
    expect(toBank?.href).to.equal(`${BASE_URL}/v1/oauth/start`);
    await expect(el).to.be.accessible();
    button(el, "Back").click();
    await reach(el, "select");
  });

  it("review: connected accounts, connect another, and finishing", async () => {
    const { el, events, server } = await atSelect();
    await connectSandboxBank(el);
    expect(textOf(el)).to.include("Sandbox Bank: Connected");
    await expect(el).to.be.accessible();

    button(el, "Connect another account").click();
    await reach(el, "select");
    button(el, "Back").click();
    await reach(el, "review");

    button(el, "I have disclosed all my accounts").click();
    await reach(el, "done");
    expect(heading(el)).to.equal("All done");
    expect(server.count("POST /v1/session/finish")).to.equal(1);
    expect(events.filter((event) => event.type === "otl-finish")).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it("busy: while a call runs, buttons are disabled and the element is aria-busy", async () => {
    const server = await serve();
    const { el } = await create(tokenAttributes(server));
    await reach(el, "consent");
    const release = server.hold("POST /v1/session/consent");
    button(el, "I agree").click();
    await el.updateComplete;
    const container = el.shadowRoot?.querySelector("[part~=container]");
    expect(container?.getAttribute("aria-busy")).to.equal("true");
    expect([button(el, "I agree").disabled, button(el, "No, do not share").disabled]).to.deep.equal([true, true]);
    release();
    await reach(el, "select");
  });

  it("a reload in the same tab resumes the session instead of landing again", async () => {
    const server = await serve();
    const first = await create(linkAttributes(server));
    await startAndAgree(first.el);
    first.el.remove();

    // The hosted page after a reload: the code was stripped from the address, only the company is left.
    const { el } = await create({ "base-url": linkAttributes(server)["base-url"] as string, "company-id": server.companyId });
    await reach(el, "select");
    await settle(el);
    expect(server.count("POST /v1/link/exchange")).to.equal(1);
    expect(server.count("POST /v1/link/inspect")).to.equal(1);
    expect(screenOf(el)).to.equal("select");
  });

  it("a new link opened in a tab whose earlier flow is done lands, instead of showing the old flow", async () => {
    const server = await serve({ step: "review" });
    const first = await create(tokenAttributes(server));
    await reach(first.el, "review");
    button(first.el, "I have disclosed all my accounts").click();
    await reach(first.el, "done");
    first.el.remove();

    const { el } = await create(linkAttributes(server));
    await reach(el, "landing");
  });
});
