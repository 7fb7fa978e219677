import type { Page } from "@playwright/test";
import type { OtlAdmin } from "./support/admin.ts";
import { type Customer, SCREEN } from "./support/customer.ts";
import { VANILLA_URL } from "./support/env.ts";
import { expect, test } from "./support/fixtures.ts";

// Sandbox OAuth Bank on the hosted page: the customer leaves for the bank (a full-page redirect),
// approves or denies there, and comes back to the page the flow started from, which continues at
// the right step from this tab's session. Each authorize URL's state and code are spent once.

const BANK = "Sandbox OAuth Bank";

/** What the OTL server's OAuth callback answered, in order. */
function callbacks(page: Page): number[] {
  const statuses: number[] = [];
  page.on("response", (response) => {
    if (new URL(response.url()).pathname === "/v1/oauth/callback") statuses.push(response.status());
  });
  return statuses;
}

test("approve: to the bank and back to review on the hosted page, then done", async ({ otl, page, customer }) => {
  const company = await otl.company("Harbour Freight");
  const returns = callbacks(page);
  await hostedToTheBank(page, customer, (await otl.link(company.id)).url);
  await expect(page.getByRole("heading", { name: BANK })).toBeVisible();
  await customer.snap("bank");
  await page.getByRole("button", { name: "Approve" }).click();
  await customer.sees(SCREEN.review, "review");
  expect(new URL(page.url()).pathname).toBe(`/company/${company.id}`);
  await expect(customer.link.getByRole("listitem")).toHaveText([`${BANK}: Connected`]);
  expect(returns).toEqual([302]);
  await customer.finish();
  expect((await otl.flow(company.id)).connections).toMatchObject([{ integration: "sandbox-oauth-bank", status: "linked" }]);
});

test("deny: back at the bank's step with its message, and one click on Try again goes back to the bank", async ({
  otl,
  page,
  customer,
}) => {
  const company = await otl.company("Quay Stores");
  await hostedToTheBank(page, customer, (await otl.link(company.id)).url);
  await page.getByRole("button", { name: "Deny" }).click();
  await customer.sees(SCREEN.connect(BANK), "denied");
  await expect(customer.link.locator("[part~=error]")).toContainText(`You did not allow ${BANK} to share your accounts`);
  expect((await otl.connections(company.id))[0]).toMatchObject({ integration: "sandbox-oauth-bank", status: "failed" });

  // One click: "Try again" asks for a fresh authorize URL and goes on to the bank with it.
  await customer.button("Try again").click();
  await expect(page.getByRole("heading", { name: BANK })).toBeVisible();
  await page.getByRole("button", { name: "Approve" }).click();
  await customer.sees(SCREEN.review, "review");
});

test("a reload at the bank, and the callback replayed, keep the flow's place and spend no code twice", async ({ otl, page, customer }) => {
  const company = await otl.company("Anchor Supplies");
  const returns = callbacks(page);
  await hostedToTheBank(page, customer, (await otl.link(company.id)).url);
  await page.reload();
  await expect(page.getByRole("heading", { name: BANK })).toBeVisible();
  // The callback URL, kept before the browser follows it, to replay afterwards.
  let callback = "";
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/v1/oauth/callback") callback ||= request.url();
  });
  await page.getByRole("button", { name: "Approve" }).click();
  await customer.sees(SCREEN.review, "review");
  await page.reload();
  await customer.sees(SCREEN.review, "review after reload");

  const replay = await page.request.get(callback, { maxRedirects: 0 });
  expect(replay.status()).toBe(410);
  expect((await replay.json()).code).toBe("token_consumed");
  expect(returns).toEqual([302]);
  const audit = await otl.flow(company.id);
  expect(audit.connections).toMatchObject([{ integration: "sandbox-oauth-bank", status: "linked" }]);
});

test("Back to the bank after approving, and Approve again: the customer is back at review, never on a JSON page", async ({
  otl,
  page,
  customer,
}) => {
  const company = await otl.company("Quay Traders");
  const returns = callbacks(page);
  await hostedToTheBank(page, customer, (await otl.link(company.id)).url);
  await page.getByRole("button", { name: "Approve" }).click();
  await customer.sees(SCREEN.review, "review");
  await page.goBack();
  await page.getByRole("button", { name: "Approve" }).click();
  await customer.sees(SCREEN.review, "review after approving twice");
  expect(new URL(page.url()).pathname).toBe(`/company/${company.id}`);
  expect(returns).toEqual([302, 302]);
  expect((await otl.flow(company.id)).connections).toMatchObject([{ integration: "sandbox-oauth-bank", status: "linked" }]);
});

/** A link's hosted page, walked through consent to the bank's own page (a full-page redirect). */
async function hostedToTheBank(page: Page, customer: Customer, url: string): Promise<void> {
  await page.goto(url);
  await customer.start();
  await customer.agree();
  await customer.choose(`${BANK} (test)`);
  await customer.link.getByRole("link", { name: `Continue to ${BANK}` }).click();
}

/** The vanilla host page, walked to the bank's step; answers the company its backend used. */
async function embeddedAtTheBankStep(page: Page, customer: Customer): Promise<string> {
  const session = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/otl-session");
  await page.goto(VANILLA_URL);
  const { companyId } = (await (await session).json()) as { companyId: string };
  await customer.sees(SCREEN.consent, "consent");
  await customer.agree();
  await customer.choose(`${BANK} (test)`);
  return companyId;
}

/** The company's latest flow has the bank linked, once. */
async function expectBankLinked(otl: OtlAdmin, companyId: string): Promise<void> {
  const flow = await otl.flow(companyId);
  expect(flow.connections.filter((connection) => connection.integration === "sandbox-oauth-bank")).toMatchObject([{ status: "linked" }]);
}

test("embedded, popup blocked: the host's page goes to the bank and back (a full-page redirect) and continues at review", async ({
  otl,
  page,
  customer,
}) => {
  // A popup blocker: window.open answers null.
  await page.addInitScript(() => {
    window.open = () => null;
  });
  const companyId = await embeddedAtTheBankStep(page, customer);
  await customer.link.getByRole("link", { name: `Continue to ${BANK}` }).click();
  await page.getByRole("button", { name: "Approve" }).click();
  await customer.sees(SCREEN.review, "review");
  expect(new URL(page.url()).origin).toBe(new URL(VANILLA_URL).origin);
  await expect(customer.link.getByRole("listitem")).toHaveText([`${BANK}: Connected`]);
  await customer.finish();
  await expectBankLinked(otl, companyId);
});

test("embedded, popup allowed: the bank opens in a popup that closes itself, and the host's page continues at review", async ({
  otl,
  page,
  customer,
}) => {
  const companyId = await embeddedAtTheBankStep(page, customer);
  const opened = page.waitForEvent("popup");
  await customer.link.getByRole("link", { name: `Continue to ${BANK}` }).click();
  const popup = await opened;
  const closed = popup.waitForEvent("close");
  await popup.getByRole("button", { name: "Approve" }).click();
  await closed;
  await customer.sees(SCREEN.review, "review");
  expect(new URL(page.url()).origin + new URL(page.url()).pathname).toBe(new URL(VANILLA_URL).href);
  await customer.finish();
  await expectBankLinked(otl, companyId);
});
