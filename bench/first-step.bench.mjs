// Navigation → first step painted, in headless Chromium: the hosted link page beside, as the
// yardstick in the same run, a page with a minimal Lit element that renders a heading, a line and a
// button. Median of RUNS cold loads (a fresh browser context each: no cache; the pages taking turns)
// at 1× and 4× CPU slowdown (Chrome DevTools Protocol `Emulation.setCPUThrottlingRate`). Prints the
// table and each ratio to the minimal page; the goal (OTL / minimal Lit ≤ 1.3×, issue 10) is
// reported, never enforced. `--baseline DIR` adds another checkout's built server (its hosted page
// and bundle) to the same interleaved run, so a change is compared with what it changes.
// Run with `pnpm bench:first-step` (it builds the server and the element first).
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumExecutable } from "../scripts/chromium.ts";
import { API_KEY, baselineCli, startOtl, startServer } from "./servers.mjs";

const { values: flags } = parseArgs({ options: { baseline: { type: "string" }, runs: { type: "string" } } });
const RUNS = Number(flags.runs ?? 10);
const RATES = [1, 4];
const GOAL = 1.3;
const BASELINE = flags.baseline === undefined ? null : baselineCli(flags.baseline);
if (flags.baseline !== undefined && !BASELINE) {
  console.error(`first-step: --baseline ${flags.baseline} has no packages/server/dist/cli.js; build it there first`);
  process.exit(2);
}

/** Starts the minimal Lit page's server in a process of its own, on the server core like the OTL servers. */
async function startMinimal() {
  const server = await startServer("minimal", [fileURLToPath(new URL("minimal-lit-server.mjs", import.meta.url))]);
  return { url: server.url, stop: () => server.stop() };
}

/** An admin API call to an OTL server. */
async function admin(base, path, body) {
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

// Installed before any page script. Each frame it looks at the element's shadow root; the moments
// are taken after that frame's rendering (a message posted from requestAnimationFrame runs once the
// frame's style, layout and paint are done), as ms since navigation start:
// - `first`: a step's heading is painted — for <otl-link> any screen but loading with its heading's
//   words (the landing's shell that the hosted page's server draws counts: it is the landing's
//   heading and words, with grey bars for what `inspect` brings); for the minimal page its heading;
// - `complete` (<otl-link> only): the screen is no longer busy, the link's facts from `inspect` shown.
// Both are sent as a console message, so nothing is evaluated in the page while it boots
// (Playwright's waitForFunction injected its selector engine mid-boot, about 90 ms at 4×).
const WATCH = (tag) => {
  const times = {};
  const afterPaint = (name) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      times[name] = performance.now();
      if (times.first !== undefined && times.complete !== undefined) console.debug(`first-step ${JSON.stringify(times)}`);
    };
    channel.port2.postMessage(null);
  };
  let first = false;
  const look = () => {
    const element = document.querySelector(tag);
    const root = element?.shadowRoot;
    if (tag === "otl-link") {
      // The shell the hosted page's server drew while it stands in for the hidden element, then the element's own screen.
      const shell = document.querySelector("[data-otl-shell]")?.shadowRoot;
      const container = (shell ?? root)?.querySelector("[part~=container]");
      const screen = container?.getAttribute("data-screen");
      const shown = screen && screen !== "idle" && screen !== "loading";
      if (shown && !first && container.querySelector("[part~=heading]")?.textContent.trim()) {
        first = true;
        afterPaint("first");
      }
      if (!shell && root && shown && container.getAttribute("aria-busy") === "false") return afterPaint("complete");
    } else if (root?.querySelector("h2")) {
      afterPaint("first");
      return afterPaint("complete");
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
};

/** One cold load: a new context (empty cache), CPU slowed by `rate`; the `first` and `complete` moments. */
async function measure(browser, rate, url, tag) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate });
    await page.addInitScript(WATCH, tag);
    const reported = page.waitForEvent("console", { predicate: (message) => message.text().startsWith("first-step "), timeout: 20_000 });
    await page.goto(url, { waitUntil: "commit" });
    return JSON.parse((await reported).text().slice("first-step ".length));
  } finally {
    await context.close();
  }
}

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.ceil(at)] - sorted[low]) * (at - low);
}

/** An OTL server with a company, and a fresh link for every load (made ahead, so the server is idle while a page loads). */
async function otlPages(name, cli) {
  const server = await startOtl(name, ["--data-dir", "memory://"], cli ? { cli } : {});
  const base = server.urls[0];
  const company = await admin(base, "/v1/companies", { name: "Acme Pty Ltd" });
  const links = [];
  for (let i = 0; i < RATES.length * (RUNS + 1); i += 1)
    links.push((await admin(base, `/v1/companies/${company.id}/links`, { type: "company" })).url);
  return { server, next: () => ({ url: links.shift(), tag: "otl-link" }) };
}

const minimal = await startMinimal();
const otl = await otlPages("otl", null);
const baseline = BASELINE ? await otlPages("otl-baseline", BASELINE) : null;
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS, headless: true });
try {
  const pages = {
    "minimal Lit element": { next: () => ({ url: minimal.url, tag: "minimal-step" }) },
    "OTL hosted link": otl,
    ...(baseline && { "OTL hosted link @ baseline": baseline }),
  };
  /** name → rate → { first: ms[], complete: ms[] } */
  const times = {};
  for (const rate of RATES) {
    // Warm-up: the servers' and Chromium's first-time costs.
    for (const page of Object.values(pages)) {
      const { url, tag } = page.next();
      await measure(browser, rate, url, tag);
    }
    // The pages take turns, run by run, so a machine shared with other work slows all alike and
    // the ratio compares like with like (one page's ten runs, then the other's, did not).
    for (let run = 0; run < RUNS; run += 1) {
      for (const [name, page] of Object.entries(pages)) {
        const { url, tag } = page.next();
        const { first, complete } = await measure(browser, rate, url, tag);
        times[name] ??= {};
        times[name][rate] ??= { first: [], complete: [] };
        times[name][rate].first.push(first);
        times[name][rate].complete.push(complete);
      }
    }
  }
  const base = Object.fromEntries(RATES.map((rate) => [rate, quantile(times["minimal Lit element"][rate].first, 0.5)]));
  const rows = [];
  for (const [name, byRate] of Object.entries(times)) {
    for (const moment of name.startsWith("minimal") ? ["first"] : ["first", "complete"]) {
      const row = { page: name, moment: moment === "first" ? "first step painted" : "landing complete" };
      for (const rate of RATES) {
        const values = byRate[rate][moment];
        const median = quantile(values, 0.5);
        row[`${rate}× median (ms)`] = median.toFixed(1);
        row[`${rate}× IQR (ms)`] = `${quantile(values, 0.25).toFixed(0)}–${quantile(values, 0.75).toFixed(0)}`;
        row[`${rate}× ratio`] = (median / base[rate]).toFixed(2);
      }
      rows.push(row);
    }
  }
  process.stdout.write(`navigation → first step painted, median of ${RUNS} cold loads${BASELINE ? `; baseline ${BASELINE}` : ""}\n`);
  console.table(rows);
  for (const rate of RATES) {
    const ratio = quantile(times["OTL hosted link"][rate].first, 0.5) / base[rate];
    process.stdout.write(
      `${rate}× CPU: OTL / minimal Lit = ${ratio.toFixed(2)}× (goal ≤ ${GOAL}×: ${ratio <= GOAL ? "met" : "not met"})\n`,
    );
  }
} finally {
  await browser.close();
  await minimal.stop();
  await otl.server.stop();
  await baseline?.server.stop();
}
