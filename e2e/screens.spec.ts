import { mkdirSync, writeFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { ar } from "../packages/link/src/locales/ar.ts";
import { en, type Messages } from "../packages/link/src/locales/en.ts";
import type { Customer } from "./support/customer.ts";
import { expect, test } from "./support/fixtures.ts";

// Every screen a customer can meet on a hosted link, in English and in Arabic, walked on the real
// server as a customer reaches each: the flow from landing to done (search, "connecting…", a refused
// sign-in, declining), the 2FA code screen (its masked destination and resend countdown, a wrong
// code, the lock after five), the upload and bank-redirect steps, and every link that can no longer
// be used. Each screen's heading is checked in the catalogue's words, and its picture attached to the
// report; with OTL_README_SCREENSHOTS=1 the pictures are also written where the link package's
// gallery shows them (packages/link/docs/screenshots/{en,ar}/, packages/link/docs/SCREENS.md).

/** Where the gallery's pictures go, when asked for. */
const GALLERY = process.env.OTL_README_SCREENSHOTS === "1" ? new URL("../packages/link/docs/screenshots/", import.meta.url) : null;

/** A catalogue string with its `{placeholders}` filled with plain text, as the customer reads it. */
function said(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

/** Pictures of one language's screens: each waits for its heading, checks the language, and is attached (and written). */
function camera(page: Page, customer: Customer, t: Messages) {
  return async (heading: string, name: string) => {
    await expect(customer.heading(heading)).toBeVisible();
    const container = customer.link.locator("[part~=container]");
    await expect(container).toHaveAttribute("lang", t.lang);
    await expect(container).toHaveAttribute("dir", t.dir);
    await expect(container).not.toHaveAttribute("aria-busy", "true");
    // As the customer sees it, less the focus ring their clicks leave on each heading.
    await page.evaluate(() => (document.querySelector("otl-link")?.shadowRoot?.activeElement as HTMLElement | null)?.blur());
    await customer.snap(`${t.lang}-${name}`);
    if (!GALLERY) return;
    const folder = new URL(`${t.lang}/`, GALLERY);
    mkdirSync(folder, { recursive: true });
    writeFileSync(new URL(`${name}.png`, folder), await customer.link.screenshot({ animations: "disabled", caret: "hide" }));
  };
}

/** The hosted page of `url` in the catalogue's language (and a theme). */
const open = (page: Page, url: string, t: Messages, theme = "light") => page.goto(`${url}&link.locale=${t.lang}&link.theme=${theme}`);

/** The same hosted page again, in a theme: the tab's session continues where it was. */
function reopen(page: Page, t: Messages, theme: string) {
  const here = new URL(page.url());
  return page.goto(`${here.origin}${here.pathname}?link.locale=${t.lang}&link.theme=${theme}`);
}

/** The select screen's button for a sandbox integration. */
const choice = (customer: Customer, t: Messages, integration: string) =>
  customer.link.getByRole("list", { name: t.select.heading }).getByRole("button", { name: said(t.select.sandbox, { integration }) });

for (const t of [en, ar] as const satisfies readonly Messages[]) {
  test.describe(`every screen in ${t.lang}`, () => {
    // Each picture waits for its screen; two shared cores make that slow.
    test.slow();

    test(`${t.lang}: landing, consent, declined, select and search, sign-in, connecting…, refused, review, done — and a few in dark`, async ({
      otl,
      page,
      customer,
    }) => {
      const shot = camera(page, customer, t);
      const company = await otl.company("Acme Lending");
      await open(page, (await otl.link(company.id)).url, t);
      await shot(said(t.landing.heading, { company: "Acme Lending" }), "landing");
      await expect(customer.link.locator("time")).not.toBeEmpty();

      await customer.button(t.landing.start).click();
      await shot(t.consent.heading, "consent");
      await customer.button(t.consent.decline).click();
      await shot(t.declined.heading, "declined");
      // One click on the way back, and one on "I agree".
      await customer.button(t.declined.back).click();
      await expect(customer.heading(t.consent.heading)).toBeVisible();
      await customer.button(t.consent.accept).click();

      await shot(t.select.heading, "select");
      await customer.link.getByLabel(t.select.search).fill("oauth");
      await expect(choice(customer, t, "Sandbox OAuth Bank")).toBeVisible();
      await expect(customer.link.getByRole("list", { name: t.select.heading }).getByRole("listitem")).toHaveCount(1);
      await shot(t.select.heading, "search");
      await customer.link.getByLabel(t.select.search).fill("");

      await choice(customer, t, "Sandbox Bank").click();
      const signIn = said(t.connect.heading, { integration: "Sandbox Bank" });
      await shot(signIn, "credentials");

      // A refused sign-in: the integration's words in English, the catalogue's in Arabic.
      await customer.link.getByLabel(t.connect.fields.username).fill("user_good");
      await customer.link.getByLabel(t.connect.fields.password).fill("wrong");
      await customer.button(t.connect.submit).click();
      await expect(customer.link.locator("[part~=error]")).toBeVisible();
      if (t.lang !== "en")
        await expect(customer.link.locator("[part~=error]")).toHaveText(said(t.connect.refused, { integration: "Sandbox Bank" }));
      await shot(signIn, "refused");

      // "Connecting…" while the bank checks: the answer is held until its picture is taken.
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route("**/v1/session/connections/*/credentials", async (route) => {
        await held;
        await route.continue();
      });
      await customer.link.getByLabel(t.connect.fields.password).fill("pass_good");
      await customer.button(t.connect.submit).click();
      await expect(customer.link.locator("[part~=status]")).toHaveText(said(t.connect.connecting, { integration: "Sandbox Bank" }));
      await page.evaluate(() => (document.querySelector("otl-link")?.shadowRoot?.activeElement as HTMLElement | null)?.blur());
      await customer.snap(`${t.lang}-connecting`);
      if (GALLERY)
        writeFileSync(
          new URL(`${t.lang}/connecting.png`, GALLERY),
          await customer.link.screenshot({ animations: "disabled", caret: "hide" }),
        );
      release();

      await shot(t.review.heading, "review");
      await expect(customer.link.getByRole("listitem")).toHaveText([
        said(t.review.item, { integration: "Sandbox Bank", status: t.review.status.linked }),
      ]);

      // The same screens in dark, on the same flow: a reload continues the tab's session.
      await reopen(page, t, "dark");
      await shot(t.review.heading, "dark-review");
      await customer.button(t.review.finish).click();
      await shot(t.done.heading, "dark-done");
      await reopen(page, t, "light");
      await shot(t.done.heading, "done");

      const other = await otl.company("Harbour Freight");
      await open(page, (await otl.link(other.id)).url, t, "dark");
      await shot(said(t.landing.heading, { company: "Harbour Freight" }), "dark-landing");
      await customer.button(t.landing.start).click();
      await shot(t.consent.heading, "dark-consent");
      await customer.button(t.consent.accept).click();
      await shot(t.select.heading, "dark-select");
    });

    test(`${t.lang}: the 2FA code screen (masked destination, resend countdown), a wrong code, and the lock after five`, async ({
      otl,
      page,
      customer,
    }) => {
      const shot = camera(page, customer, t);
      const company = await otl.company("Basiq Style Lending", { email: `owner.${t.lang}@customer.e2e.test` });
      await open(page, (await otl.link(company.id, { require2fa: true })).url, t);
      await shot(said(t.landing.heading, { company: "Basiq Style Lending" }), "landing-2fa");
      await customer.button(t.landing.start).click();
      await expect(customer.heading(t.verify.heading)).toBeVisible();
      await expect(customer.link).toContainText("o***@customer.e2e.test");
      // The resend waits 30 s after a send, counted down on the server's clock.
      const resend = customer.link.getByRole("button", { name: new RegExp(`^${t.verify.resend}`) });
      await expect(resend).toBeDisabled();
      await expect(resend).toHaveText(/\(\d{1,2}\)$/);
      await shot(t.verify.heading, "verify");

      const code = customer.link.getByLabel(said(t.verify.label, { digits: 6 }));
      await code.fill("000000");
      await customer.button(t.verify.submit).click();
      await expect(customer.link.getByRole("alert")).toHaveText(t.errors.second_factor_invalid);
      await shot(t.verify.heading, "verify-wrong");
      // Five wrong codes spend the link: a screen that says so, offering a new one.
      for (let tries = 2; tries <= 5; tries++) {
        await code.fill("000000");
        await customer.button(t.verify.submit).click();
        if (tries < 5) await expect(customer.link.getByRole("alert")).toHaveText(t.errors.second_factor_invalid);
      }
      await expect(customer.heading(t.failure.locked.heading)).toBeVisible();
      await expect(customer.link.getByRole("alert")).toBeFocused();
      await shot(t.failure.locked.heading, "locked");
      await expect(customer.button(t.renew.button)).toBeVisible();
      await expect(customer.link).toContainText(`${t.failure.locked.body} ${t.renew.body}`);
    });

    test(`${t.lang}: the upload step, with a file taken and one refused, and the bank-redirect step`, async ({ otl, page, customer }) => {
      const shot = camera(page, customer, t);
      const company = await otl.company("Statement Traders");
      await open(page, (await otl.link(company.id)).url, t);
      await customer.button(t.landing.start).click();
      await customer.button(t.consent.accept).click();
      await expect(customer.heading(t.select.heading)).toBeVisible();
      await choice(customer, t, "Statement upload").click();
      await shot(t.upload.heading, "upload");
      // The file button is the kit's, in the customer's words, not the browser's "Choose Files".
      await expect(customer.button(t.upload.choose)).toBeVisible();

      const picker = customer.link.locator("input[type=file]");
      await picker.setInputFiles({ name: "march.csv", mimeType: "text/csv", buffer: Buffer.from("date,amount\n2026-03-01,12.50\n") });
      await expect(customer.button(said(t.upload.remove, { name: "march.csv" }))).toBeVisible();
      const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
      await picker.setInputFiles({ name: "scan.pdf", mimeType: "application/pdf", buffer: png });
      await expect(customer.link.locator("[part~=error]")).toBeVisible();
      await expect(customer.link.locator("[part~=error]")).not.toContainText("application/");
      await shot(t.upload.heading, "upload-files");

      await customer.button(t.back).click();
      await choice(customer, t, "Sandbox OAuth Bank").click();
      await expect(customer.link.getByRole("link", { name: said(t.redirect.goTo, { integration: "Sandbox OAuth Bank" }) })).toBeVisible();
      await shot(said(t.connect.heading, { integration: "Sandbox OAuth Bank" }), "redirect");

      // The customer denies at the bank and comes back to its refusal, with "Try again".
      await customer.link.getByRole("link", { name: said(t.redirect.goTo, { integration: "Sandbox OAuth Bank" }) }).click();
      await page.getByRole("button", { name: "Deny" }).click();
      await expect(customer.button(t.retry)).toBeVisible();
      await shot(said(t.connect.heading, { integration: "Sandbox OAuth Bank" }), "redirect-denied");
    });

    test(`${t.lang}: links that can no longer be used — used, expired, replaced, timed out`, async ({ otl, page, browser, customer }) => {
      const shot = camera(page, customer, t);
      // Used: spent in another browser, then opened here.
      const used = await otl.company("Acme Lending");
      const spent = await otl.link(used.id);
      const elsewhere = await browser.newContext();
      try {
        const other = await elsewhere.newPage();
        await other.goto(spent.url);
        await other.locator("otl-link").getByRole("button", { name: en.landing.start, exact: true }).click();
        await expect(other.locator("otl-link").getByRole("heading", { name: en.consent.heading })).toBeVisible();
      } finally {
        await elsewhere.close();
      }
      await open(page, spent.url, t);
      await shot(t.failure.used.heading, "used");
      await expect(customer.link).not.toContainText(said(t.failure.used.body));
      await customer.button(t.renew.button).click();
      await expect(customer.link.locator("[part~=error]")).toHaveText(t.renew.sent);
      await shot(t.failure.used.heading, "used-renewed");

      // Replaced by a newer link.
      const replaced = await otl.company("Quay Stores");
      const first = await otl.link(replaced.id);
      await otl.link(replaced.id);
      await open(page, first.url, t);
      await shot(t.failure.superseded.heading, "superseded");

      // Timed out: the server ends a session after a while without activity; its answer is played
      // here (exactly as the server words it) rather than waited for.
      const idle = await otl.company("Anchor Supplies");
      await open(page, (await otl.link(idle.id)).url, t);
      await customer.button(t.landing.start).click();
      await expect(customer.heading(t.consent.heading)).toBeVisible();
      await page.route("**/v1/session/consent", (route) =>
        route.fulfill({
          status: 401,
          contentType: "application/problem+json",
          json: { type: "about:blank", title: "The session has expired", status: 401, code: "session_expired" },
        }),
      );
      await customer.button(t.consent.accept).click();
      await shot(t.failure.session.heading, "timed-out");

      // Expired: a link that lives one second, opened after it.
      const late = await otl.company("Harbour Freight");
      const short = await otl.link(late.id, { ttlSeconds: 1 });
      await page.waitForTimeout(Math.max(0, Date.parse(short.expiresAt) - Date.now()) + 500);
      await open(page, short.url, t);
      await shot(t.failure.expired.heading, "expired");
    });
  });
}
