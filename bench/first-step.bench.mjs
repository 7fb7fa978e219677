// Navigation → first step rendered, in headless Chromium: the hosted link page (landing, after
// `inspect`), an embed with an access token (consent, after the exchange) and, as the yardstick in
// the same run, a page with a minimal Lit element that renders a heading, a line and a button.
// Median of RUNS cold loads (a fresh browser context each: no cache; the pages taking turns) at 1× and 4× CPU slowdown
// (Chrome DevTools Protocol `Emulation.setCPUThrottlingRate`). Prints the table and each ratio to
// the minimal page; the goal (OTL / minimal Lit ≤ 1.3×, issue 10) is reported, never enforced.
// Run with `pnpm bench:first-step` (it builds the server and the element first).
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumExecutable } from "../scripts/chromium.ts";
import { API_KEY, startOtl } from "./servers.mjs";

const RUNS = 10;
const RATES = [1, 4];
const GOAL = 1.3;

// esbuild and Lit come from the element's own dependencies, so the yardstick is built the same way.
const linkRequire = createRequire(new URL("../packages/link/package.json", import.meta.url));
const esbuild = linkRequire("esbuild");

/** The yardstick: the least a Lit element can do to show a first step. */
const MINIMAL_ELEMENT = `
import { LitElement, html, css } from "lit";
class MinimalStep extends LitElement {
  static styles = css\`:host{display:block;font-family:system-ui;padding:16px;border:1px solid #ccc;border-radius:8px}\`;
  render() {
    return html\`<h2>Share Acme Pty Ltd's financial data</h2><p>You will be asked to share your accounts.</p><button>Start</button>\`;
  }
}
customElements.define("minimal-step", MinimalStep);
`;

/** Serves the minimal Lit page and its bundle (minified, as OTL's is) on a free loopback port. */
async function startMinimal() {
  const built = await esbuild.build({
    stdin: { contents: MINIMAL_ELEMENT, resolveDir: fileURLToPath(new URL("../packages/link/", import.meta.url)), loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2022",
    write: false,
    conditions: ["production"],
  });
  const script = built.outputFiles[0].contents;
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Minimal Lit</title><script type="module" src="/minimal.js"></script></head><body><main><minimal-step></minimal-step></main></body></html>`;
  const server = createServer((request, response) => {
    if (request.url === "/minimal.js") response.writeHead(200, { "content-type": "text/javascript" }).end(script);
    else response.writeHead(200, { "content-type": "text/html" }).end(page);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, bytes: script.length, stop: () => server.close() };
}

/** An admin API call to the OTL server. */
async function admin(base, path, body) {
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

// Installed before any page script: notes the time of the first animation frame in which the
// element's shadow root shows a step (for <otl-link>, a screen other than loading), as ms since
// navigation start. A frame is when the customer can first see it.
const WATCH = (tag) => {
  const look = () => {
    const root = document.querySelector(tag)?.shadowRoot;
    const container = root?.querySelector("[part~=container]");
    const shown =
      tag === "otl-link" ? container && !["idle", "loading"].includes(container.getAttribute("data-screen")) : root?.querySelector("h2");
    if (shown) globalThis.__firstStep = performance.now();
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
};

/** One cold load: a new context (empty cache), CPU slowed by `rate`, time to the first step. */
async function measure(browser, rate, url, tag) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
  await page.addInitScript(WATCH, tag);
  await page.goto(url);
  await page.waitForFunction(() => globalThis.__firstStep !== undefined, null, { timeout: 20_000 });
  const ms = await page.evaluate(() => globalThis.__firstStep);
  await context.close();
  return ms;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2;
}

// The built server in memory, started (and pinned, where it can be) as the other benches start theirs.
const otl = await startOtl("otl", ["--data-dir", "memory://"]);
const otlUrl = otl.urls[0];
const minimal = await startMinimal();
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS, headless: true });
try {
  const company = await admin(otlUrl, "/v1/companies", { name: "Acme Pty Ltd" });
  const pages = {
    "minimal Lit element": async () => ({ url: minimal.url, tag: "minimal-step" }),
    "OTL hosted link (landing)": async () => ({
      url: (await admin(otlUrl, `/v1/companies/${company.id}/links`, { type: "company" })).url,
      tag: "otl-link",
    }),
  };
  const results = {};
  for (const rate of RATES) {
    // Warm-up: the server's and Chromium's first-time costs.
    for (const next of Object.values(pages)) {
      const first = await next();
      await measure(browser, rate, first.url, first.tag);
    }
    // The pages take turns, run by run, so a machine shared with other work slows both alike and
    // the ratio compares like with like (one page's ten runs, then the other's, did not).
    const times = Object.fromEntries(Object.keys(pages).map((name) => [name, []]));
    for (let run = 0; run < RUNS; run += 1) {
      for (const [name, next] of Object.entries(pages)) {
        const { url, tag } = await next();
        times[name].push(await measure(browser, rate, url, tag));
      }
    }
    for (const name of Object.keys(pages)) {
      results[name] ??= {};
      results[name][rate] = median(times[name]);
    }
  }
  const base = results["minimal Lit element"];
  const rows = Object.entries(results).map(([name, byRate]) => ({
    page: name,
    ...Object.fromEntries(
      RATES.flatMap((rate) => [
        [`${rate}× CPU (ms)`, byRate[rate].toFixed(1)],
        [`${rate}× ratio`, (byRate[rate] / base[rate]).toFixed(2)],
      ]),
    ),
  }));
  process.stdout.write(`navigation → first step rendered, median of ${RUNS} cold loads (minimal Lit bundle ${minimal.bytes} bytes)\n`);
  console.table(rows);
  for (const rate of RATES) {
    const ratio = results["OTL hosted link (landing)"][rate] / base[rate];
    process.stdout.write(
      `${rate}× CPU: OTL / minimal Lit = ${ratio.toFixed(2)}× (goal ≤ ${GOAL}×: ${ratio <= GOAL ? "met" : "not met"})\n`,
    );
  }
} finally {
  await browser.close();
  minimal.stop();
  await otl.stop();
}
