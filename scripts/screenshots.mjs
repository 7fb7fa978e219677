// Screenshots of the hosted link flow for the README, at a phone-like 420×760:
//
//   node scripts/screenshots.mjs      # writes docs/screenshots/{landing,consent,select,connect,review,done,used}.png
//
// Run by hand when the element's look changes; no test runs it. It builds the server and the element,
// starts the OTL server on a free port with nothing stored, walks one link with Sandbox Bank, and stops.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumExecutable } from "./chromium.ts";
import { DEMO_RECIPIENT_ENV } from "./demo-recipient.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT = join(ROOT, "docs/screenshots");
const API_KEY = "otl_sk_screenshots-only-not-a-secret";
const COMPANY = "Acme Lending";

const build = spawnSync("pnpm", ["--silent", "--filter", "@otl/server...", "build"], { cwd: ROOT, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

/** Starts the built CLI on a free port and resolves with its URL once it says it is listening. */
function startServer() {
  const child = spawn(process.execPath, ["packages/server/dist/cli.js", "--port", "0", "--data-dir", "memory://", "--api-key", API_KEY], {
    cwd: ROOT,
    // The demo's recipient, as `pnpm start` shows it.
    env: { ...process.env, OTL_LOG: "error", ...DEMO_RECIPIENT_ENV },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const url = /otl-server listening on (https?:\/\/[^\s"]+)/.exec(output)?.[1];
      if (url) resolve({ url, stop: () => child.kill("SIGTERM") });
    });
    child.once("exit", (code) => reject(new Error(`otl-server exited with ${code} before listening`)));
  });
}

async function admin(base, method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

const server = await startServer();
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
try {
  const company = await admin(server.url, "POST", "/v1/companies", { name: COMPANY });
  const link = await admin(server.url, "POST", `/v1/companies/${company.id}/links`, { type: "company" });
  mkdirSync(OUT, { recursive: true });

  const context = await browser.newContext({ viewport: { width: 420, height: 760 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const element = page.locator("otl-link");
  const shot = async (name, heading) => {
    await element.getByRole("heading", { level: 2, name: heading, exact: true }).waitFor();
    // The customer's clicks move focus to each heading; a screenshot looks better without the ring.
    await page.evaluate(() => {
      let focused = document.activeElement;
      while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
      focused?.blur();
    });
    await page.screenshot({ path: join(OUT, `${name}.png`), animations: "disabled", caret: "hide" });
    console.log(`docs/screenshots/${name}.png`);
  };
  const click = (name) => element.getByRole("button", { name, exact: true }).click();

  await page.goto(link.url);
  await shot("landing", `Share ${COMPANY}'s financial data`);
  await click("Start");
  await shot("consent", "Do you agree to share this data?");
  await click("I agree");
  await element.getByRole("button", { name: "Sandbox Bank (test)" }).waitFor();
  await shot("select", "Choose where your accounts are");
  await click("Sandbox Bank (test)");
  await element.getByLabel("Username").fill("user_good");
  await element.getByLabel("Password").fill("pass_good");
  await shot("connect", "Sign in to Sandbox Bank");
  await click("Connect");
  await shot("review", "Your connected accounts");
  await click("I have disclosed all my accounts");
  await shot("done", "All done");

  const again = await context.newPage();
  await again.goto(link.url);
  await again.locator("otl-link").getByRole("heading", { level: 2, name: "This link has already been used" }).waitFor();
  await again.screenshot({ path: join(OUT, "used.png"), animations: "disabled" });
  console.log("docs/screenshots/used.png");
} finally {
  await browser.close();
  server.stop();
}
