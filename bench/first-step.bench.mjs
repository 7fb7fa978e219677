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
/** The rows' names for each moment. */
const MOMENTS = {
  first: "first step painted",
  firstTask: "first step, task after (old)",
  complete: "landing complete",
};
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

// Installed before any page script. Each frame it looks at the element's shadow root (or the shell's)
// and takes these moments, as ms since navigation start:
// - `first`: the first step is on screen — the browser's first-contentful-paint, which is when that
//   frame was presented, provided the step is what that paint showed: no other content was visible
//   before the step was found (for <otl-link>: no loading or empty screen shown, the element hidden
//   behind the shell until it shows a step of its own; the shell's shadow root comes whole, at its
//   closing </template>, and a Lit render is whole too, so the paint is the whole step). For the minimal page
//   its element is all there is; for the hosted page the landing's shell that its server draws counts
//   (the landing's heading and words, grey bars for what `inspect` brings). If the check fails the
//   moment is the old one below, so a page that shows something else first is never flattered.
// - `firstTask`: the old measure, the first task after the frame in which the step was found (a
//   message posted from requestAnimationFrame runs once the frame's style, layout and paint are
//   done). It also counts whatever the page queued behind that frame: the hosted page starts the
//   element's boot (a long task) right after the shell's frame, the minimal page queues nothing, so
//   this figure put the shell's paint 40–60 ms later than it was presented at 1×.
// - `complete` (<otl-link> only): the first task after the frame in which the screen is no longer busy,
//   the link's facts from `inspect` shown (measured the same way in every OTL build compared).
// All are sent as one console message, so nothing is evaluated in the page while it boots
// (Playwright's waitForFunction injected its selector engine mid-boot, about 90 ms at 4×).
const WATCH = (tag) => {
  const times = {};
  let fcp;
  let sawOther = false;
  let found = false;
  const report = () => {
    if (fcp === undefined || times.firstTask === undefined || times.complete === undefined) return;
    times.first = sawOther ? times.firstTask : fcp;
    times.byPaint = !sawOther;
    console.debug(`first-step ${JSON.stringify(times)}`);
  };
  new PerformanceObserver((list) => {
    const entry = list.getEntriesByName("first-contentful-paint")[0];
    if (entry) {
      fcp = entry.startTime;
      report();
    }
  }).observe({ type: "paint", buffered: true });
  const afterPaint = (name) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      times[name] = performance.now();
      report();
    };
    channel.port2.postMessage(null);
  };
  const look = () => {
    const element = document.querySelector(tag);
    const root = element?.shadowRoot;
    if (tag === "otl-link") {
      // The shell the hosted page's server drew while it stands in for the hidden element, then the element's own screen.
      const shell = document.querySelector("[data-otl-shell]")?.shadowRoot;
      const container = (shell ?? root)?.querySelector("[part~=container]");
      const screen = container?.getAttribute("data-screen");
      const shown = screen && screen !== "idle" && screen !== "loading";
      if (!found && !shown && !shell && element && !element.hidden && root?.textContent.trim()) sawOther = true;
      if (shown && !found && container.querySelector("[part~=heading]")?.textContent.trim()) {
        found = true;
        afterPaint("firstTask");
      }
      if (!shell && root && shown && container.getAttribute("aria-busy") === "false") return afterPaint("complete");
    } else if (root?.querySelector("h2")) {
      afterPaint("firstTask");
      return afterPaint("complete");
    } else if (root?.textContent.trim()) sawOther = true;
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
  /** name → rate → { first: ms[], firstTask: ms[], complete: ms[], byPaint: number } */
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
        const { first, firstTask, complete, byPaint } = await measure(browser, rate, url, tag);
        times[name] ??= {};
        times[name][rate] ??= { first: [], firstTask: [], complete: [], byPaint: 0 };
        const slot = times[name][rate];
        slot.first.push(first);
        slot.firstTask.push(firstTask);
        slot.complete.push(complete);
        if (byPaint) slot.byPaint += 1;
      }
    }
  }
  // Each first-step figure is compared with the minimal page's figure of the same measure; the landing complete with its first paint.
  const minimalTimes = times["minimal Lit element"];
  const base = Object.fromEntries(
    RATES.flatMap((rate) => [
      [rate, quantile(minimalTimes[rate].first, 0.5)],
      [`${rate} task`, quantile(minimalTimes[rate].firstTask, 0.5)],
    ]),
  );
  const rows = [];
  for (const [name, byRate] of Object.entries(times)) {
    for (const moment of name.startsWith("minimal") ? ["first", "firstTask"] : ["first", "firstTask", "complete"]) {
      const row = { page: name, moment: MOMENTS[moment] };
      for (const rate of RATES) {
        const values = byRate[rate][moment];
        const median = quantile(values, 0.5);
        row[`${rate}× median (ms)`] = median.toFixed(1);
        row[`${rate}× IQR (ms)`] = `${quantile(values, 0.25).toFixed(0)}–${quantile(values, 0.75).toFixed(0)}`;
        row[`${rate}× ratio`] = (median / base[moment === "firstTask" ? `${rate} task` : rate]).toFixed(2);
      }
      rows.push(row);
    }
  }
  process.stdout.write(`navigation → first step painted, median of ${RUNS} cold loads${BASELINE ? `; baseline ${BASELINE}` : ""}\n`);
  console.table(rows);
  // A load whose first paint was not its step (something else was shown first) counts at its old measure instead.
  for (const [name, byRate] of Object.entries(times)) {
    const counts = RATES.map((rate) => `${byRate[rate].byPaint}/${RUNS} at ${rate}×`).join(", ");
    process.stdout.write(`${name}: first step taken at first-contentful-paint in ${counts}\n`);
  }
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
