import { test as base } from "@playwright/test";
import { OtlAdmin } from "./admin.ts";
import { Customer, Exchanges } from "./customer.ts";
import { E2E_API_KEY, OTL_URL } from "./env.ts";

/** Playwright's `test`, with the host's admin API, the customer in `page`, and the exchanges `page` sends. */
export const test = base.extend<{ customer: Customer; exchanges: Exchanges }, { otl: OtlAdmin }>({
  // One API context per worker, apart from the browser: the API key never reaches a page.
  otl: [
    async ({ playwright }, use) => {
      const api = await playwright.request.newContext({ baseURL: OTL_URL, extraHTTPHeaders: { authorization: `Bearer ${E2E_API_KEY}` } });
      await use(new OtlAdmin(api));
      await api.dispose();
    },
    { scope: "worker" },
  ],
  customer: async ({ page }, use, testInfo) => use(new Customer(page, testInfo)),
  // Set up before the page opens anything, so not one exchange goes unseen.
  exchanges: async ({ page }, use) => use(new Exchanges(page)),
});

export { expect } from "@playwright/test";
