import { ar } from "../packages/link/src/locales/ar.ts";
import { en, type Messages } from "../packages/link/src/locales/en.ts";
import { fr } from "../packages/link/src/locales/fr.ts";
import { expectNoAxeViolations } from "./support/axe.ts";
import { recordFilesBesideTheBundle } from "./support/customer.ts";
import { OTL_URL } from "./support/env.ts";
import { expect, test } from "./support/fixtures.ts";

// The hosted flow in another language, as a customer who was sent `link.locale=…` meets it: the
// page and the element speak it from the first screen to the last, Arabic right to left; the
// language's file comes once, from beside the bundle, and the upload and bank-redirect steps bring
// their own words in their own files. Each screen is attached to the report; the gallery's pictures
// of every screen come from e2e/screens.spec.ts.

/** A catalogue string with its `{placeholders}` filled with plain text, as the customer reads it. */
function said(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
}

for (const [name, t] of [
  ["English", en],
  ["French", fr],
  ["Arabic", ar],
] as const satisfies ReadonlyArray<readonly [string, Messages]>) {
  test(`the hosted flow in ${name} (link.locale=${t.lang}), from landing to done, by the upload and bank-redirect steps`, async ({
    otl,
    page,
    customer,
    exchanges,
  }) => {
    // An axe scan of each screen on two shared cores takes its time.
    test.slow(t.dir === "rtl", "axe on every screen");
    const company = await otl.company("Acme Lending");
    const link = await otl.link(company.id);
    const files = recordFilesBesideTheBundle(page);
    const screen = async (heading: string, shot: string) => {
      await expect(customer.heading(heading)).toBeVisible();
      await expect(customer.link.locator("[part~=container]")).toHaveAttribute("lang", t.lang);
      await expect(customer.link.locator("[part~=container]")).toHaveAttribute("dir", t.dir);
      if (t.dir === "rtl") await expectNoAxeViolations(page, shot);
      await customer.snap(`${t.lang}-${shot}`);
    };

    await page.goto(`${link.url}&link.locale=${t.lang}`);
    await expect(page.locator("html")).toHaveAttribute("lang", t.lang);
    await expect(page.locator("html")).toHaveAttribute("dir", t.dir);
    await screen(said(t.landing.heading, { company: "Acme Lending" }), "landing");
    await expect(customer.link.getByRole("listitem")).toHaveText([t.dataKinds.accounts, t.dataKinds.balances, t.dataKinds.transactions]);
    expect(exchanges.sent, "no exchange before the customer's click").toHaveLength(0);

    await customer.button(t.landing.start).click();
    await screen(t.consent.heading, "consent");
    await customer.button(t.consent.accept).click();
    await screen(t.select.heading, "select");
    await customer.link
      .getByRole("list", { name: t.select.heading })
      .getByRole("button", { name: said(t.select.sandbox, { integration: "Sandbox Bank" }) })
      .click();
    await screen(said(t.connect.heading, { integration: "Sandbox Bank" }), "connect");
    await customer.link.getByLabel(t.connect.fields.username).fill("user_good");
    await customer.link.getByLabel(t.connect.fields.password).fill("pass_good");
    await customer.button(t.connect.submit).click();
    await screen(t.review.heading, "review");
    await expect(customer.link.getByRole("listitem")).toHaveText([
      said(t.review.item, { integration: "Sandbox Bank", status: t.review.status.linked }),
    ]);
    await customer.button(t.review.finish).click();
    await screen(t.done.heading, "done");
    await expect(customer.link.locator("[part~=text]")).toHaveText(said(t.done.shared, { integrations: "Sandbox Bank" }));

    expect(await otl.flow(company.id)).toMatchObject({ status: "done", consent: { status: "accepted" } });
    // The page preloads the language's file and the bundle imports the same URL: one request, from
    // beside the bundle (English needs none); a credentials flow loads the logos' file, and no step's.
    const language = t.lang === "en" ? [] : [`${OTL_URL}/assets/otl-link.${t.lang}.js`];
    expect(files).toEqual([...language, `${OTL_URL}/assets/otl-link.logos.js`]);

    // The steps few flows reach, on a second company's link: each comes in a file of its own,
    // once, bringing its words in every language.
    files.length = 0;
    const other = await otl.company("Harbour Freight");
    await page.goto(`${(await otl.link(other.id)).url}&link.locale=${t.lang}`);
    await customer.button(t.landing.start).click();
    await expect(customer.heading(t.consent.heading)).toBeVisible();
    await customer.button(t.consent.accept).click();
    await expect(customer.heading(t.select.heading)).toBeVisible();
    // Each of the server's four sandbox integrations has its own coloured tile, not a category icon.
    await expect(customer.link.locator("[part~=list] [part~=logo] rect")).toHaveCount(4);
    const choose = (integration: string) =>
      customer.link
        .getByRole("list", { name: t.select.heading })
        .getByRole("button", { name: said(t.select.sandbox, { integration }) })
        .click();
    await choose("Statement upload");
    await screen(said(t.upload.heading, { integration: "Statement upload" }), "upload");
    await expect(customer.link).toContainText(t.upload.none);
    await customer.button(t.back).click();
    await expect(customer.heading(t.select.heading)).toBeVisible();
    await choose("Sandbox OAuth Bank");
    await screen(said(t.connect.heading, { integration: "Sandbox OAuth Bank" }), "redirect");
    await expect(customer.link.getByRole("link", { name: said(t.redirect.goTo, { integration: "Sandbox OAuth Bank" }) })).toBeVisible();
    await customer.button(t.back).click();
    await expect(customer.heading(t.select.heading)).toBeVisible();
    const steps = [`${OTL_URL}/assets/otl-link.redirect.js`, `${OTL_URL}/assets/otl-link.upload.js`];
    expect(files.filter((file) => !file.endsWith(`.${t.lang}.js`) && !file.endsWith(".logos.js")).sort()).toEqual(steps);
  });
}
