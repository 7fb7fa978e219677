import { ar } from "../packages/link/src/locales/ar.ts";
import type { Messages } from "../packages/link/src/locales/en.ts";
import { fr } from "../packages/link/src/locales/fr.ts";
import { expectNoAxeViolations } from "./support/axe.ts";
import { OTL_URL } from "./support/env.ts";
import { expect, test } from "./support/fixtures.ts";

// The hosted flow in another language, as a customer who was sent `link.locale=…` meets it: the
// page and the element speak it from the first screen to the last, Arabic right to left; the
// language's file comes once, from beside the bundle. Each screen is attached to the report.

/** A catalogue string with its `{placeholders}` filled with plain text, as the customer reads it. */
function said(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
}

for (const [name, t] of [
  ["French", fr],
  ["Arabic", ar],
] as const satisfies ReadonlyArray<readonly [string, Messages]>) {
  test(`the hosted flow in ${name} (link.locale=${t.lang}), from landing to done`, async ({ otl, page, customer, exchanges }) => {
    // An axe scan of each screen on two shared cores takes its time.
    test.slow(t.dir === "rtl", "axe on every screen");
    const company = await otl.company("Acme Lending");
    const link = await otl.link(company.id);
    const files: string[] = [];
    page.on("request", (request) => {
      if (/\/assets\/otl-link\.\w+\.js$/.test(request.url())) files.push(request.url());
    });
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
    // The page preloads the language's file and the bundle imports the same URL: one request, from beside the bundle.
    expect(files).toEqual([`${OTL_URL}/assets/otl-link.${t.lang}.js`]);
  });
}
