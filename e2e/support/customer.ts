import { expect, type Locator, type Page, type Request, type TestInfo } from "@playwright/test";

// The customer's side of a journey: what they read and press inside <otl-link>. Locators are
// role-based and scoped to the element; Playwright reaches into its open shadow root by itself.

/** The heading of each screen, in the element's English catalogue. */
export const SCREEN = {
  landing: (company: string) => `Share ${company}'s financial data`,
  consent: "Do you agree to share this data?",
  select: "Choose where your accounts are",
  connect: (integration: string) => `Sign in to ${integration}`,
  review: "Your connected accounts",
  done: "All done",
  used: "This link has already been used",
  expired: "This link has expired",
  superseded: "A newer link replaced this one",
} as const;

/** What the landing screen says will be shared (the server's default `dataShared`). */
export const DATA_SHARED = ["Your accounts", "Balances", "Transactions"];

/** A customer in one page, driving its `<otl-link>`. Each screen they reach can be attached to the report. */
export class Customer {
  /** The page. */
  readonly page: Page;
  /** The element. */
  readonly link: Locator;
  readonly #testInfo: TestInfo;

  constructor(page: Page, testInfo: TestInfo) {
    this.page = page;
    this.link = page.locator("otl-link");
    this.#testInfo = testInfo;
  }

  /** The element's heading with exactly this text. */
  heading(name: string): Locator {
    return this.link.getByRole("heading", { level: 2, name, exact: true });
  }

  /** The element's button with exactly this label. */
  button(name: string): Locator {
    return this.link.getByRole("button", { name, exact: true });
  }

  /** Waits for the screen with this heading, and attaches a screenshot of it to the report. */
  async sees(heading: string, shot: string): Promise<void> {
    await expect(this.heading(heading)).toBeVisible();
    await this.snap(shot);
  }

  /** Attaches a screenshot of the page as it is now, numbered in the order of the test's screenshots. */
  async snap(name: string): Promise<void> {
    const body = await this.page.screenshot({ animations: "disabled" });
    const number = this.#testInfo.attachments.filter((attachment) => attachment.contentType === "image/png").length + 1;
    await this.#testInfo.attach(`${String(number).padStart(2, "0")}-${name}`, { body, contentType: "image/png" });
  }

  /** Landing → consent: the one click that exchanges a link code. */
  async start(): Promise<void> {
    await this.button("Start").click();
    await this.sees(SCREEN.consent, "consent");
  }

  /** Consent → select (or straight to connect, for a connection link). */
  async agree(next: string = SCREEN.select): Promise<void> {
    await this.button("I agree").click();
    await this.sees(next, next === SCREEN.select ? "select" : "connect");
  }

  /** Select → connect: chooses an integration from the list. */
  async choose(integration: string): Promise<void> {
    await this.link.getByRole("list", { name: SCREEN.select }).getByRole("button", { name: integration }).click();
    await this.sees(SCREEN.connect(integration.replace(/ \(test\)$/, "")), "connect");
  }

  /** Connect → review: signs in with the sandbox's good credentials. */
  async signIn(username = "user_good", password = "pass_good"): Promise<void> {
    await this.link.getByLabel("Username").fill(username);
    await this.link.getByLabel("Password").fill(password);
    await this.button("Connect").click();
  }

  /** Review → done. */
  async finish(): Promise<void> {
    await this.button("I have disclosed all my accounts").click();
    await this.sees(SCREEN.done, "done");
  }

  /** From the select screen to done, through Sandbox Bank. */
  async connectSandboxBankAndFinish(): Promise<void> {
    await this.choose("Sandbox Bank (test)");
    await this.signIn();
    await this.sees(SCREEN.review, "review");
    await expect(this.link.getByRole("listitem")).toHaveText(["Sandbox Bank: Connected"]);
    await this.finish();
  }
}

/** Whether a request is an exchange of a secret for a session (not its CORS preflight). */
export function isExchange(request: Request): boolean {
  return request.method() === "POST" && new URL(request.url()).pathname === "/v1/link/exchange";
}

/** Every exchange a page sends, and the status of each answer, from the browser's view. */
export class Exchanges {
  readonly sent: Request[] = [];
  readonly statuses: number[] = [];

  constructor(page: Page) {
    page.on("request", (request) => {
      if (isExchange(request)) this.sent.push(request);
    });
    page.on("response", (response) => {
      if (isExchange(response.request())) this.statuses.push(response.status());
    });
  }
}

/**
 * The URL of every file beside the bundle that a page asks for, in order (`…/otl-link.fr.js`,
 * `…/otl-link.problem.js`, from `/assets/` or a versioned `/assets/v…/`): the languages and steps it
 * loads on demand, never the bundle itself.
 */
export function recordFilesBesideTheBundle(page: Page): string[] {
  const files: string[] = [];
  page.on("request", (request) => {
    if (/\/otl-link\.\w+\.js$/.test(request.url())) files.push(request.url());
  });
  return files;
}

/** One `<otl-link>` event as a page's listener saw it. */
export interface OtlEvent {
  type: string;
  detail: Record<string, unknown>;
}

const EVENT_TYPES = ["otl-ready", "otl-step", "otl-connection", "otl-finish", "otl-close", "otl-error"];

/**
 * Records every `<otl-link>` event that reaches the window (they bubble and are composed), from
 * before the page's own scripts run. Init scripts come through the DevTools protocol, so the hosted
 * page's CSP does not stop them.
 */
export async function recordEvents(page: Page): Promise<() => Promise<OtlEvent[]>> {
  await page.addInitScript((types) => {
    const events: OtlEvent[] = [];
    Object.defineProperty(window, "__otlEvents", { value: events });
    for (const type of types) window.addEventListener(type, (event) => events.push({ type, detail: (event as CustomEvent).detail }));
  }, EVENT_TYPES);
  return () => page.evaluate(() => (window as unknown as { __otlEvents: OtlEvent[] }).__otlEvents);
}
