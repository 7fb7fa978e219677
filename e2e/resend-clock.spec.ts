import { expect, test } from "./support/fixtures.ts";

// The 2FA code screen's "Send a new code" counts down to the server's `resendAt` on the server's
// clock (each answer's `Date`), not on the customer's computer clock, which may be minutes off: fast,
// the resend would open at once and be refused; slow, it would stay shut for minutes.

for (const [label, offset] of [
  ["ten minutes fast", 10 * 60_000],
  ["ten minutes slow", -10 * 60_000],
] as const) {
  test(`the resend countdown follows the server's clock with the browser's clock ${label}`, async ({ otl, page, customer }) => {
    // The page's clock is off from the start; it runs on from there.
    await page.clock.install({ time: Date.now() + offset });
    const company = await otl.company("Skewed Clock Lending", { email: `skew.${offset > 0 ? "fast" : "slow"}@customer.e2e.test` });
    await page.goto((await otl.link(company.id, { require2fa: true })).url);
    await customer.button("Start").click();
    await expect(customer.heading("Confirm it is you")).toBeVisible();
    const resend = customer.link.getByRole("button", { name: /^Send a new code/ });
    // 30 s after the send, give or take the half second a whole-second `Date` leaves open.
    await expect(resend).toHaveText(/^Send a new code \((2\d|30)\)$/);
    await expect(resend).toBeDisabled();
  });
}
