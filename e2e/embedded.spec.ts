import type { Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe.ts";
import { type Customer, SCREEN } from "./support/customer.ts";
import { REACT_URL, VANILLA_URL } from "./support/env.ts";
import { expect, test } from "./support/fixtures.ts";

// The embedded flow: a host's own page gets an access token from its backend (examples/host-backend)
// and hands it to <otl-link>. An access token needs no landing: the element exchanges it at once.
// Both example apps share the host backend's one company; each journey finishes its flow, so the next
// one starts a new flow at consent.

/** One line of the page's event log: `<li data-event="otl-step">otl-step {"step":"consent"}</li>`. */
interface Logged {
  event: string;
  detail: Record<string, unknown>;
}

/** The page's event log; each line must start with the event named in its data-event, then the detail as JSON. */
async function eventLog(page: Page): Promise<Logged[]> {
  const items = page.getByRole("list", { name: "Events" }).getByRole("listitem");
  const lines = await items.evaluateAll((elements) => elements.map((item) => [(item as HTMLElement).dataset.event, item.textContent]));
  return lines.map(([event = "", text = ""]) => {
    expect(text.startsWith(`${event} `), `"${text}" starts with its data-event "${event}"`).toBe(true);
    return { event, detail: JSON.parse(text.slice(event.length + 1)) };
  });
}

/** Opens the host page and walks the embedded flow from consent to done; answers the company the backend used. */
async function walkEmbeddedFlow(page: Page, url: string, customer: Customer): Promise<string> {
  const session = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/otl-session");
  await page.goto(url);
  const { companyId } = (await (await session).json()) as { companyId: string };
  await customer.sees(SCREEN.consent, "consent");
  await customer.agree();
  await customer.connectSandboxBankAndFinish();
  return companyId;
}

/** The log a whole flow leaves: ready first, each step once and in order, the connection linked, one finish, no error. */
async function expectWholeFlowLogged(page: Page): Promise<void> {
  await expect(
    page
      .getByRole("list", { name: "Events" })
      .getByRole("listitem")
      .filter({ hasText: /^otl-finish / }),
  ).toHaveCount(1);
  const log = await eventLog(page);
  expect(log[0]?.event).toBe("otl-ready");
  expect(log.filter((line) => line.event === "otl-ready")).toHaveLength(1);
  expect(log.filter((line) => line.event === "otl-step").map((line) => line.detail.step)).toEqual([
    "consent",
    "select",
    "connect",
    "review",
    "done",
  ]);
  const connections = log.filter((line) => line.event === "otl-connection").map((line) => line.detail.connection);
  expect(connections.length).toBeGreaterThan(0);
  expect(connections.at(-1)).toMatchObject({ integration: "sandbox-bank", status: "linked" });
  const finish = log.filter((line) => line.event === "otl-finish");
  expect(finish).toHaveLength(1);
  expect(finish[0]?.detail.flow).toMatchObject({ step: "done", connections: [{ integration: "sandbox-bank", status: "linked" }] });
  const doneAt = log.findIndex((line) => line.event === "otl-step" && line.detail.step === "done");
  expect(
    log.findIndex((line) => line.event === "otl-finish"),
    "otl-finish after the done step",
  ).toBeGreaterThan(doneAt);
  expect(log.filter((line) => line.event === "otl-error")).toEqual([]);
}

test("(c) the vanilla page embeds the flow by access token, and its event log shows ready, every step, the connection and the finish", async ({
  page,
  customer,
  exchanges,
  otl,
}) => {
  const companyId = await walkEmbeddedFlow(page, VANILLA_URL, customer);
  expect(exchanges.statuses).toEqual([201]);
  await expectWholeFlowLogged(page);
  expect(await otl.flow(companyId)).toMatchObject({ status: "done", connections: [{ integration: "sandbox-bank", status: "linked" }] });
});

test("(d) the React app renders <OtlLink> from @otl/react under StrictMode: one exchange, and the flow works", async ({
  page,
  customer,
  exchanges,
  otl,
}) => {
  const companyId = await walkEmbeddedFlow(page, REACT_URL, customer);
  // StrictMode mounts, unmounts and mounts again, and the app has no guard of its own: still one exchange.
  expect(exchanges.sent).toHaveLength(1);
  expect(exchanges.statuses).toEqual([201]);
  // <OtlLink> sets the element's properties: none of its inputs, the token least of all, is an attribute in the page.
  expect(await page.locator("otl-link").evaluate((element) => element.getAttributeNames())).toEqual([]);
  await expectWholeFlowLogged(page);
  expect(await otl.flow(companyId)).toMatchObject({ status: "done", connections: [{ integration: "sandbox-bank", status: "linked" }] });
});

test("(e) while the exchange is in flight, the embedded element shows the consent's shell: heading, grey bars, a disabled 'I agree', busy and accessible", async ({
  page,
  customer,
  exchanges,
}) => {
  // The exchange is held at the browser until the shell has been looked at, then sent on to the real server.
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route("**/v1/link/exchange", async (route) => {
    await released;
    await route.continue();
  });
  await page.goto(VANILLA_URL);
  const box = page.locator("otl-link [part~=container]");
  await expect(box).toHaveAttribute("aria-busy", "true");
  await expect(page.locator("otl-link").getByRole("heading", { name: SCREEN.consent })).toBeVisible();
  await expect(page.locator("otl-link").getByRole("button", { name: "I agree" })).toBeDisabled();
  await expect(box.locator("[aria-hidden=true] > .sk")).toHaveCount(3);
  await expect(page.locator("otl-link").getByRole("status")).toHaveText("Loading…");
  await expectNoAxeViolations(page, "consent shell");
  release();
  await customer.sees(SCREEN.consent, "consent");
  await expect(box).toHaveAttribute("aria-busy", "false");
  await expect(page.locator("otl-link").getByRole("button", { name: "I agree" })).toBeEnabled();
  expect(exchanges.statuses).toEqual([201]);
});
