import { existsSync } from "node:fs";
import { defineConfig, devices, type PlaywrightTestConfig } from "@playwright/test";
import { E2E_API_KEY, E2E_SMTP_PORT, EMBED_HOST_URL, HOST_BACKEND_URL, OTL_URL, REACT_URL, VANILLA_URL } from "./e2e/support/env.ts";
import { CHROMIUM_ARGS, chromiumExecutable } from "./scripts/chromium.ts";
import { DEMO_RECIPIENT_ENV } from "./scripts/demo-recipient.mjs";

// End-to-end journeys: the built OTL server, its hosted link pages, and the example host apps, in Chromium.
// `pnpm exec playwright test` starts the servers below, one after another in this order, and stops them after.

type WebServer = Extract<PlaywrightTestConfig["webServer"], unknown[]>[number];

const port = (url: string) => new URL(url).port;
const reuseExistingServer = !process.env.CI;

const otlServer: WebServer = {
  name: "otl-server",
  // Builds protocol, SDK, the element bundle and the server first: the hosted pages serve that bundle.
  command: [
    'pnpm --silent --filter "@otl/server..." build &&',
    `node packages/server/dist/cli.js --port ${port(OTL_URL)} --data-dir memory:// --api-key ${E2E_API_KEY} --public-url ${OTL_URL} --sandbox-oauth`,
  ].join(" "),
  // Answers 200 once the server is up and the element bundle is built.
  url: `${OTL_URL}/assets/otl-link.js`,
  // The recipient `pnpm start` sets, so the journeys read the demo as a newcomer does.
  // Mail (links, 2FA codes) goes to the catcher the delivery journeys run (e2e/delivery.spec.ts); SMS to
  // the server's log (development's sender), so the console can deliver a link by SMS.
  env: {
    OTL_ALLOWED_ORIGINS: `${VANILLA_URL},${REACT_URL},${EMBED_HOST_URL}`,
    OTL_LOG: "error",
    OTL_SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
    OTL_MAIL_FROM: "OTL journeys <links@otl.e2e.test>",
    OTL_SMS_WEBHOOK_URL: "console",
    ...DEMO_RECIPIENT_ENV,
  },
  reuseExistingServer,
  timeout: 120_000,
};

const hostBackend: WebServer = {
  name: "host-backend",
  command: "node examples/host-backend/server.mjs",
  url: `${HOST_BACKEND_URL}/api/otl-session`,
  wait: { stdout: /host-backend listening on/ },
  env: { OTL_URL, OTL_API_KEY: E2E_API_KEY, PORT: port(HOST_BACKEND_URL) },
  reuseExistingServer,
  timeout: 30_000,
};

/** A Vite example app on its e2e port, its `/api` proxied to the host backend. */
function viteExample(name: string, url: string): WebServer {
  return {
    name,
    // --host: Vite's default "localhost" may resolve to ::1 alone, and the OTL server's CORS allow-list names 127.0.0.1.
    command: `pnpm --filter @otl/example-${name} exec vite --port ${port(url)} --strictPort --host 127.0.0.1`,
    url,
    env: { HOST_BACKEND_URL },
    reuseExistingServer,
    timeout: 60_000,
  };
}

// An example missing from the tree gets no server: its journeys then fail on their own, and the hosted ones still run.
const examples = [
  ...(existsSync("examples/host-backend/server.mjs") ? [hostBackend] : []),
  ...(existsSync("examples/vanilla/package.json") ? [viteExample("vanilla", VANILLA_URL)] : []),
  ...(existsSync("examples/react/package.json") ? [viteExample("react", REACT_URL)] : []),
];

export default defineConfig({
  testDir: "e2e",
  testMatch: "*.spec.ts",
  outputDir: "test-results",
  // Two shared cores: one browser at a time, the journeys in file order.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  // `scripts/test.mjs` replaces these with `list,junit` (reports/junit/e2e.xml).
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    ...devices["Desktop Chrome"],
    headless: true,
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: CHROMIUM_ARGS,
    },
  },
  projects: [{ name: "chromium" }],
  webServer: [otlServer, ...examples],
});
