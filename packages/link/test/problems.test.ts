// Failures that read right (issue 10, item 4): every error code the server can answer lands on a
// screen and words someone chose; five wrong 2FA codes say so and what to do now; a refusal with
// `Retry-After` holds the action it refused, says once how long, and gives it back by itself.
import { expect, waitUntil } from "@open-wc/testing";
import { ERROR_CODES, type ErrorCode } from "@otl/protocol/browser";
import { emulateMedia } from "@web/test-runner-commands";
import type { OtlLink } from "../src/link.element.ts";
import { ar } from "../src/locales/ar.ts";
import { de } from "../src/locales/de.ts";
import { en, type Messages } from "../src/locales/en.ts";
import { es } from "../src/locales/es.ts";
import { fr } from "../src/locales/fr.ts";
import { nl } from "../src/locales/nl.ts";
import { pt } from "../src/locales/pt.ts";
import { GOOD_2FA, GOOD_LOGIN } from "./handlers.ts";
import { announced, button, create, heading, input, linkAttributes, reach, serve, settle, textOf, tokenAttributes, type } from "./setup.ts";

/** What has focus inside the element. */
function focused(el: OtlLink): HTMLElement | null {
  return (el.shadowRoot?.activeElement as HTMLElement | null) ?? null;
}

/** Waits until focus is on the screen's error, and returns it. */
async function focusOnError(el: OtlLink): Promise<HTMLElement> {
  await waitUntil(() => focused(el)?.getAttribute("part") === "error", `focus should be on the error, was on ${focused(el)?.outerHTML}`);
  return focused(el) as HTMLElement;
}

/** The screen's error (beside a step, or a failure screen's message). */
function errorOf(el: OtlLink): HTMLElement | null {
  return el.shadowRoot?.querySelector<HTMLElement>("[part~=error]") ?? null;
}

/** The wait sentence, as the element writes it for `seconds`. */
const wait = (seconds: number, t: Messages = en) =>
  t.errors.wait.replace("{time}", new Intl.NumberFormat(t.lang, { style: "unit", unit: "second", unitDisplay: "long" }).format(seconds));

/**
 * What the customer must see for each code, chosen here on purpose (not read back from the element's
 * table): beside a step that can go on, or on a failure screen, and before any step. The codes come
 * from the protocol's own list, so a code the server gains fails this file until someone decides.
 * Codes that carry `Retry-After` (429, 503) are sent with it, as the server always does.
 */
const CHOSEN: Readonly<Record<ErrorCode | "network", { step: string | { screen: string }; early: string }>> = {
  validation_failed: { step: en.errors.validation_failed, early: en.failure.invalid.heading },
  unauthorized: { step: { screen: en.failure.session.heading }, early: en.failure.session.heading },
  session_expired: { step: { screen: en.failure.session.heading }, early: en.failure.session.heading },
  token_invalid: { step: { screen: en.failure.invalid.heading }, early: en.failure.invalid.heading },
  token_expired: { step: { screen: en.failure.expired.heading }, early: en.failure.expired.heading },
  token_consumed: { step: { screen: en.failure.used.heading }, early: en.failure.used.heading },
  token_revoked: { step: { screen: en.failure.revoked.heading }, early: en.failure.revoked.heading },
  token_superseded: { step: { screen: en.failure.superseded.heading }, early: en.failure.superseded.heading },
  second_factor_required: { step: en.errors.second_factor_required, early: en.failure.invalid.heading },
  second_factor_invalid: { step: en.errors.second_factor_invalid, early: en.failure.invalid.heading },
  second_factor_locked: { step: { screen: en.failure.locked.heading }, early: en.failure.locked.heading },
  rate_limited: { step: `${en.errors.rate_limited} ${wait(2)}`, early: en.failure.problem.heading },
  // Only the upload routes answer these; the upload step has its own words (test/upload.test.ts).
  upload_rejected: { step: en.errors.other, early: en.failure.problem.heading },
  payload_too_large: { step: en.errors.other, early: en.failure.problem.heading },
  unavailable: { step: `${en.errors.other} ${wait(2)}`, early: en.failure.problem.heading },
  not_found: { step: en.errors.conflict, early: en.failure.invalid.heading },
  conflict: { step: en.errors.conflict, early: en.failure.problem.heading },
  internal: { step: en.errors.other, early: en.failure.problem.heading },
  network: { step: en.offline.body, early: en.offline.heading },
};

const WAITS: ReadonlySet<string> = new Set(["rate_limited", "unavailable"]);

describe("every error code has a screen and words", () => {
  for (const code of [...ERROR_CODES, "network"] as const) {
    it(`${code}: beside a step, or its failure screen; and before any step`, async () => {
      const chosen = CHOSEN[code];
      expect(chosen, `no screen or words chosen for ${code}`).to.exist;
      const retryAfter = WAITS.has(code) ? "2" : undefined;
      const server = await serve();
      const { el } = await create(linkAttributes(server));
      await reach(el, "landing");
      button(el, "Start").click();
      await reach(el, "consent");
      server.failNext("POST /v1/session/consent", code, retryAfter);
      button(el, "I agree").click();
      if (typeof chosen.step === "string") {
        expect((await focusOnError(el)).textContent?.trim()).to.equal(chosen.step);
        expect(announced(el)).to.equal(chosen.step);
        expect(heading(el)).to.equal(en.consent.heading);
      } else {
        await reach(el, "failure");
        expect(heading(el)).to.equal(chosen.step.screen);
        const error = await focusOnError(el);
        expect(error.getAttribute("role")).to.equal("alert");
      }

      const early = await serve();
      early.failNext("POST /v1/link/inspect", code, retryAfter);
      const before = await create(linkAttributes(early));
      await reach(before.el, "failure");
      expect(heading(before.el)).to.equal(chosen.early);
      expect(errorOf(before.el)?.getAttribute("role")).to.equal("alert");
      // Why, when it was a limit, and how long, said once.
      const waited = code === "rate_limited" ? `${en.errors.rate_limited} ${wait(2)}` : wait(2);
      if (retryAfter) expect([errorOf(before.el)?.textContent?.trim(), announced(before.el)]).to.deep.equal([waited, waited]);
    });
  }
});

describe("five wrong 2FA codes", () => {
  /** Sends five wrong codes on the verify step, as a customer would. */
  async function lockOut(el: OtlLink): Promise<void> {
    await reach(el, "verify");
    for (let attempt = 1; attempt <= 5; attempt++) {
      type(input(el, "6-digit code"), "000000");
      button(el, "Confirm").click();
      if (attempt < 5) {
        await waitUntil(() => errorOf(el)?.textContent?.trim() === en.errors.second_factor_invalid, `wrong code ${attempt}`);
        await settle(el);
      }
    }
    await reach(el, "failure");
  }

  it("say plainly that too many codes were wrong, take focus, and offer a new link (not the used link's screen)", async () => {
    const server = await serve({ require2fa: true });
    const { el, events } = await create({ ...linkAttributes(server), renew: "" });
    await reach(el, "landing");
    button(el, "Start").click();
    await lockOut(el);
    expect(heading(el)).to.equal("Too many wrong codes");
    expect(heading(el)).not.to.equal(en.failure.used.heading);
    const error = await focusOnError(el);
    expect(error.getAttribute("role")).to.equal("alert");
    expect(error.textContent?.trim()).to.equal(`${en.failure.locked.body} ${en.renew.body}`);
    expect(events.filter((event) => event.type === "otl-error").map((event) => (event.detail as { code: string }).code)).to.deep.equal([
      ...Array(4).fill("second_factor_invalid"),
      "second_factor_locked",
    ]);
    // What the server allows after a lockout: the link is spent, and a fresh one goes to the contact on file.
    button(el, en.renew.button).click();
    await waitUntil(() => textOf(el).includes(en.renew.sent), "the new link should be said to be on its way");
    expect(server.count("POST /v1/link/renew")).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it("without a way to send a new link here, say to ask the sender; on a host's page, to reload", async () => {
    const server = await serve({ require2fa: true });
    const { el } = await create(linkAttributes(server));
    await reach(el, "landing");
    button(el, "Start").click();
    await lockOut(el);
    expect(errorOf(el)?.textContent?.trim()).to.equal(`${en.failure.locked.body} ${en.failure.revoked.body}`);
    expect(() => button(el, en.renew.button)).to.throw();

    const hosted = await serve({ require2fa: true });
    const embedded = await create(tokenAttributes(hosted));
    await lockOut(embedded.el);
    expect(heading(embedded.el)).to.equal(en.failure.locked.heading);
    expect(errorOf(embedded.el)?.textContent?.trim()).to.equal(en.embedded.expired.body);
  });

  for (const t of [fr, de, es, nl, pt, ar]) {
    it(`${t.lang}: in the customer's language${t.dir === "rtl" ? ", right to left" : ""}`, async () => {
      const server = await serve({ require2fa: true });
      const { el } = await create({ ...tokenAttributes(server), locale: t.lang, renew: "" });
      await reach(el, "verify");
      for (let attempt = 1; attempt <= 5; attempt++) {
        (el.shadowRoot?.querySelector("input[name=code]") as HTMLInputElement).value = "000000";
        button(el, t.verify.submit).click();
        if (attempt < 5) {
          await waitUntil(() => errorOf(el)?.textContent?.trim() === t.errors.second_factor_invalid, `wrong code ${attempt}`);
          await settle(el);
        }
      }
      await reach(el, "failure");
      expect(heading(el)).to.equal(t.failure.locked.heading);
      expect(errorOf(el)?.textContent?.trim()).to.equal(t.embedded.expired.body);
      const container = el.shadowRoot?.querySelector("[part~=container]");
      expect([container?.getAttribute("lang"), container?.getAttribute("dir")]).to.deep.equal([t.lang, t.dir]);
      await expect(el).to.be.accessible();
    });
  }

  for (const theme of ["light", "dark"] as const) {
    it(`${theme}: the lockout screen passes axe`, async () => {
      await emulateMedia({ colorScheme: theme });
      const server = await serve({ require2fa: true });
      const { el } = await create({ ...linkAttributes(server), theme, renew: "" });
      await reach(el, "landing");
      button(el, "Start").click();
      await lockOut(el);
      await expect(el).to.be.accessible();
      await emulateMedia({ colorScheme: "light" });
    });
  }
});

describe("Retry-After", () => {
  /** The button's text, without the spaces Lit leaves around parts. */
  const label = (found: HTMLButtonElement) => found.textContent?.replace(/\s+/g, " ").trim();

  it("429 with Retry-After: 3 on consent: the actions are disabled, the wait is said once, the count runs, then they come back", async () => {
    const server = await serve();
    const { el } = await create(tokenAttributes(server));
    await reach(el, "consent");
    server.failNext("POST /v1/session/consent", "rate_limited", "3");
    button(el, "I agree").click();
    const error = await focusOnError(el);
    expect(error.textContent?.trim()).to.equal(`Too many attempts. ${wait(3)}`);
    // Said once, politely: the status region holds the sentence, not a number that changes every second.
    expect(announced(el)).to.equal(`Too many attempts. ${wait(3)}`);
    const agree = button(el, /^I agree/);
    expect([agree.disabled, label(agree)]).to.deep.equal([true, "I agree (3)"]);
    expect(button(el, "No, do not share").disabled).to.equal(true);
    await expect(el).to.be.accessible();
    // Pressing at once does nothing: no request goes out to be refused again.
    agree.click();
    await waitUntil(() => label(button(el, /^I agree/)) === "I agree (2)", "the count should run", { timeout: 2500 });
    expect(announced(el)).to.equal(`Too many attempts. ${wait(3)}`);
    expect(server.count("POST /v1/session/consent")).to.equal(1);
    await waitUntil(() => !button(el, /^I agree/).disabled, "the action should come back by itself", { timeout: 4000 });
    expect(label(button(el, /^I agree/))).to.equal("I agree");
    expect(button(el, "No, do not share").disabled).to.equal(false);
    button(el, "I agree").click();
    await reach(el, "select");
    expect(server.count("POST /v1/session/consent")).to.equal(2);
  });

  for (const [theme, t] of [
    ["dark", en],
    ["light", ar],
  ] as const) {
    it(`${theme}, ${t.lang}: a held step and the early wait screen pass axe, in the customer's words`, async () => {
      await emulateMedia({ colorScheme: theme });
      try {
        const early = await serve();
        early.failNext("POST /v1/link/inspect", "unavailable", "30");
        const before = await create({ ...linkAttributes(early), theme, locale: t.lang });
        await reach(before.el, "failure");
        expect(heading(before.el)).to.equal(t.failure.problem.heading);
        expect(errorOf(before.el)?.textContent?.trim()).to.equal(wait(30, t));
        await expect(before.el).to.be.accessible();

        const server = await serve();
        const { el } = await create({ ...tokenAttributes(server), theme, locale: t.lang });
        await reach(el, "consent");
        server.failNext("POST /v1/session/consent", "rate_limited", "30");
        button(el, t.consent.accept).click();
        expect((await focusOnError(el)).textContent?.trim()).to.equal(`${t.errors.rate_limited} ${wait(30, t)}`);
        expect(el.shadowRoot?.querySelector("[part~=container]")?.getAttribute("dir")).to.equal(t.dir);
        await expect(el).to.be.accessible();
      } finally {
        await emulateMedia({ colorScheme: "light" });
      }
    });
  }

  it("what reaches the controller without its button — a pasted code, a form submitted by script — is held too", async () => {
    const server = await serve({ require2fa: true });
    const { el } = await create(tokenAttributes(server));
    await reach(el, "verify");
    server.failNext("POST /v1/session/verify", "unavailable", "2");
    type(input(el, "6-digit code"), "000000");
    button(el, "Confirm").click();
    await focusOnError(el);
    const code = input(el, "6-digit code");
    const pasted = new DataTransfer();
    pasted.setData("text", `Your code: ${GOOD_2FA}`);
    code.dispatchEvent(new ClipboardEvent("paste", { clipboardData: pasted, bubbles: true, cancelable: true, composed: true }));
    ((el.shadowRoot as ShadowRoot).querySelector("form") as HTMLFormElement).requestSubmit();
    await settle(el);
    expect(server.count("POST /v1/session/verify")).to.equal(1);
    await waitUntil(() => !button(el, /^Confirm/).disabled, "given back", { timeout: 3500 });
    ((el.shadowRoot as ShadowRoot).querySelector("form") as HTMLFormElement).requestSubmit();
    await reach(el, "consent");
    expect(server.count("POST /v1/session/verify")).to.equal(2);
  });

  it("says a long wait in minutes or hours, in the customer's language", async () => {
    const server = await serve({ require2fa: true });
    const { el } = await create({ ...tokenAttributes(server), locale: "fr" });
    await reach(el, "verify");
    // The company's ten codes of the day are spent: the server names the hours left.
    server.failNext("POST /v1/session/verify/resend", "rate_limited", String(5 * 3600 - 20));
    button(el, fr.verify.resend).click();
    const error = await focusOnError(el);
    const hours = new Intl.NumberFormat("fr", { style: "unit", unit: "hour", unitDisplay: "long" }).format(5);
    expect(error.textContent?.trim()).to.equal(`${fr.errors.rate_limited} ${fr.errors.wait.replace("{time}", hours)}`);
    // A refused send holds only the send: the code already sent can still be confirmed.
    expect(button(el, /^Recevoir un nouveau code/).disabled).to.equal(true);
    expect(button(el, fr.verify.submit).disabled).to.equal(false);
    (el.shadowRoot?.querySelector("input[name=code]") as HTMLInputElement).value = GOOD_2FA;
    button(el, fr.verify.submit).click();
    await reach(el, "consent");
  });

  /** Each action that can be refused with 429, reached as a customer would, and the button that sends it. */
  const ACTIONS: ReadonlyArray<{
    name: string;
    route: string;
    button: string | RegExp;
    reach: () => Promise<{ el: OtlLink; server: Awaited<ReturnType<typeof serve>> }>;
  }> = [
    {
      name: "Start (the exchange)",
      route: "POST /v1/link/exchange",
      button: "Start",
      reach: async () => {
        const server = await serve();
        const { el } = await create(linkAttributes(server));
        await reach(el, "landing");
        return { el, server };
      },
    },
    {
      name: "Confirm (the 2FA code)",
      route: "POST /v1/session/verify",
      button: "Confirm",
      reach: async () => {
        const server = await serve({ require2fa: true });
        const { el } = await create(tokenAttributes(server));
        await reach(el, "verify");
        type(input(el, "6-digit code"), GOOD_2FA);
        return { el, server };
      },
    },
    {
      name: "Send a new code",
      route: "POST /v1/session/verify/resend",
      button: "Send a new code",
      reach: async () => {
        const server = await serve({ require2fa: true });
        const { el } = await create(tokenAttributes(server));
        await reach(el, "verify");
        return { el, server };
      },
    },
    {
      name: "an integration (connect, and a bank's OAuth start)",
      route: "POST /v1/session/connections",
      button: /Northwind Bank/,
      reach: atSelect,
    },
    {
      name: "Connect (the credentials)",
      route: "POST /v1/session/connections/cn_00000000000000000001/credentials",
      button: "Connect",
      reach: async () => {
        const { el, server } = await atSelect();
        button(el, /^Sandbox Bank/).click();
        await reach(el, "connect");
        type(input(el, "Username"), GOOD_LOGIN.username);
        type(input(el, "Password"), GOOD_LOGIN.password);
        return { el, server };
      },
    },
    {
      name: "I have disclosed all my accounts (finish)",
      route: "POST /v1/session/finish",
      button: "I have disclosed all my accounts",
      reach: async () => {
        const { el, server } = await atSelect();
        button(el, /^Sandbox Bank/).click();
        await reach(el, "connect");
        type(input(el, "Username"), GOOD_LOGIN.username);
        type(input(el, "Password"), GOOD_LOGIN.password);
        button(el, "Connect").click();
        await reach(el, "review");
        return { el, server };
      },
    },
    {
      name: "Send me a new link (renew)",
      route: "POST /v1/link/renew",
      button: en.renew.button,
      reach: async () => {
        const server = await serve({ linkStatus: "consumed" });
        const { el } = await create({ ...linkAttributes(server), renew: "" });
        await reach(el, "failure");
        return { el, server };
      },
    },
  ];

  async function atSelect() {
    const server = await serve();
    const { el } = await create(tokenAttributes(server));
    await reach(el, "consent");
    button(el, "I agree").click();
    await reach(el, "select");
    await waitUntil(() => textOf(el).includes("Sandbox Bank"), "integrations should load");
    return { el, server };
  }

  for (const action of ACTIONS) {
    it(`${action.name}: held for the wait, then sent again`, async () => {
      const { el, server } = await action.reach();
      server.failNext(action.route, "rate_limited", "1");
      button(el, action.button).click();
      const error = await focusOnError(el);
      expect(error.textContent).to.include(wait(1));
      await waitUntil(() => button(el, action.button instanceof RegExp ? action.button : new RegExp(`^${action.button}`)).disabled, "held");
      await waitUntil(
        () => !button(el, action.button instanceof RegExp ? action.button : new RegExp(`^${action.button}`)).disabled,
        "given back",
        {
          timeout: 3000,
        },
      );
      expect(server.count(action.route)).to.equal(1);
      button(el, action.button).click();
      await waitUntil(() => server.count(action.route) === 2, "sent again");
    });
  }

  it("a 503 before any step: Try again counts down to the server's time, then starts over", async () => {
    const server = await serve();
    server.failNext("POST /v1/link/inspect", "unavailable", "2");
    const { el } = await create(linkAttributes(server));
    await reach(el, "failure");
    expect(heading(el)).to.equal(en.failure.problem.heading);
    const again = button(el, /^Try again/);
    expect([again.disabled, label(again)]).to.deep.equal([true, "Try again (2)"]);
    await expect(el).to.be.accessible();
    await waitUntil(() => !button(el, /^Try again/).disabled, "given back", { timeout: 3500 });
    button(el, "Try again").click();
    await reach(el, "landing");
    expect(server.count("POST /v1/link/inspect")).to.equal(2);
  });

  it("an upload refused with Retry-After holds the file button, then takes the file", async () => {
    const { el, server } = await atSelect();
    button(el, "Statement upload").click();
    await reach(el, "connect");
    await waitUntil(() => el.shadowRoot?.querySelector("input[type=file]"), "the upload step should load");
    const route = "POST /v1/session/connections/cn_00000000000000000001/upload";
    server.failNext(route, "rate_limited", "1");
    const choose = () => {
      const picker = el.shadowRoot?.querySelector<HTMLInputElement>("input[type=file]") as HTMLInputElement;
      const transfer = new DataTransfer();
      transfer.items.add(new File(["%PDF-1.7\n%%EOF\n"], "march.pdf", { type: "application/pdf" }));
      picker.files = transfer.files;
      picker.dispatchEvent(new Event("change", { bubbles: true }));
    };
    choose();
    expect((await focusOnError(el)).textContent).to.include(wait(1));
    expect(button(el, /^Choose files/).disabled).to.equal(true);
    await waitUntil(() => !button(el, /^Choose files/).disabled, "given back", { timeout: 3000 });
    choose();
    await waitUntil(() => textOf(el).includes("march.pdf"), "the file should be taken");
    expect(server.count(route)).to.equal(2);
  });
});
