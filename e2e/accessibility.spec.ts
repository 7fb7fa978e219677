import { expectNoAxeViolations } from "./support/axe.ts";
import { Customer, SCREEN } from "./support/customer.ts";
import { expect, test } from "./support/fixtures.ts";

// Every screen of the hosted flow, in the real page, scanned with axe: no violations anywhere.

test("(h) every screen of the hosted flow passes axe: landing, consent, select, connect, review, done and a failure", async ({
  otl,
  page,
  customer,
}, testInfo) => {
  // Seven axe scans in one journey: on a loaded two-core machine that alone can pass 30 s.
  test.setTimeout(90_000);
  const company = await otl.company("Acme Lending");
  const link = await otl.link(company.id);

  await page.goto(link.url);
  await customer.sees(SCREEN.landing("Acme Lending"), "landing");
  await expectNoAxeViolations(page, "landing");

  await customer.start();
  await expectNoAxeViolations(page, "consent");

  await customer.agree();
  await expect(customer.button("Sandbox Bank (test)")).toBeVisible();
  await expectNoAxeViolations(page, "select");

  await customer.choose("Sandbox Bank (test)");
  await expectNoAxeViolations(page, "connect");

  // A refused sign-in: the same form with the server's message beside it.
  await customer.signIn("user_bad", "pass_bad");
  await expect(customer.link.getByText("Sandbox Bank did not accept that username and password.", { exact: false }).first()).toBeVisible();
  await customer.snap("connect-refused");
  await expectNoAxeViolations(page, "connect (refused)");

  await customer.signIn();
  await customer.sees(SCREEN.review, "review");
  await expectNoAxeViolations(page, "review");

  await customer.finish();
  await expectNoAxeViolations(page, "done");

  const again = new Customer(await page.context().newPage(), testInfo);
  await again.page.goto(link.url);
  await again.sees(SCREEN.used, "used");
  await expectNoAxeViolations(again.page, "used (failure)");
});
