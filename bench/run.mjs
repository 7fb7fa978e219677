// `pnpm bench`: what OTL costs, measured so that two runs agree. The server runs on one core and this
// process (the load generator) on the other; the primary figure is the server's CPU time per request
// (or per flow), read from /proc before and after each run, with req/s and latency beside it. Rungs run
// interleaved (A B C … A B C …) for several rounds and each figure is a median with its min–max.
// It fails only when a measurement is unsound (a rung answered something other than 2xx); a missed goal
// or a rung that cannot run here (PostgreSQL) is reported, not fatal.
import { execFileSync } from "node:child_process";
import { availableParallelism, cpus, loadavg } from "node:os";
import { setTimeout } from "node:timers/promises";
import { parseArgs } from "node:util";
import { CLOCK_TICKS, descendants, PINNING, pin, totalCpuMicros } from "./cpu.mjs";
import { printAgainstBaseline, printFlowTable, printRequestTable, summarise, writeResults } from "./report.mjs";
import { baselineCli, findPostgres, ladder, SQLITE_NORMAL_RUNG } from "./servers.mjs";
import { CONNECTIONS, createCompanies, exchangeAccessTokens, fullFlows, issueAccessTokens, STEPS_PER_FLOW } from "./workloads.mjs";

const USAGE = `usage: node bench/run.mjs [--quick] [--rounds N] [--seconds S] [--only ladder|flow] [--rungs NAMES] [--baseline DIR]
  --quick     3 rounds of 2 s (about 2 minutes) instead of 3 rounds of 5 s (about 5 minutes)
  --rounds N  interleaved rounds per rung (at least 3 for a median worth the name)
  --seconds S length of each run
  --only      run only the request ladder or only the full-flow benchmark
  --rungs     run only these rungs, by name, comma-separated, each with its "@ baseline" twin (e.g. "OTL SQLite disk,OTL memory")
  --baseline  another checkout with a built server (e.g. main): its memory, SQLite and PostgreSQL rungs run interleaved with ours`;

const { values: flags } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    rounds: { type: "string" },
    seconds: { type: "string" },
    only: { type: "string" },
    rungs: { type: "string" },
    baseline: { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (flags.help) {
  console.log(USAGE);
  process.exit(0);
}
const positive = (name, text, fallback) => {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!(value > 0)) {
    console.error(`bench: --${name} must be a positive number, not "${text}"\n${USAGE}`);
    process.exit(2);
  }
  return value;
};
const ROUNDS = Math.round(positive("rounds", flags.rounds, 3));
const SECONDS = positive("seconds", flags.seconds, flags.quick ? 2 : 5);
if (flags.only !== undefined && !["ladder", "flow"].includes(flags.only)) {
  console.error(`bench: --only takes ladder or flow, not "${flags.only}"\n${USAGE}`);
  process.exit(2);
}
const BASELINE = flags.baseline === undefined ? null : baselineCli(flags.baseline);
if (flags.baseline !== undefined && BASELINE === null) {
  console.error(`bench: --baseline ${flags.baseline} has no packages/server/dist/cli.js; build it there first\n${USAGE}`);
  process.exit(2);
}
const RUN_LADDER = flags.only !== "flow";
const RUN_FLOW = flags.only !== "ladder";
const WARMUP_SECONDS = 1;
// An exchange run needs more tokens than connections (see exchangeAccessTokens); the warm-up issues at least this many, for at most this long.
const WARMUP_TOKENS = CONNECTIONS * 4;
const WARMUP_LIMIT_MS = 15_000;
const SETTLE_MS = 250;
const ISSUE_COMPANIES = 50;
// Each flow run (and the warm-up) uses up to CONNECTIONS companies for flows cut off at its end; see fullFlows.
const FLOW_COMPANIES = CONNECTIONS * (ROUNDS + 3);

// Read before pinning: once pinned, Node counts only the load core.
const CPU_COUNT = availableParallelism();
pin(process.pid, PINNING.load);
const startedAt = new Date().toISOString();
console.log(
  `OTL bench: ${ROUNDS} interleaved rounds of ${SECONDS} s per rung, ${CONNECTIONS} connections, Node ${process.version}, ` +
    `${CPU_COUNT} CPUs (${cpus()[0]?.model.trim() ?? "unknown"}), load average ${loadavg()[0].toFixed(1)}`,
);
console.log(
  PINNING.pinned
    ? `pinned: servers (and a PostgreSQL the bench starts) on CPU ${PINNING.server}, the load generator on CPU ${PINNING.load}`
    : `NOT pinned (${PINNING.reason}): servers and the load generator share every CPU, so req/s and latency swing with the load generator`,
);

const postgres = await findPostgres();
if (postgres.skip) console.log(`PostgreSQL rungs skipped: ${postgres.skip}`);
else console.log(`PostgreSQL rungs use ${postgres.source}`);

if (BASELINE) console.log(`baseline: ${BASELINE}`);
const { rungs: allRungs, cleanUp } = ladder(postgres, BASELINE);
// A change measured against its baseline needs only the rungs it touches: fewer rungs, shorter rounds, less drift between A and B.
const rungFilter = flags.rungs?.split(",").filter((part) => part !== "");
const rungs = rungFilter
  ? allRungs.filter((rung) => rungFilter.some((name) => rung.name === name || rung.name === `${name} @ baseline`))
  : allRungs;
if (rungs.length === 0) {
  console.error(`bench: --rungs ${flags.rungs} names none of: ${allRungs.map((rung) => rung.name).join(", ")}`);
  process.exit(2);
}
const started = [];
const skipped = new Map();
try {
  for (const rung of rungs) {
    if (rung.skip) {
      skipped.set(rung.name, rung.skip);
      continue;
    }
    try {
      started.push({ ...rung, server: await rung.start() });
    } catch (error) {
      const reason = `it did not start: ${error.message}`;
      console.log(`${rung.name} skipped: ${reason}`);
      skipped.set(rung.name, reason);
    }
  }
  for (const rung of [...started]) {
    try {
      await prepare(rung);
    } catch (error) {
      // A rung whose set-up fails is left out, said once, and the others still run.
      const reason = `its set-up failed: ${error.message}`;
      console.log(`${rung.name} skipped: ${reason}`);
      skipped.set(rung.name, reason);
      started.splice(started.indexOf(rung), 1);
      await rung.server.stop();
    }
  }
  const loadBefore = loadavg()[0];
  const results = {
    startedAt,
    commit: currentCommit(),
    node: process.version,
    cpus: CPU_COUNT,
    cpuModel: cpus()[0]?.model.trim() ?? null,
    pinning: PINNING,
    clockTicksPerSecond: CLOCK_TICKS,
    rounds: ROUNDS,
    secondsPerRun: SECONDS,
    connections: CONNECTIONS,
    postgres: postgres.skip ? { skipped: postgres.skip } : { source: postgres.source },
    baseline: BASELINE,
    ladder: RUN_LADDER ? await runLadder() : null,
    flow: RUN_FLOW ? await runFlowBench() : null,
  };
  // Other work on the machine is the main source of spread: a note should say how busy it was.
  results.loadAverage = { before: loadBefore, after: loadavg()[0] };
  report(results);
  console.log(`load average (1 min): ${results.loadAverage.before.toFixed(1)} before, ${results.loadAverage.after.toFixed(1)} after`);
  console.log(`\nresults: ${writeResults(results)}`);
} finally {
  await Promise.all(started.map((rung) => rung.server.stop()));
  if (!postgres.skip) await postgres.stop();
  cleanUp();
}

/** The commit measured (with `+changes` when the tree differs from it), or null outside a git checkout. */
function currentCommit() {
  try {
    const git = (...args) => execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    return `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain", "--untracked-files=no") ? "+changes" : ""}`;
  } catch {
    return null;
  }
}

/** Creates the companies a rung's runs use (OTL rungs; the references take any id), then warms it up. */
async function prepare(rung) {
  const [url] = rung.server.urls;
  rung.issueCompanies = rung.otl
    ? await createCompanies(url, ISSUE_COMPANIES, "issue")
    : Array.from({ length: ISSUE_COMPANIES }, (_, i) => `co_bench${i}`);
  if (rung.otl && RUN_FLOW) rung.flowCompanies = await createCompanies(url, FLOW_COMPANIES, "flow");
  // JIT, statement caches and connection pools warm up here, so round 1 is not an outlier.
  // A cold rung on a busy machine (two PostgreSQL processes, say) may issue too few tokens in one warm-up
  // second for an exchange run: it issues again, up to a bound, rather than being left out.
  const tokens = [];
  const warmingSince = performance.now();
  do {
    tokens.push(...(await issueAccessTokens(rung.server.urls, WARMUP_SECONDS, rung.issueCompanies)).tokens);
  } while (tokens.length < WARMUP_TOKENS && performance.now() - warmingSince < WARMUP_LIMIT_MS);
  await exchangeAccessTokens(rung.server.urls, WARMUP_SECONDS, tokens);
  if (rung.otl && RUN_FLOW) await fullFlows(rung.server.urls, WARMUP_SECONDS, rung.flowCompanies);
}

/**
 * CPU time (µs) of the rung's server processes, and of the database's processes when the bench started
 * the database itself (its processes are this one's descendants other than the servers; null otherwise).
 */
function cpuNow(rung) {
  const server = totalCpuMicros(rung.server.pids);
  if (!rung.database || !postgres.started) return { server, database: null };
  const serverPids = new Set(rung.server.pids);
  const database = new Map(descendants(process.pid).flatMap((pid) => (serverPids.has(pid) ? [] : [[pid, totalCpuMicros([pid])]])));
  return { server, database };
}

/** The database CPU spent between two readings; processes that exited in between are not counted. */
function databaseDelta(before, after) {
  if (after === null) return Number.NaN;
  let sum = 0;
  for (const [pid, micros] of after) sum += micros - (before.get(pid) ?? 0);
  return sum;
}

/** Runs `workload` against a rung and adds the CPU time (µs) it cost the server, the database and this process. */
async function measured(rung, workload) {
  const before = cpuNow(rung);
  const loadBefore = process.cpuUsage();
  const result = await workload();
  const load = process.cpuUsage(loadBefore);
  const after = cpuNow(rung);
  // Requests still in flight when autocannon stops are finished by the server afterwards: let them be,
  // so they do not land on the next rung's run (which shares the server core).
  await setTimeout(SETTLE_MS);
  return {
    ...result,
    serverCpuMicros: after.server - before.server,
    databaseCpuMicros: databaseDelta(before.database, after.database),
    // The load generator's own cost, kept in the JSON to show it is not what limits req/s.
    loadCpuMicros: load.user + load.system,
  };
}

/** Sound: every answer was 2xx, no socket errors, and the server used measurable CPU. */
function soundRun(run) {
  return run.errors === 0 && Object.keys(run.statuses).every((status) => status.startsWith("2")) && run.serverCpuMicros > 0;
}

async function runLadder() {
  const byWorkload = { issue: new Map(), exchange: new Map() };
  for (let round = 1; round <= ROUNDS; round++) {
    process.stdout.write(`ladder round ${round}/${ROUNDS}:`);
    for (const rung of started) {
      let tokens = [];
      const issue = await measured(rung, async () => {
        const result = await issueAccessTokens(rung.server.urls, SECONDS, rung.issueCompanies);
        tokens = result.tokens;
        delete result.tokens;
        return result;
      });
      const exchange = await measured(rung, () => exchangeAccessTokens(rung.server.urls, SECONDS, tokens));
      for (const [workload, run] of [
        ["issue", issue],
        ["exchange", exchange],
      ]) {
        const runs = byWorkload[workload].get(rung.name) ?? [];
        runs.push({ ...run, cpuPerRequest: run.serverCpuMicros / run.answers, databaseCpuPerRequest: run.databaseCpuMicros / run.answers });
        byWorkload[workload].set(rung.name, runs);
      }
      process.stdout.write(".");
    }
    process.stdout.write("\n");
  }
  const figures = ["cpuPerRequest", "databaseCpuPerRequest", "rate", "p50", "p99"];
  return Object.fromEntries(
    Object.entries(byWorkload).map(([workload, runsByRung]) => [
      workload,
      rungs.map((rung) => {
        const runs = runsByRung.get(rung.name);
        if (!runs) return { name: rung.name, skipped: skipped.get(rung.name) };
        return { name: rung.name, sound: runs.every(soundRun), summary: summarise(runs, figures), runs };
      }),
    ]),
  );
}

async function runFlowBench() {
  const otlRungs = started.filter((rung) => rung.otl);
  const runsByRung = new Map();
  for (let round = 1; round <= ROUNDS; round++) {
    process.stdout.write(`flow round ${round}/${ROUNDS}:`);
    for (const rung of otlRungs) {
      const run = await measured(rung, () => fullFlows(rung.server.urls, SECONDS, rung.flowCompanies));
      const flowsWorth = run.answers / STEPS_PER_FLOW;
      const runs = runsByRung.get(rung.name) ?? [];
      runs.push({ ...run, cpuPerFlow: run.serverCpuMicros / flowsWorth, databaseCpuPerFlow: run.databaseCpuMicros / flowsWorth });
      runsByRung.set(rung.name, runs);
      process.stdout.write(".");
    }
    process.stdout.write("\n");
  }
  const figures = ["cpuPerFlow", "databaseCpuPerFlow", "flowRate", "flowP50", "flowP99", "p50", "p99"];
  return rungs
    .filter((rung) => rung.otl)
    .map((rung) => {
      const runs = runsByRung.get(rung.name);
      if (!runs) return { name: rung.name, skipped: skipped.get(rung.name) };
      return {
        name: rung.name,
        sound: runs.every((run) => soundRun(run) && run.failedFlows === 0),
        summary: summarise(runs, figures),
        runs,
      };
    });
}

function report(results) {
  const showDatabase = postgres.started === true;
  const each = `median (min–max) of ${ROUNDS} interleaved runs of ${SECONDS} s`;
  if (results.ladder) {
    printRequestTable(`issue an access token (POST /v1/companies/:id/access-tokens), ${each}`, results.ladder.issue, showDatabase);
    printRequestTable(
      `exchange an access token (POST /v1/link/exchange, each a fresh token), ${each}`,
      results.ladder.exchange,
      showDatabase,
    );
  }
  if (results.flow) {
    printFlowTable(
      `full flow (access token → exchange → consent → connect sandbox-bank → credentials → finish), ${CONNECTIONS} virtual users, ${each}`,
      results.flow,
      showDatabase,
    );
    console.log(
      `A flow is ${STEPS_PER_FLOW} requests: CPU per flow and flows/s count requests answered ÷ ${STEPS_PER_FLOW}; flow p50/p99 time whole flows.`,
    );
  }
  if (results.ladder) {
    printAgainstBaseline("issue CPU", results.ladder.issue, "cpuPerRequest");
    printAgainstBaseline("exchange CPU", results.ladder.exchange, "cpuPerRequest");
  }
  if (results.flow) printAgainstBaseline("flow CPU", results.flow, "cpuPerFlow");
  if (results.flow) printDurabilityCost(results.flow);
  for (const [name, reason] of skipped) console.log(`skipped: ${name}: ${reason}`);
  const unsound = [...(results.ladder ? [...results.ladder.issue, ...results.ladder.exchange] : []), ...(results.flow ?? [])].filter(
    (rung) => rung.summary && !rung.sound,
  );
  for (const rung of unsound) {
    const statuses = rung.runs.map((run) => JSON.stringify(run.statuses)).join(" ");
    console.log(`UNSOUND: ${rung.name} answered ${statuses}; errors ${rung.runs.map((run) => run.errors).join(", ")}`);
  }
  if (unsound.length > 0) process.exitCode = 1;
}

/** What synchronous=FULL costs a flow on SQLite, from the FULL (as shipped) and NORMAL rungs of the same interleaved run. */
function printDurabilityCost(flow) {
  const full = flow.find((rung) => rung.name === "OTL SQLite disk")?.summary;
  const normal = flow.find((rung) => rung.name === SQLITE_NORMAL_RUNG)?.summary;
  if (!full || !normal) return;
  const cpu = full.cpuPerFlow.median - normal.cpuPerFlow.median;
  console.log(
    `synchronous=FULL (as shipped) against NORMAL, same run: ${full.cpuPerFlow.median.toFixed(0)} against ${normal.cpuPerFlow.median.toFixed(0)} µs/flow ` +
      `(${cpu >= 0 ? "+" : ""}${cpu.toFixed(0)} µs, ×${(full.cpuPerFlow.median / normal.cpuPerFlow.median).toFixed(2)}), ` +
      `${full.flowRate.median.toFixed(0)} against ${normal.flowRate.median.toFixed(0)} flows/s`,
  );
}
