import { DEMO_RECIPIENT_ENV } from "../scripts/demo-recipient.mjs";
import { SCREEN } from "./support/customer.ts";
import { expect, test } from "./support/fixtures.ts";

// The demo as `pnpm start` runs it reads as a real consent does (issue 10, item 3): the hosted page
// names who receives the data, why, for how long and how to withdraw, and accepting leaves a receipt.

const NAME = DEMO_RECIPIENT_ENV.OTL_RECIPIENT_NAME;

test("the demo names its recipient on landing and consent, and accepting leaves a consent receipt", async ({ otl, page, customer }) => {
  const company = await otl.company("Acme Pty Ltd");
  const link = await otl.link(company.id);
  const inspects: string[] = [];
  page.on("request", (request) => {
    if (request.url().endsWith("/v1/link/inspect")) inspects.push(request.url());
  });
  await page.goto(link.url);
  await customer.sees(SCREEN.landing("Acme Pty Ltd"), "landing");
  const facts = customer.link.locator("[part~=facts]");
  for (const words of [
    NAME,
    DEMO_RECIPIENT_ENV.OTL_RECIPIENT_PURPOSE,
    "Up to 30 days, or until you withdraw your consent.",
    `You can withdraw your consent at any time by contacting ${NAME}.`,
  ]) {
    await expect(facts).toContainText(words);
  }
  await expect(customer.link.getByRole("link", { name: `${NAME}'s privacy policy` })).toHaveAttribute(
    "href",
    DEMO_RECIPIENT_ENV.OTL_RECIPIENT_PRIVACY_URL,
  );
  await expect(customer.link.locator("time")).toContainText("This link works until");
  // The page asked for the landing's facts while the element loaded, and the element used that answer.
  expect(inspects).toHaveLength(1);

  await customer.start();
  await expect(customer.link).toContainText(`For Acme Pty Ltd, you will share data with ${NAME}.`);
  await expect(customer.link.locator("[part~=progress]")).toHaveText("Step 1 of 4");
  await customer.agree();

  const flow = await otl.flow(company.id);
  expect(flow.consentReceipt).toMatchObject({ textVersion: "2026-11-30", locale: "en" });
});
