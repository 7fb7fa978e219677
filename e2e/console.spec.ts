import { mkdirSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { AxeBuilder } from "@axe-core/playwright";
import type { Locator, Page, TestInfo } from "@playwright/test";
import { Customer, SCREEN } from "./support/customer.ts";
import { E2E_API_KEY, OTL_URL } from "./support/env.ts";
import { expect, test } from "./support/fixtures.ts";

// The admin console at /console: staff sign in with the API key and do, through the admin API with a
// cookie session, what a host backend does with the key. Screens are attached to the report; with
// OTL_CONSOLE_SCREENSHOTS=1 they are also written to docs/screenshots/console-*.png for the README.

const CONSOLE_URL = `${OTL_URL}/console`;

/** Scans the whole console page with axe (it walks the open shadow roots) and fails naming each violation. */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const violations = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => JSON.stringify(node.target)).join(", ")}`,
  );
  expect(violations, `axe violations on the console's ${screen} page`).toEqual([]);
  expect(results.passes.length, `axe checked something on the ${screen} page`).toBeGreaterThan(0);
}

/** Attaches a screenshot of the console page, and saves it for the README when asked to. */
async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const body = await page.screenshot({ animations: "disabled", fullPage: true });
  await testInfo.attach(`console-${name}`, { body, contentType: "image/png" });
  if (process.env.OTL_CONSOLE_SCREENSHOTS) {
    const folder = new URL("../docs/screenshots/", import.meta.url);
    mkdirSync(folder, { recursive: true });
    writeFileSync(new URL(`console-${name}.png`, folder), body);
  }
}

/** Collects the page's Content-Security-Policy refusals: the console must cause none. */
function cspRefusals(page: Page): string[] {
  const refused: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  return refused;
}

/** A webhook receiver on 127.0.0.1: answers 204 and keeps each body it is sent. */
async function webhookReceiver(): Promise<{ url: string; bodies: { type: string; data: Record<string, unknown> }[]; server: Server }> {
  const bodies: { type: string; data: Record<string, unknown> }[] = [];
  const server = createServer((request, response) => {
    let text = "";
    request.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
    });
    request.on("end", () => {
      bodies.push(JSON.parse(text));
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/otl-events`, bodies, server };
}

async function signIn(page: Page, key = E2E_API_KEY): Promise<void> {
  await page.goto(CONSOLE_URL);
  await page.getByLabel("API key").fill(key);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("sign in, add a webhook endpoint, create a company, issue and copy a link, the customer finishes it elsewhere, the console shows done and the webhook delivered; sign out", async ({
  page,
  browser,
}, testInfo) => {
  // A whole customer journey inside a console journey, with three axe scans, on two shared cores.
  test.setTimeout(90_000);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: OTL_URL });
  const refused = cspRefusals(page);
  const answer = await page.goto(CONSOLE_URL);
  expect(answer?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  await expect(page.getByRole("heading", { level: 1, name: "OTL console" })).toBeVisible();
  await expectAccessible(page, "sign-in");
  await snap(page, testInfo, "sign-in");

  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Companies" })).toBeVisible();
  // The key is nowhere in the browser: not in storage, and the session cookie is out of script's reach.
  const kept = await page.evaluate(() =>
    JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }),
  );
  expect(kept).toBe(JSON.stringify({ local: {}, session: {}, cookie: "" }));
  const [cookie] = await page.context().cookies(OTL_URL);
  expect(cookie).toMatchObject({ name: "__Host-otl-console", httpOnly: true, secure: true, sameSite: "Strict" });
  expect(cookie?.value).not.toContain(E2E_API_KEY);

  // A webhook endpoint for the finish, made in the console: its secret is shown once.
  const receiver = await webhookReceiver();
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Webhooks" }).click();
  await page.getByLabel("URL").fill(receiver.url);
  await page.getByLabel(/^Events/).fill("flow.finished");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByTestId("webhook-secret")).toHaveText(/^whsec_/);
  await expect(page.getByRole("heading", { level: 3, name: receiver.url })).toBeVisible();
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Companies" }).click();

  await page.getByLabel("Name", { exact: true }).fill("Console Journey Pty Ltd");
  await page.getByLabel("Contact e-mail").fill("finance@console-journey.example");
  await page.getByRole("button", { name: "Create company" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Console Journey Pty Ltd" })).toBeVisible();
  await expect(page.getByText("No flow yet")).toBeVisible();

  await page.getByRole("button", { name: "Issue link" }).click();
  const issued = page.getByLabel("New link (shown once)");
  await expect(issued).toHaveValue(new RegExp(`^${OTL_URL}/company/co_[0-9a-f]+\\?link\\.otp=`));
  const url = await issued.inputValue();
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Link copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await expect(page.getByTestId("link-status")).toHaveText(["active"]);
  await expectAccessible(page, "company");

  // The customer, in a browser context of their own, with nothing of the console's.
  const elsewhere = await browser.newContext();
  try {
    const customer = new Customer(await elsewhere.newPage(), testInfo);
    await customer.page.goto(url);
    await customer.sees(SCREEN.landing("Console Journey Pty Ltd"), "customer-landing");
    await customer.start();
    await customer.agree();
    await customer.connectSandboxBankAndFinish();
  } finally {
    await elsewhere.close();
  }

  await page.getByRole("button", { name: "Refresh" }).click();
  await expect(page.getByTestId("flow-status")).toHaveText("Done");
  await expect(page.getByTestId("link-status")).toHaveText(["consumed"]);
  await expect(page.getByRole("cell", { name: /Sandbox Bank/ })).toBeVisible();
  await expectAccessible(page, "company (done)");
  await snap(page, testInfo, "company");
  const companyId = (await page.getByRole("definition").filter({ hasText: /^co_/ }).textContent())?.trim();

  // The webhook: delivered to the receiver, and shown as sent in the console.
  try {
    await expect
      .poll(() => receiver.bodies.map((body) => `${body.type} ${String(body.data.companyId)}`), { timeout: 15_000 })
      .toContain(`flow.finished ${companyId}`);
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Webhooks" }).click();
    const endpoint = page.getByRole("article", { name: receiver.url });
    await expect(async () => {
      await endpoint.getByRole("button", { name: "Show deliveries" }).click();
      await expect(endpoint.getByTestId("delivery-status")).toHaveText(["sent"], { timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await expect(endpoint.getByRole("cell", { name: "flow.finished" })).toBeVisible();
    await expectAccessible(page, "webhooks (delivered)");
    await snap(page, testInfo, "webhooks");
    // Removed, so the journeys after this one send it nothing.
    await endpoint.getByRole("button", { name: `Remove ${receiver.url}` }).click();
    await expect(page.getByRole("heading", { level: 3, name: receiver.url })).toHaveCount(0);
  } finally {
    receiver.server.close();
  }

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("alert")).toHaveText("You have signed out.");
  expect(await page.context().cookies(OTL_URL)).toEqual([]);
  await page.reload();
  await expect(page.getByLabel("API key")).toBeVisible();
  expect(refused).toEqual([]);
});

test("every console page is axe-clean, opens with focus on its heading, and says plainly what its server lacks", async ({
  page,
  otl,
}, testInfo) => {
  test.setTimeout(60_000);
  const refused = cspRefusals(page);
  await otl.company("Tour Company Ltd");
  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Companies" })).toBeVisible();
  await page.getByLabel("Name or external reference").fill("Tour Company");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("link", { name: "Tour Company Ltd" }).first()).toBeVisible();
  for (const [link, heading, name] of [
    ["Audit", "Audit timeline", "audit"],
    ["Webhooks", "Webhooks", "webhooks"],
    ["API reference", "API reference", "reference"],
    ["Companies", "Companies", "companies"],
  ] as const) {
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: link }).click();
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeFocused();
    // A page either shows what the server answers, or says plainly which route it lacks: never a spinner left turning.
    await expect(page.getByText("Loading…")).toHaveCount(0);
    await expectAccessible(page, name);
    // The webhooks page is shot in the first journey, with a delivery on it.
    if (name !== "webhooks") await snap(page, testInfo, name);
  }

  expect(refused).toEqual([]);
});

test("a wrong key is refused with no hint, and sets no cookie", async ({ page }) => {
  for (const key of ["nope", `${E2E_API_KEY}x`, E2E_API_KEY.slice(0, -1)]) {
    await signIn(page, key);
    await expect(page.getByRole("alert")).toHaveText("Sign-in failed.");
    expect(await page.context().cookies(OTL_URL)).toEqual([]);
  }
  await expect(page.getByRole("heading", { level: 1, name: "Companies" })).toHaveCount(0);
});

test("when the session is gone (expired, or ended elsewhere), the next action asks for the key again and changes nothing", async ({
  page,
}) => {
  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Companies" })).toBeVisible();
  // The server's idle clock (15 minutes) is tested in the server suite; here the browser loses the cookie as it does at Max-Age.
  await page.context().clearCookies();
  await page.getByLabel("Name", { exact: true }).fill("Never Created Ltd");
  const refusal = page.waitForResponse((response) => response.url().endsWith("/v1/companies") && response.request().method() === "POST");
  await page.getByRole("button", { name: "Create company" }).click();
  expect((await refusal).status()).toBe(401);
  await expect(page.getByRole("alert")).toHaveText("Your console session has ended. Sign in again to go on.");
  await expect(page.getByLabel("API key")).toBeVisible();
});

test("CSRF: a change with the session cookie but without the token is refused, from the console's page and from another site", async ({
  page,
  otl,
}) => {
  const company = await otl.company("CSRF Target Ltd");
  const link = await otl.link(company.id);
  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Companies" })).toBeVisible();

  // Script on the console's own origin that does not hold the token (say, injected markup): the cookie alone is not enough.
  const sameOrigin = await page.evaluate(async (linkId) => (await fetch(`/v1/links/${linkId}`, { method: "DELETE" })).status, link.id);
  expect(sameOrigin).toBe(401);

  // Another site posting a form to the admin API: SameSite=Strict keeps the cookie home, and there is no token.
  const attacker = "http://attacker.example";
  await page.route(`${attacker}/**`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<form method="post" action="${OTL_URL}/v1/companies" enctype="text/plain"><input name='{"name":"Forged","x":"' value='"}'></form>`,
    }),
  );
  await page.goto(`${attacker}/`);
  const forged = page.waitForResponse(`${OTL_URL}/v1/companies`);
  await page.locator("form").evaluate((form: HTMLFormElement) => form.submit());
  expect((await forged).status()).toBe(401);

  expect(await otl.linkStatus(company.id, link.id)).toBe("active");
});

test("a link sent by SMS from the console, and a flow resumed with a fresh link where the customer left it", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(60_000);
  await signIn(page);
  await page.getByLabel("Name", { exact: true }).fill("Resumed Pty Ltd");
  await page.getByLabel("Contact phone (E.164)").fill("+61400111222");
  await page.getByRole("button", { name: "Create company" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Resumed Pty Ltd" })).toBeVisible();

  // Sent by the server (this e2e server's SMS go to its log): the console shows the masked number and the outcome.
  await page.getByRole("radio", { name: "by SMS to the contact" }).check();
  await page.getByRole("button", { name: "Issue link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "the server is sending it by SMS" })).toBeVisible();
  await expect(async () => {
    await page.getByRole("button", { name: "Refresh" }).click();
    await expect(page.getByRole("cell", { name: "sms to +61******222: sent" })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  const first = await page.getByLabel("New link (shown once)").inputValue();

  // The customer starts, agrees, and leaves at the choice of bank.
  const elsewhere = await browser.newContext();
  try {
    const customer = new Customer(await elsewhere.newPage(), testInfo);
    await customer.page.goto(first);
    await customer.sees(SCREEN.landing("Resumed Pty Ltd"), "resume-landing");
    await customer.start();
    await customer.agree();
  } finally {
    await elsewhere.close();
  }

  await page.getByRole("button", { name: "Refresh" }).click();
  await expect(page.getByTestId("flow-status")).toHaveText("Open, at select");
  await expect(page.getByText(/Text version .+, en, accepted /)).toBeVisible();
  await page.getByRole("button", { name: "Resume with a fresh link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "A fresh link was issued" })).toBeVisible();
  const fresh = await page.getByLabel("New link (shown once)").inputValue();
  expect(fresh).not.toBe(first);
  await expect(page.getByTestId("link-status")).toHaveText(["active", "consumed"]);
  await expectAccessible(page, "company (resumed)");

  // The fresh link opens the same flow at the step the customer reached; the first one is spent.
  const later = await browser.newContext();
  try {
    const customer = new Customer(await later.newPage(), testInfo);
    await customer.page.goto(fresh);
    await customer.sees(SCREEN.landing("Resumed Pty Ltd"), "resume-fresh-landing");
    await customer.button("Start").click();
    await customer.sees(SCREEN.select, "resume-select");
  } finally {
    await later.close();
  }
});

/** Presses Tab (at most 60 times) until `target` has focus; fails if it never does. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < 60; presses++) {
    if (await target.evaluate((element) => element.matches(":focus"))) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("Tab never reached the control");
}

test("keyboard only: sign in, create a company, issue a link and revoke it", async ({ page }) => {
  await page.goto(CONSOLE_URL);
  await tabTo(page, page.getByLabel("API key"));
  await page.keyboard.type(E2E_API_KEY);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Companies" })).toBeFocused();

  await tabTo(page, page.getByLabel("Name", { exact: true }));
  await page.keyboard.type("Keyboard Only Ltd");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Keyboard Only Ltd" })).toBeFocused();

  await tabTo(page, page.getByRole("button", { name: "Issue link" }));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("link-status")).toHaveText(["active"]);
  await tabTo(page, page.getByRole("button", { name: /^Revoke ln_/ }));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("link-status")).toHaveText(["revoked"]);
});
