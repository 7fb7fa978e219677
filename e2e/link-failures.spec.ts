import { Customer, Exchanges, SCREEN } from "./support/customer.ts";
import { expect, test } from "./support/fixtures.ts";

// Links that can no longer be used: each gets its own plain-words screen, never the flow.

test("(e) an expired link shows the expired screen", async ({ otl, page, customer, exchanges }) => {
  const company = await otl.company("Acme Lending");
  const link = await otl.link(company.id, { ttlSeconds: 1 });
  // About 1.5 s: half a second past its expiry, on the server's clock as the link states it.
  await page.waitForTimeout(Math.max(0, Date.parse(link.expiresAt) - Date.now()) + 500);

  await page.goto(link.url);
  await customer.sees(SCREEN.expired, "expired");
  await expect(customer.button("Start")).toHaveCount(0);
  await expect(customer.heading(SCREEN.consent)).toHaveCount(0);
  await page.waitForLoadState("networkidle");
  expect(exchanges.sent).toHaveLength(0);
  expect(await otl.linkStatus(company.id, link.id)).toBe("expired");
});

test("(e) a superseded link shows the superseded screen, and the newer link still lands", async ({ otl, page, customer, exchanges }) => {
  const company = await otl.company("Acme Lending");
  const first = await otl.link(company.id);
  const second = await otl.link(company.id);
  expect(await otl.linkStatus(company.id, first.id)).toBe("superseded");

  await page.goto(first.url);
  await customer.sees(SCREEN.superseded, "superseded");
  await expect(customer.button("Start")).toHaveCount(0);

  await page.goto(second.url);
  await customer.sees(SCREEN.landing("Acme Lending"), "landing");
  await page.waitForLoadState("networkidle");
  expect(exchanges.sent).toHaveLength(0);
});

test("(g) a link spent in one browser gets the used screen in another, which never reaches the flow", async ({
  browser,
  otl,
  page,
  customer,
}, testInfo) => {
  const company = await otl.company("Acme Lending");
  const link = await otl.link(company.id);
  // The customer and someone else (a forwarded mail, a second device) both have the landing screen open.
  await page.goto(link.url);
  await customer.sees(SCREEN.landing("Acme Lending"), "landing");
  const elsewhere = await browser.newContext();
  try {
    const otherPage = await elsewhere.newPage();
    const other = new Customer(otherPage, testInfo);
    const otherExchanges = new Exchanges(otherPage);
    await otherPage.goto(link.url);
    await other.sees(SCREEN.landing("Acme Lending"), "elsewhere-landing");

    // The customer starts first; the other browser's Start is answered 410 and ends on the used screen.
    await customer.start();
    await other.button("Start").click();
    await other.sees(SCREEN.used, "elsewhere-used");
    expect(otherExchanges.statuses).toEqual([410]);
    expect(await otherExchanges.sent[0]?.response().then((response) => response?.json())).toMatchObject({ code: "token_consumed" });
    await expect(other.heading(SCREEN.consent)).toHaveCount(0);

    // Opened afresh there, the link says so at once: inspect alone tells, no exchange is even tried.
    const laterPage = await elsewhere.newPage();
    const later = new Customer(laterPage, testInfo);
    const laterExchanges = new Exchanges(laterPage);
    await laterPage.goto(link.url);
    await later.sees(SCREEN.used, "elsewhere-later");
    await expect(later.heading(SCREEN.consent)).toHaveCount(0);
    await laterPage.waitForLoadState("networkidle");
    expect(laterExchanges.sent).toHaveLength(0);
    expect(otherExchanges.sent).toHaveLength(1);
  } finally {
    await elsewhere.close();
  }

  // The customer's own session is untouched by the other browser's attempts.
  await customer.agree();
  expect(await otl.flow(company.id)).toMatchObject({ step: "select", consent: { status: "accepted" } });
});
