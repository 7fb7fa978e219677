// Throughput of issuing and exchanging one-time secrets: the real server (built dist/cli.js, on-disk SQLite)
// next to bare-server.mjs, the least node:http can do for the same calls, both measured in this run.
// It reports the goals as met or not and never fails on a missed goal; it fails only when the
// measurement itself is unsound (a server did not start, an exchange was not answered 201).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CONNECTIONS = 50;
const SECONDS = 5;
const WARMUP_SECONDS = 1;
// Exchanges are spread over companies, as real traffic would be, rather than all resuming one flow.
const COMPANIES = 50;
// Every exchange spends a fresh token, and tokens come from the timed issue run: this caps memory and time.
const MAX_TOKENS = 100_000;
const START_TIMEOUT_MS = 15_000;
const GOALS = { issue: 0.4, exchange: 0.3, p99Ms: 25 };
const API_KEY = `otl_sk_bench-${randomBytes(12).toString("base64url")}`;

const children = new Set();
process.once("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

/** Starts a server as a child process and waits for the URL it announces. */
async function startServer(name, args, env) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  let output = "";
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
    const onData = (chunk) => {
      output += chunk;
      // The OTL server announces itself in a JSON record (stdout is a pipe); the bare server in a plain line.
      const match = /listening on (https?:\/\/[^\s"]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before listening:\n${output}`));
    });
  });
  // Keep draining, so a chatty server never blocks on a full pipe mid-run.
  child.stdout.resume();
  child.stderr.on("data", (chunk) => process.stderr.write(`[${name}] ${chunk}`));
  return {
    url,
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
      children.delete(child);
    },
  };
}

/** One autocannon run; req/s is counted from the first request to the last answer, so a run that ends early by amount is fair. */
function measure(url, options) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let lastAnswer = started;
    let timer;
    const instance = autocannon({ url, connections: CONNECTIONS, duration: SECONDS, ...options }, (error, result) => {
      clearTimeout(timer);
      if (error) return reject(error);
      const answers = Object.values(result.statusCodeStats).reduce((sum, { count }) => sum + count, 0);
      resolve({
        answers,
        seconds: (lastAnswer - started) / 1000,
        rate: answers / ((lastAnswer - started) / 1000),
        p50: result.latency.p50,
        p99: result.latency.p99,
        statuses: Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count])),
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
      });
    });
    instance.on("response", () => {
      lastAnswer = performance.now();
    });
    // A run bounded by amount ignores duration; this keeps it bounded in time too.
    if (options.amount) timer = setTimeout(() => instance.stop(), SECONDS * 1000);
  });
}

const adminHeaders = { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" };

/** Issue runs cycle through the companies; the access-token run keeps what it issued for the exchange run. */
function issueRequest(companyIds, what, body, onResponse) {
  let next = 0;
  return {
    method: "POST",
    headers: adminHeaders,
    body,
    setupRequest: (request) => ({ ...request, path: `/v1/companies/${companyIds[next++ % companyIds.length]}/${what}` }),
    ...(onResponse ? { onResponse } : {}),
  };
}

async function benchServer(name, server, companyIds) {
  const rows = {};
  await measure(server.url, { duration: WARMUP_SECONDS, requests: [issueRequest(companyIds, "links", '{"type":"company"}')] });
  rows["issue: link"] = await measure(server.url, { requests: [issueRequest(companyIds, "links", '{"type":"company"}')] });

  const tokens = [];
  const keep = (status, body) => {
    if (status === 201 && tokens.length < MAX_TOKENS) tokens.push(JSON.parse(body).accessToken);
  };
  rows["issue: access token"] = await measure(server.url, { requests: [issueRequest(companyIds, "access-tokens", "{}", keep)] });

  // Each request spends its own token; the margin covers requests autocannon builds ahead of sending.
  let next = 0;
  const amount = tokens.length - CONNECTIONS;
  if (amount < CONNECTIONS * 10) throw new Error(`${name}: only ${tokens.length} access tokens were issued; too few to measure exchange`);
  rows.exchange = await measure(server.url, {
    amount,
    requests: [
      {
        method: "POST",
        path: "/v1/link/exchange",
        headers: { "content-type": "application/json" },
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ accessToken: tokens[next++] ?? "otl_at_ran-out-of-tokens" }) }),
      },
    ],
  });
  return rows;
}

async function otlCompanies(url) {
  const ids = [];
  for (let i = 0; i < COMPANIES; i++) {
    const response = await fetch(`${url}/v1/companies`, {
      method: "POST",
      headers: adminHeaders,
      body: JSON.stringify({ name: `Bench Co ${i}` }),
    });
    if (response.status !== 201) throw new Error(`creating a company: ${response.status} ${await response.text()}`);
    ids.push((await response.json()).id);
  }
  return ids;
}

const fmt = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");
const pad = (cells, widths) =>
  cells.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join("  ");

const dataDir = mkdtempSync(join(tmpdir(), "otl-bench-"));
const results = {};
let failed = false;
try {
  const otl = await startServer(
    "otl",
    [join(ROOT, "packages/server/dist/cli.js"), "--port", "0", "--data-dir", dataDir, "--api-key", API_KEY],
    {
      OTL_LOG: "error",
    },
  );
  try {
    results.otl = await benchServer("otl", otl, await otlCompanies(otl.url));
  } finally {
    await otl.stop();
  }
  const bare = await startServer("bare", [join(ROOT, "bench/bare-server.mjs")], { BENCH_API_KEY: API_KEY });
  try {
    const ids = Array.from({ length: COMPANIES }, (_, i) => `co_bench${i}`);
    results.bare = await benchServer("bare", bare, ids);
  } finally {
    await bare.stop();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

const measurements = Object.keys(results.otl);
const widths = [20, 6, 9, 9, 8, 8, 8, 7];
console.log(
  `\nOTL exchange bench: ${CONNECTIONS} connections, ~${SECONDS} s per measurement, Node ${process.version}, ${availableParallelism()} CPUs`,
);
console.log("otl = packages/server/dist/cli.js on an on-disk --data-dir (OTL_LOG=error); bare = bench/bare-server.mjs (node:http + Map)\n");
console.log(pad(["measurement", "server", "answers", "req/s", "p50 ms", "p99 ms", "non-2xx", "errors"], widths));
for (const measurement of measurements) {
  for (const server of ["otl", "bare"]) {
    const row = results[server][measurement];
    console.log(
      pad(
        [measurement, server, row.answers, fmt(row.rate), fmt(row.p50, 1), fmt(row.p99, 1), row.non2xx, row.errors + row.timeouts],
        widths,
      ),
    );
  }
}

console.log("\ngoals (reported, never enforced)");
const mark = (met) => (met ? "met" : "NOT met");
for (const measurement of measurements) {
  const goal = measurement === "exchange" ? GOALS.exchange : GOALS.issue;
  const ratio = results.otl[measurement].rate / results.bare[measurement].rate;
  console.log(`  ${measurement.padEnd(20)} otl/bare ${fmt(ratio, 2).padStart(5)}x   goal >= ${goal}x        ${mark(ratio >= goal)}`);
}
for (const measurement of measurements) {
  const p99 = results.otl[measurement].p99;
  console.log(
    `  ${measurement.padEnd(20)} otl p99 ${fmt(p99, 1).padStart(6)} ms  goal <= ${GOALS.p99Ms} ms      ${mark(p99 <= GOALS.p99Ms)}`,
  );
}

console.log("\nexchange answers (each spends a fresh token, so every one must be 201)");
for (const server of ["otl", "bare"]) {
  const row = results[server].exchange;
  const created = row.statuses["201"] ?? 0;
  const sound = created === row.answers && row.errors === 0 && row.timeouts === 0;
  if (!sound) failed = true;
  console.log(
    `  ${server.padEnd(5)} ${created}/${row.answers} were 201 in ${fmt(row.seconds, 2)} s; statuses ${JSON.stringify(row.statuses)}; errors ${row.errors}, timeouts ${row.timeouts}${sound ? "" : "  <- measurement unsound"}`,
  );
}
if (failed) process.exitCode = 1;
