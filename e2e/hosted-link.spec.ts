import type { Page } from "@playwright/test";
import { Customer, DATA_SHARED, Exchanges, recordEvents, recordFilesBesideTheBundle, SCREEN } from "./support/customer.ts";
import { OTL_URL } from "./support/env.ts";
import { expect, test } from "./support/fixtures.ts";

/** The first "I agree" of `page` is refused as a rate limit (429, problem+json) that says to wait `seconds`; the next goes through. */
async function refuseFirstConsent(page: Page, seconds: number): Promise<void> {
  let refused = false;
  await page.route("**/v1/session/consent", (route) => {
    if (refused) return route.fallback();
    refused = true;
    return route.fulfill({
      status: 429,
      headers: { "content-type": "application/problem+json", "retry-after": String(seconds) },
      body: JSON.stringify({ type: "about:blank", title: "Too many requests", status: 429, code: "rate_limited" }),
    });
  });
}

// The hosted link pages: what a customer gets when they open the link the company sent them.

test("(a) a company link lands first, spends its code only on Start, walks the flow to done, and opened again says it was used", async ({
  otl,
  page,
  customer,
  exchanges,
}, testInfo) => {
  const company = await otl.company("Acme Lending");
  const link = await otl.link(company.id);
  expect(link.url).toBe(`${OTL_URL}/company/${company.id}?link.otp=${link.code}`);

  await page.goto(link.url);
  await customer.sees(SCREEN.landing("Acme Lending"), "landing");
  await expect(customer.link.getByRole("listitem")).toHaveText(DATA_SHARED);
  // Landing comes from inspect alone: once the page has settled, nothing has been spent.
  await page.waitForLoadState("networkidle");
  expect(exchanges.sent, "no exchange before the customer's click").toHaveLength(0);
  expect(await otl.linkStatus(company.id, link.id)).toBe("active");

  await customer.start();
  expect(exchanges.statuses).toEqual([201]);
  expect(await otl.linkStatus(company.id, link.id)).toBe("consumed");
  await customer.agree();
  await customer.connectSandboxBankAndFinish();
  expect(exchanges.sent).toHaveLength(1);

  const flow = await otl.flow(company.id);
  expect(flow).toMatchObject({ status: "done", step: "done", consent: { status: "accepted" } });
  expect(flow.connections).toMatchObject([{ integration: "sandbox-bank", status: "linked" }]);

  // The same link in a new page (its own tab, so no session to resume): it says it was used, and offers no Start.
  const again = await page.context().newPage();
  const returning = new Customer(again, testInfo);
  const againExchanges = new Exchanges(again);
  await again.goto(link.url);
  await returning.sees(SCREEN.used, "used");
  await expect(returning.button("Start")).toHaveCount(0);
  expect(againExchanges.sent).toHaveLength(0);
});

test("(b) a connection link goes from consent straight to connecting that connection, with no integration to choose", async ({
  otl,
  page,
  customer,
  exchanges,
}) => {
  const company = await otl.company("Bright Books");
  const connection = await otl.connection(company.id, "sandbox-bank");
  expect(connection.status).toBe("pending");
  const link = await otl.link(company.id, { type: "connection", connectionId: connection.id });
  expect(link.url).toBe(`${OTL_URL}/companies/${company.id}/connections/${connection.id}/start?otp=${link.code}`);
  const events = await recordEvents(page);

  await page.goto(link.url);
  await customer.sees(SCREEN.landing("Bright Books"), "landing");
  await customer.start();
  expect(exchanges.statuses).toEqual([201]);
  expect(JSON.parse(exchanges.sent[0]?.postData() ?? "{}")).toMatchObject({ companyId: company.id, connectionId: connection.id });
  await customer.agree(SCREEN.connect("Sandbox Bank"));
  await customer.signIn();
  await customer.sees(SCREEN.review, "review");
  await expect(customer.link.getByRole("listitem")).toHaveText(["Sandbox Bank: Connected"]);
  await customer.finish();

  const steps = (await events()).filter((event) => event.type === "otl-step").map((event) => event.detail.step);
  expect(steps, "the select step never showed").toEqual(["consent", "connect", "review", "done"]);
  // It was that connection which got linked; no other was started.
  expect(await otl.connections(company.id)).toMatchObject([{ id: connection.id, status: "linked" }]);
});

test("the hosted page drops the code from the address bar and answers no-store, no-referrer and a CSP with no inline script", async ({
  otl,
  page,
  customer,
}) => {
  const company = await otl.company("Acme Lending");
  const link = await otl.link(company.id);
  const refused: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  const referers: string[] = [];
  page.on("request", async (request) => {
    const referer = await request.headerValue("referer");
    if (referer) referers.push(`${request.url()} ← ${referer}`);
  });

  const entriesBefore = await page.evaluate(() => history.length);
  const response = await page.goto(link.url);
  expect(response?.status()).toBe(200);
  const headers = response?.headers() ?? {};
  expect(headers["cache-control"]).toBe("no-store");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-robots-tag"]).toBe("noindex");
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toMatch(/(^|;)\s*script-src 'self'\s*(;|$)/);
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);

  await customer.sees(SCREEN.landing("Acme Lending"), "landing");
  expect(page.url()).toBe(`${OTL_URL}/company/${company.id}`);
  // Replaced, not pushed: no history entry keeps the code for Back to bring back.
  expect(await page.evaluate(() => ({ href: location.href, entries: history.length }))).toEqual({
    href: `${OTL_URL}/company/${company.id}`,
    entries: entriesBefore + 1,
  });
  await page.waitForLoadState("networkidle");
  expect(refused, "the page runs under its own CSP without a violation").toEqual([]);
  expect(referers, "no request carries the link as a referrer").toEqual([]);
});

test("(f) a reload in the middle of the flow continues at the same step, spending nothing", async ({ otl, page, customer, exchanges }) => {
  const company = await otl.company("Acme Lending");
  const link = await otl.link(company.id);
  const events = await recordEvents(page);
  await page.goto(link.url);
  await customer.sees(SCREEN.landing("Acme Lending"), "landing");
  await customer.start();
  await customer.agree();
  await expect(customer.button("Sandbox Bank (test)")).toBeVisible();
  expect(exchanges.statuses).toEqual([201]);

  await page.reload();
  await customer.sees(SCREEN.select, "select-after-reload");
  await expect(customer.button("Sandbox Bank (test)")).toBeVisible();
  expect(page.url()).not.toContain("otp");
  expect(page.url()).not.toContain(link.code);
  // The reloaded page resumed this tab's session: straight back to select, no landing, no second exchange.
  expect((await events()).map((event) => (event.type === "otl-step" ? `${event.type}:${event.detail.step}` : event.type))).toEqual([
    "otl-ready",
    "otl-step:select",
  ]);
  await page.waitForLoadState("networkidle");
  expect(exchanges.sent).toHaveLength(1);
  expect(await otl.flow(company.id)).toMatchObject({ step: "select", connections: [] });

  // And the resumed session still works to the end.
  await customer.connectSandboxBankAndFinish();
  expect(exchanges.sent).toHaveLength(1);
});

test("a reload on the landing screen keeps the link, still unspent, and Start still works", async ({ otl, page, customer, exchanges }) => {
  const company = await otl.company("Acme Lending");
  const link = await otl.link(company.id);
  await page.goto(link.url);
  await customer.sees(SCREEN.landing("Acme Lending"), "landing");
  expect(page.url()).not.toContain(link.code);

  await page.reload();
  await customer.sees(SCREEN.landing("Acme Lending"), "landing-after-reload");
  expect(page.url(), "the code stays out of the address bar").not.toContain(link.code);
  await page.waitForLoadState("networkidle");
  expect(exchanges.sent).toHaveLength(0);
  expect(await otl.linkStatus(company.id, link.id)).toBe("active");

  await customer.start();
  expect(exchanges.statuses).toEqual([201]);
  await customer.agree();
});

test("the landing's shell is painted before the element's script runs, then swapped for the landing, leaving one screen", async ({
  otl,
  page,
  customer,
}) => {
  const company = await otl.company("Acme Lending");
  const link = await otl.link(company.id);
  // Hold the bundle back, as a slow network would: the shell the server drew is all there is meanwhile.
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route("**/assets/otl-link.js", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(link.url);
  const shell = page.locator("[data-otl-shell]");
  await expect(shell.getByRole("heading", { level: 2 })).toHaveText("Share 's financial data");
  await expect(shell.getByRole("button", { name: "Start" })).toBeDisabled();
  await expect(customer.link).toBeHidden();
  // No company name before inspect answers a valid code: a bar stands in its place, not read out.
  await expect(shell.locator("bdi.skn")).toBeVisible();

  release();
  await customer.sees(SCREEN.landing("Acme Lending"), "landing");
  await expect(shell).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 2 })).toHaveCount(1);
  await expect(customer.button("Start")).toBeEnabled();
});

test("a refusal that says to wait (429, Retry-After) holds the button, says how long, and gives it back: its code comes beside the bundle", async ({
  otl,
  page,
  customer,
}) => {
  const company = await otl.company("Acme Lending");
  const link = await otl.link(company.id);
  const files = recordFilesBesideTheBundle(page);
  // The server's limit, as a proxy in front of it might answer: the first "I agree" is refused for 2 s.
  await refuseFirstConsent(page, 2);

  await page.goto(link.url);
  await customer.sees(SCREEN.landing("Acme Lending"), "landing");
  await customer.start();
  await customer.button("I agree").click();
  await expect(customer.link.locator("#error")).toHaveText("Too many attempts. You can try again in 2 seconds.");
  await expect(customer.link.getByRole("button", { name: /^I agree \(\d\)$/ })).toBeDisabled();
  expect(files).toContain(`${OTL_URL}/assets/otl-link.problem.js`);
  // Given back by itself when the wait is over; the customer goes on.
  await expect(customer.button("I agree")).toBeEnabled({ timeout: 5_000 });
  await customer.agree();
  expect((await otl.flow(company.id)).consent).toMatchObject({ status: "accepted" });
});

test("a refusal whose file cannot be loaded reads as the network's failure, holds nothing, and the customer goes on", async ({
  otl,
  page,
  customer,
}) => {
  const company = await otl.company("Acme Lending");
  const link = await otl.link(company.id);
  // The file a refusal loads (its words, a wait's countdown) cannot be fetched: the page has lost the server.
  await page.route("**/assets/otl-link.problem.js", (route) => route.abort("internetdisconnected"));
  await refuseFirstConsent(page, 30);

  await page.goto(link.url);
  await customer.sees(SCREEN.landing("Acme Lending"), "landing");
  await customer.start();
  await customer.button("I agree").click();
  await expect(customer.link.locator("#error")).toHaveText("Check your internet connection, then try again.");
  await expect(customer.link.locator("#error")).toBeFocused();
  // No wait without its file: "I agree" is back at once, without a count.
  await expect(customer.button("I agree")).toBeEnabled();
  await customer.agree();
  expect((await otl.flow(company.id)).consent).toMatchObject({ status: "accepted" });
});
