// Every shipped language on every screen, as a customer reading it meets the flow: each screen in
// the language asked for, no `{placeholder}` left, no English sentence leaking through, Arabic right
// to left and mirrored; the fallback from a regional tag; a host's own words over any string.
import { expect } from "@open-wc/testing";
import type { OtlLink } from "../src/link.element.ts";
import { ar } from "../src/locales/ar.ts";
import { de } from "../src/locales/de.ts";
import { en, type Messages } from "../src/locales/en.ts";
import { es } from "../src/locales/es.ts";
import { fr } from "../src/locales/fr.ts";
import { nl } from "../src/locales/nl.ts";
import { pt } from "../src/locales/pt.ts";
import { flatten } from "../src/locales/wire.ts";
import { GOOD_2FA, GOOD_LOGIN } from "./handlers.ts";
import { button, create, heading, input, linkAttributes, reach, serve, textOf, tokenAttributes, type } from "./setup.ts";

const TRANSLATIONS: ReadonlyArray<Messages> = [fr, de, es, nl, pt, ar];

function container(el: OtlLink): HTMLElement {
  return el.shadowRoot?.querySelector("[part~=container]") as HTMLElement;
}

/** A catalogue string with its number placeholders written as the element writes them. */
function withDigits(t: Messages, template: string): string {
  return template.replace("{digits}", new Intl.NumberFormat(t.lang).format(6));
}

/**
 * The English words that must not show in `t`'s screens: each piece of an English string between
 * placeholders, where the translation says something else (a word both languages share, such as
 * "test", is no leak). Matched as whole words, so "Connect" does not flag "Connecter".
 */
function englishLeaks(t: Messages): RegExp[] {
  const english = flatten(en, en);
  const translated = flatten(en, t);
  const pieces = new Set<string>();
  english.forEach((words, index) => {
    if (words === null || words === translated[index]) return;
    for (const piece of words.split(/\{\w+\}/)) {
      const trimmed = piece.replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, "");
      if (trimmed.length >= 4 && !(translated[index] ?? "").includes(trimmed)) pieces.add(trimmed);
    }
  });
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return [...pieces].map((piece) => new RegExp(`(?<![\\p{L}])${literal(piece)}(?![\\p{L}])`, "u"));
}

/** What each screen must be in language `t`: its `lang` and `dir`, every placeholder filled, no English, and axe-clean when right to left. */
async function expectSpoken(el: OtlLink, t: Messages, screen: string): Promise<void> {
  const box = container(el);
  expect(box.lang, screen).to.equal(t.lang);
  expect(box.dir, screen).to.equal(t.dir);
  const text = textOf(el);
  expect(text, screen).not.to.match(/\{\w+\}|undefined|\[object/);
  for (const leak of englishLeaks(t)) expect(text, `${t.lang} ${screen}`).not.to.match(leak);
  if (t.dir === "rtl") await expect(el).to.be.accessible();
}

/** The whole flow of a 2FA link in language `t`, checking each screen on the way, a refused login included. */
async function walkTheFlow(t: Messages): Promise<string[]> {
  const seen: string[] = [];
  const visit = async (el: OtlLink, screen: string) => {
    await reach(el, screen);
    await expectSpoken(el, t, screen);
    seen.push(screen);
  };
  const server = await serve({ require2fa: true });
  const { el } = await create({ ...linkAttributes(server), locale: t.lang });
  await visit(el, "landing");
  button(el, t.landing.start).click();
  await visit(el, "verify");
  type(input(el, withDigits(t, t.verify.label)), GOOD_2FA);
  button(el, t.verify.submit).click();
  await visit(el, "consent");
  button(el, t.consent.decline).click();
  await visit(el, "declined");
  button(el, t.declined.back).click();
  await reach(el, "consent");
  button(el, t.consent.accept).click();
  await visit(el, "select");
  // The steps that load on demand bring their words in every language with them (src/locales/upload-words.ts, redirect-words.ts).
  button(el, "Statement upload").click();
  await visit(el, "connect");
  expect(heading(el)).to.equal(t.upload.heading.replace("{integration}", "Statement upload"));
  expect(textOf(el)).to.include(t.upload.none);
  button(el, t.back).click();
  await reach(el, "select");
  button(el, "Northwind Bank").click();
  await visit(el, "connect");
  expect(textOf(el)).to.include(t.redirect.intro.replace("{integration}", "Northwind Bank"));
  button(el, t.back).click();
  await reach(el, "select");
  button(el, /Sandbox Bank/).click();
  await visit(el, "connect");
  type(input(el, t.connect.fields.username), GOOD_LOGIN.username);
  type(input(el, t.connect.fields.password), "not-the-password");
  button(el, t.connect.submit).click();
  await reach(el, "connect");
  // The integration's own words for the refusal are English: in another language the catalogue's stand in.
  const refusal =
    t === en ? "Sandbox Bank did not accept that username and password." : t.connect.refused.replace("{integration}", "Sandbox Bank");
  expect(textOf(el)).to.include(refusal);
  await visit(el, "connect");
  type(input(el, t.connect.fields.password), GOOD_LOGIN.password);
  button(el, t.connect.submit).click();
  await visit(el, "review");
  button(el, t.review.finish).click();
  await visit(el, "done");
  return seen;
}

/** Each failure screen in language `t`: the four spent links, a bad code, the network, the server, a timed-out and a reused session. */
async function walkTheFailures(t: Messages): Promise<string[]> {
  const headings: string[] = [];
  const check = async (el: OtlLink, words: { heading: string }) => {
    await reach(el, "failure");
    expect(heading(el)).to.equal(words.heading);
    await expectSpoken(el, t, `failure: ${words.heading}`);
    headings.push(words.heading);
  };
  for (const [status, words] of [
    ["consumed", t.failure.used],
    ["expired", t.failure.expired],
    ["revoked", t.failure.revoked],
    ["superseded", t.failure.superseded],
  ] as const) {
    const server = await serve({ linkStatus: status });
    await check((await create({ ...linkAttributes(server), locale: t.lang })).el, words);
  }
  const invalid = await serve();
  await check((await create({ ...linkAttributes(invalid), code: "not-the-right-code-at-all-0000", locale: t.lang })).el, t.failure.invalid);
  const offline = await serve();
  offline.failNext("POST /v1/link/inspect", "network");
  await check((await create({ ...linkAttributes(offline), locale: t.lang })).el, t.offline);
  const broken = await serve();
  broken.failNext("POST /v1/link/exchange", "internal");
  await check((await create({ ...tokenAttributes(broken), locale: t.lang })).el, t.failure.problem);
  const timedOut = await serve();
  const { el } = await create({ ...tokenAttributes(timedOut), locale: t.lang });
  await reach(el, "consent");
  timedOut.failNext("POST /v1/session/consent", "unauthorized");
  button(el, t.consent.accept).click();
  await check(el, t.embedded.session);
  return headings;
}

describe("languages", () => {
  for (const t of TRANSLATIONS) {
    it(`${t.lang}: every step of the flow speaks ${t.lang}, with nothing missing and no English`, async () => {
      const seen = await walkTheFlow(t);
      // Connect four times: the upload step, the bank's redirect, the sign-in form, and its refusal.
      expect(seen).to.deep.equal([
        "landing",
        "verify",
        "consent",
        "declined",
        "select",
        "connect",
        "connect",
        "connect",
        "connect",
        "review",
        "done",
      ]);
    });

    it(`${t.lang}: every failure screen speaks ${t.lang}`, async () => {
      expect(await walkTheFailures(t)).to.have.length(8);
    });
  }

  it("English is checked the same way, so the walk itself is known to work", async () => {
    expect(await walkTheFlow(en)).to.have.length(11);
  });

  it("the checks can fail: an English string left in a translation is caught, and only whole words count", async () => {
    const server = await serve();
    const { el } = await create(
      { ...tokenAttributes(server), locale: "fr" },
      { messages: { fr: { consent: { heading: en.consent.heading } } } },
    );
    await reach(el, "consent");
    let caught: unknown;
    await expectSpoken(el, fr, "consent").catch((error: unknown) => {
      caught = error;
    });
    expect(String(caught)).to.include("Do you agree to share this data");
    expect(
      englishLeaks(fr).some((leak) => leak.test(fr.connect.submit)),
      "Connecter is no leak of Connect",
    ).to.equal(false);
  });

  it("ar is right to left, and its layout is mirrored: the main action sits at the right", async () => {
    const positions: Record<string, { accept: number; decline: number; direction: string }> = {};
    for (const t of [en, ar]) {
      const server = await serve();
      const { el } = await create({ ...tokenAttributes(server), locale: t.lang });
      await reach(el, "consent");
      positions[t.lang] = {
        accept: button(el, t.consent.accept).getBoundingClientRect().left,
        decline: button(el, t.consent.decline).getBoundingClientRect().left,
        direction: getComputedStyle(container(el)).direction,
      };
    }
    expect(positions.en?.direction).to.equal("ltr");
    expect(positions.ar?.direction).to.equal("rtl");
    expect((positions.en?.accept ?? 0) < (positions.en?.decline ?? 0), "en: I agree comes first, at the left").to.equal(true);
    expect((positions.ar?.accept ?? 0) > (positions.ar?.decline ?? 0), "ar: أوافق comes first, at the right").to.equal(true);
  });

  it("falls back from a regional tag to its language, and from an unknown language to English", async () => {
    // The content's `lang` is the customer's own tag when it is a form of the language shown.
    for (const [locale, t, lang] of [
      ["fr-CA", fr, "fr-CA"],
      ["pt-br", pt, "pt-BR"],
      ["ar-EG", ar, "ar-EG"],
      ["de_AT", de, "de"],
      ["sv-SE", en, "en"],
      ["", en, "en"],
    ] as const) {
      const server = await serve();
      const { el } = await create({ ...tokenAttributes(server), locale });
      await reach(el, "consent");
      expect(container(el).lang, locale).to.equal(lang);
      expect(heading(el), locale).to.equal(t.consent.heading);
    }
  });

  it("in any English, a refused sign-in keeps the integration's own words", async () => {
    const server = await serve();
    const { el } = await create({ ...tokenAttributes(server), locale: "en-GB" });
    await reach(el, "consent");
    button(el, en.consent.accept).click();
    await reach(el, "select");
    button(el, /Sandbox Bank/).click();
    await reach(el, "connect");
    type(input(el, en.connect.fields.username), GOOD_LOGIN.username);
    type(input(el, en.connect.fields.password), "not-the-password");
    button(el, en.connect.submit).click();
    await reach(el, "connect");
    expect(container(el).lang).to.equal("en-GB");
    expect(textOf(el)).to.include("Sandbox Bank did not accept that username and password.");
  });

  it("changes language when the locale changes, without starting over", async () => {
    const server = await serve();
    const { el } = await create({ ...tokenAttributes(server), locale: "en" });
    await reach(el, "consent");
    el.locale = "nl";
    await reach(el, "consent");
    await new Promise((resolve) => setTimeout(resolve, 50));
    await el.updateComplete;
    expect(heading(el)).to.equal(nl.consent.heading);
    expect(server.count("POST /v1/link/exchange")).to.equal(1);
  });

  it("writes numbers and lists with Intl: the 2FA digits, and the banks shared on the done screen", async () => {
    const server = await serve({ step: "done" });
    server.connections = ["Sandbox Bank", "Sandbox Books"].map((integrationName, index) => ({
      id: `cn_${String(index + 1).padStart(20, "0")}`,
      integration: integrationName.toLowerCase().replace(" ", "-"),
      integrationName,
      status: "linked",
      message: null,
    }));
    const { el } = await create({ ...tokenAttributes(server), locale: "es" });
    await reach(el, "done");
    expect(textOf(el)).to.include("Sandbox Bank y Sandbox Books");
    // Each name is isolated on its own; the conjunction is the language's.
    expect([...(el.shadowRoot?.querySelectorAll("bdi") ?? [])].map((bdi) => bdi.textContent)).to.deep.equal([
      "Sandbox Bank",
      "Sandbox Books",
    ]);
    // Egyptian Arabic writes Arabic-Indic digits; the regional tag reaches Intl.
    const verify = await serve({ require2fa: true });
    const arabic = await create({ ...linkAttributes(verify), locale: "ar-EG" });
    await reach(arabic.el, "landing");
    button(arabic.el, ar.landing.start).click();
    await reach(arabic.el, "verify");
    expect(input(arabic.el, "رمز من ٦ أرقام")).to.exist;
  });
});

describe("messages", () => {
  it("replaces any string of the language in use, and keeps the rest", async () => {
    const server = await serve();
    const { el } = await create(
      { ...tokenAttributes(server), locale: "fr" },
      { messages: { fr: { consent: { accept: "Oui, je partage" } } } },
    );
    await reach(el, "consent");
    expect(button(el, "Oui, je partage")).to.exist;
    expect(button(el, fr.consent.decline)).to.exist;
    expect(heading(el)).to.equal(fr.consent.heading);
  });

  it("replaces English words too, and takes new words at once", async () => {
    const server = await serve();
    const { el } = await create(tokenAttributes(server));
    await reach(el, "consent");
    el.messages = { en: { consent: { heading: "Share your data with Acme?" } } };
    await el.updateComplete;
    expect(heading(el)).to.equal("Share your data with Acme?");
    expect(button(el, en.consent.accept)).to.exist;
  });

  it("prefers the most specific tag: fr-CA over fr", async () => {
    const messages = { fr: { consent: { accept: "J'accepte (fr)" } }, "fr-CA": { consent: { accept: "J'accepte (fr-CA)" } } };
    for (const [locale, expected] of [
      ["fr-CA", "J'accepte (fr-CA)"],
      ["fr-FR", "J'accepte (fr)"],
    ] as const) {
      const server = await serve();
      const { el } = await create({ ...tokenAttributes(server), locale }, { messages });
      await reach(el, "consent");
      expect(button(el, expected), locale).to.exist;
    }
  });

  it("lets a host bring a language the kit does not ship, over English", async () => {
    const server = await serve();
    const swedish = { lang: "sv", consent: { heading: "Godkänner du att dessa uppgifter delas?" } };
    const { el } = await create({ ...tokenAttributes(server), locale: "sv-SE" }, { messages: { sv: swedish } });
    await reach(el, "consent");
    expect(container(el).lang).to.equal("sv-SE");
    expect(heading(el)).to.equal(swedish.consent.heading);
    expect(button(el, en.consent.accept)).to.exist;
  });
});
