import type { ParsedMail } from "mailparser";
import { type MailCatcher, startMailCatcher } from "../scripts/mail-catcher.mjs";
import { Customer, recordFilesBesideTheBundle, SCREEN } from "./support/customer.ts";
import { E2E_SMTP_PORT, OTL_URL } from "./support/env.ts";
import { expect, test } from "./support/fixtures.ts";

// Reaching the customer directly (issue 11): Basiq's 2FA code read from the mail as a customer reads
// it, and Persona's resume: a spent link, "Send me a new link", and the new mail's link continuing the
// flow where the customer left it. The OTL server mails this catcher (playwright.config.ts).

let catcher: MailCatcher;
test.beforeAll(async () => {
  catcher = await startMailCatcher({ port: E2E_SMTP_PORT });
});
test.afterAll(async () => {
  await catcher?.close();
});

/** An address no other journey uses, so this one's mail is told apart. */
const inbox = (name: string) => `${name}.${Date.now().toString(36)}@customer.e2e.test`;
/** The next mail to `address` (the outbox may be retrying if it tried before the catcher listened). */
const mailTo = (address: string): Promise<ParsedMail> => catcher.next((mail) => JSON.stringify(mail.to).includes(address), 20_000);
/** The first URL of the OTL server in a mail's text. */
function linkIn(mail: ParsedMail): string {
  const found = new RegExp(`${OTL_URL.replace(/[.:/]/g, "\\$&")}/\\S+`).exec(mail.text ?? "");
  expect(found, `a link in: ${mail.text}`).not.toBeNull();
  return (found as RegExpExecArray)[0];
}

test("(d) a 2FA link: the code is mailed when the session opens, read from the mail, and opens the flow", async ({
  otl,
  page,
  customer,
}) => {
  const email = inbox("basiq");
  const company = await otl.company("Basiq Style Lending", { email });
  const link = await otl.link(company.id, { require2fa: true });
  // The files the bundle loads from beside itself.
  const files = recordFilesBesideTheBundle(page);

  await page.goto(link.url);
  await customer.sees(SCREEN.landing("Basiq Style Lending"), "landing");
  await expect(customer.link).toContainText("We will send you a 6-digit code to confirm it is you.");
  await customer.button("Start").click();
  await customer.sees("Confirm it is you", "verify");
  await expect(customer.link).toContainText(`Enter the 6-digit code we sent to ${email.slice(0, 1)}***@customer.e2e.test.`);
  // The resend waits out its 30 s: the button says how long.
  await expect(customer.link.getByRole("button", { name: /^Send a new code \(\d+\)$/ })).toBeDisabled();

  const mail = await mailTo(email);
  expect(mail.subject).toContain("Basiq Style Lending");
  const code = /\b(\d{6})\b/.exec(mail.text ?? "")?.[1] as string;
  expect(code).toMatch(/^\d{6}$/);
  const field = customer.link.getByLabel("6-digit code");
  await expect(field).toHaveAttribute("autocomplete", "one-time-code");
  await expect(field).toHaveAttribute("inputmode", "numeric");

  // A wrong code first: an alert that says so, with focus on it.
  await field.fill(code === "000000" ? "000001" : "000000");
  await customer.button("Confirm").click();
  const alert = customer.link.getByRole("alert");
  await expect(alert).toHaveText("That code is not right. Check it and try again.");
  await expect(alert).toBeFocused();
  // The refusal's words came in the file a refusal loads, served beside the bundle, once.
  expect(files.filter((file) => file.endsWith("/otl-link.problem.js"))).toEqual([`${OTL_URL}/assets/otl-link.problem.js`]);

  await field.fill(code);
  await customer.button("Confirm").click();
  await customer.sees(SCREEN.consent, "consent");
  await customer.agree();
  await customer.connectSandboxBankAndFinish();
  expect((await otl.flow(company.id)).status).toBe("done");
});

test("(d) five wrong 2FA codes: the lockout says so and takes focus; 'Send me a new link' mails a link that asks for a fresh code", async ({
  otl,
  page,
  customer,
}) => {
  const email = inbox("locked");
  const company = await otl.company("Lockout Lending", { email });
  const link = await otl.link(company.id, { require2fa: true });

  await page.goto(link.url);
  await customer.button("Start").click();
  await customer.sees("Confirm it is you", "verify");
  const first = /\b(\d{6})\b/.exec((await mailTo(email)).text ?? "")?.[1] as string;
  const wrong = first === "000000" ? "000001" : "000000";
  const field = customer.link.getByLabel("6-digit code");
  for (let tries = 1; tries <= 4; tries++) {
    await field.fill(wrong);
    await customer.button("Confirm").click();
    await expect(customer.link.getByRole("alert")).toHaveText("That code is not right. Check it and try again.");
  }
  await field.fill(wrong);
  await customer.button("Confirm").click();

  // Not the used link's screen: what happened, and what the server allows now.
  await customer.sees("Too many wrong codes", "locked");
  await expect(customer.link).not.toContainText("This link has already been used");
  const alert = customer.link.getByRole("alert");
  await expect(alert).toHaveText("For your safety, this link no longer works. We can send a new link to the contact we have on file.");
  await expect(alert).toBeFocused();
  expect(await otl.linkStatus(company.id, link.id)).toBe("consumed");
  // The right code is no use now: the session ended with the lock.
  await customer.button("Send me a new link").click();
  await expect(customer.link).toContainText("If we can, a new link is on its way to the contact we have on file.");

  const renewed = linkIn(await mailTo(email));
  await page.goto(renewed);
  await customer.button("Start").click();
  await customer.sees("Confirm it is you", "verify");
  const fresh = /\b(\d{6})\b/.exec((await mailTo(email)).text ?? "")?.[1] as string;
  await customer.link.getByLabel("6-digit code").fill(fresh);
  await customer.button("Confirm").click();
  await customer.sees(SCREEN.consent, "consent");
});

test("(d) a spent link → 'Send me a new link' → the new mail's link resumes at the step the customer left", async ({
  browser,
  otl,
  page,
  customer,
}) => {
  const email = inbox("persona");
  const company = await otl.company("Persona Style Lending", { email });
  const link = await otl.link(company.id);

  // The customer starts, agrees, and leaves at select.
  await page.goto(link.url);
  await customer.start();
  await customer.agree();
  await customer.choose("Sandbox Bank (test)");

  // Later, elsewhere (another browser: nothing of the first tab), the same link is spent.
  const elsewhere = await browser.newContext();
  try {
    const later = new Customer(await elsewhere.newPage(), test.info());
    await later.page.goto(link.url);
    await later.sees(SCREEN.used, "used");
    await later.button("Send me a new link").click();
    await expect(later.link).toContainText("If we can, a new link is on its way to the contact we have on file.");
    await expect(later.button("Send me a new link")).toHaveCount(0);
    await later.snap("renewed");

    const mail = await mailTo(email);
    const renewed = linkIn(mail);
    expect(renewed).not.toContain(link.code);
    expect(mail.html).toContain(renewed.replaceAll("&", "&amp;"));

    await later.page.goto(renewed);
    await later.sees(SCREEN.landing("Persona Style Lending"), "landing");
    await later.button("Start").click();
    // The flow resumes where it was left: connecting Sandbox Bank, past consent.
    await later.sees(SCREEN.connect("Sandbox Bank"), "connect");
    await later.signIn();
    await later.sees(SCREEN.review, "review");
    expect(await otl.linkStatus(company.id, link.id)).toBe("consumed");
  } finally {
    await elsewhere.close();
  }
});
