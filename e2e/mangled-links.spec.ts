import { SCREEN } from "./support/customer.ts";
import { E2E_API_KEY, OTL_URL } from "./support/env.ts";
import { expect, test } from "./support/fixtures.ts";

// Links as mail and chat clients hand them over, and the tab's own history: each kind from the
// issue's reports, in real Chromium against the real server.

test("a link with what a mail client glued after it still lands, and the address bar keeps only known options", async ({
  otl,
  page,
  customer,
}) => {
  const company = await otl.company("Mangled Mail Ltd");
  // Each case: how the query was mangled, and the options that must survive it.
  const cases: Array<[string, (code: string) => string, string]> = [
    ["!", (code) => `?link.otp=${code}!`, ""],
    ["encoded !", (code) => `?link.otp=${code}%21`, ""],
    [".", (code) => `?link.otp=${code}.`, ""],
    [")", (code) => `?link.otp=${code})`, ""],
    ["encoded >", (code) => `?link.otp=${code}%3E`, ""],
    ['encoded "', (code) => `?link.otp=${code}%22`, ""],
    ["encoded space", (code) => `?link.otp=${code}%20`, ""],
    ["encoded newline", (code) => `?link.otp=${code}%0D%0A`, ""],
    ["&amp;", (code) => `?link.showSandboxIntegrations=false&amp;link.otp=${code}`, "?link.showSandboxIntegrations=false"],
    ["a doubled ?", (code) => `??link.otp=${code}&link.locale=en`, "?link.locale=en"],
    ["a tracking parameter and a hash", (code) => `?link.otp=${code}&utm_source=mail#${code}`, ""],
  ];
  for (const [kind, mangle, kept] of cases) {
    const link = await otl.link(company.id);
    await page.goto(`${OTL_URL}/company/${company.id}${mangle(link.code)}`);
    await expect(customer.heading(SCREEN.landing("Mangled Mail Ltd")), kind).toBeVisible();
    expect(page.url(), kind).toBe(`${OTL_URL}/company/${company.id}${kept}`);
    expect(page.url()).not.toContain(link.code.slice(0, 12));
  }
});

test("a code cut short, or broken inside, gets the not-valid screen with no Try again", async ({ otl, page, customer }) => {
  const company = await otl.company("Cut Short Ltd");
  const link = await otl.link(company.id);
  for (const broken of [link.code.slice(0, -4), link.code.slice(0, 12), `${link.code.slice(0, 10)}%E2%80%A6`]) {
    await page.goto(`${OTL_URL}/company/${company.id}?link.otp=${broken}`);
    await expect(customer.heading("This link is not valid")).toBeVisible();
    await expect(customer.link).toContainText("opened the whole link");
    await expect(customer.button("Try again")).toHaveCount(0);
  }
  expect(await otl.linkStatus(company.id, link.id)).toBe("active");
});

test("reload and Back after All done show this tab's own done screen, never 'already used'", async ({ otl, page, customer, exchanges }) => {
  const company = await otl.company("History Ltd");
  const link = await otl.link(company.id);
  await page.goto(link.url);
  await customer.sees(SCREEN.landing("History Ltd"), "landing");
  await customer.start();
  await customer.agree();
  await customer.connectSandboxBankAndFinish();

  await page.reload();
  await customer.sees(SCREEN.done, "done after reload");
  await expect(customer.heading(SCREEN.used)).toHaveCount(0);

  await page.goto(`${OTL_URL}/assets/otl-hosted.css`);
  await page.goBack();
  await customer.sees(SCREEN.done, "done after Back");
  await page.goForward();
  await page.goBack();
  await customer.sees(SCREEN.done, "done after Forward and Back");
  expect(exchanges.sent, "the code was spent once, by Start").toHaveLength(1);
});

test("a host name in another script is isolated on screen, and the API refuses bidi controls and lone surrogates", async ({
  otl,
  page,
  customer,
  request,
}) => {
  const company = await otl.company("شركة المثال Lending");
  const link = await otl.link(company.id);
  await page.goto(link.url);
  await customer.sees(SCREEN.landing("شركة المثال Lending"), "landing");
  const isolated = await customer.link.evaluate((el) => el.shadowRoot?.querySelector("h2 bdi")?.textContent);
  expect(isolated).toBe("شركة المثال Lending");

  for (const [name, message] of [
    ['"Evil\\u202E Corp"', /bidirectional/],
    ['"Evil \\ud800"', /surrogate/],
    ['"\\u200b\\u200b"', /zero-width/],
  ] as const) {
    const answer = await request.post(`${OTL_URL}/v1/companies`, {
      headers: { authorization: `Bearer ${E2E_API_KEY}`, "content-type": "application/json" },
      data: `{"name":${name}}`,
    });
    expect(answer.status(), name).toBe(400);
    const problem = (await answer.json()) as { code: string; errors: Array<{ field: string; message: string }> };
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors.find((error) => error.field === "name")?.message).toMatch(message);
  }
});
