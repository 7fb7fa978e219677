// `node bench/profile-flow.mjs [--seconds S] [--out FILE] [--memory] [--profile FILE]`: where a flow's server CPU goes. Runs the
// full-flow workload against the built server on SQLite on disk (or, with --memory, the memory store), started with `node --cpu-prof`, then
// sums the profile's self time by area (SQLite statements, commit, HMAC, JSON, Hono, zod, socket…)
// and by function, and writes a Markdown summary (default bench/results/flow-profile.md).
// Figures under the profiler run higher than in `pnpm bench`; read the shares, not the absolute µs.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { setTimeout } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { PINNING, pin, totalCpuMicros } from "./cpu.mjs";
import { startOtl, temporaryDataDir } from "./servers.mjs";
import { CONNECTIONS, createCompanies, fullFlows, STEPS_PER_FLOW } from "./workloads.mjs";

const { values: flags } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    // The memory store: what a flow costs outside SQL (HTTP, Hono, middlewares, validation, hashing, JSON).
    memory: { type: "boolean", default: false },
    // Keeps the raw .cpuprofile (for Chrome DevTools, or a finer look than the summary's).
    profile: { type: "string" },
    out: { type: "string", default: fileURLToPath(new URL("results/flow-profile.md", import.meta.url)) },
  },
});
const SECONDS = Number(flags.seconds);
if (!(SECONDS > 0)) throw new Error(`--seconds must be a positive number, not "${flags.seconds}"`);
const TOP_FUNCTIONS = 30;

pin(process.pid, PINNING.load);
const dataDir = temporaryDataDir();
const profileDir = mkdtempSync(join(tmpdir(), "otl-profile-"));
let measurement;
let runStart = 0;
let runEnd = 0;
try {
  const storage = flags.memory ? "memory://" : dataDir;
  const server = await startOtl(flags.memory ? "otl-memory-profiled" : "otl-sqlite-profiled", ["--data-dir", storage], {
    nodeArgs: ["--cpu-prof", "--cpu-prof-dir", profileDir],
  });
  try {
    const companies = await createCompanies(server.urls[0], CONNECTIONS * 4, "profile");
    await fullFlows(server.urls, 2, companies);
    const before = totalCpuMicros(server.pids);
    runStart = performance.now();
    const run = await fullFlows(server.urls, SECONDS, companies);
    runEnd = performance.now();
    const cpu = totalCpuMicros(server.pids) - before;
    measurement = { ...run, cpuPerFlow: cpu / (run.answers / STEPS_PER_FLOW) };
  } finally {
    // The profile is written when the server exits; first let it finish the requests still in flight.
    await setTimeout(250);
    await server.stop();
  }
  const stopped = performance.now();
  const [file] = readdirSync(profileDir)
    .filter((name) => name.endsWith(".cpuprofile"))
    .sort((a, b) => readFileSync(join(profileDir, b)).length - readFileSync(join(profileDir, a)).length);
  if (!file) throw new Error("the server wrote no .cpuprofile");
  const profile = JSON.parse(readFileSync(join(profileDir, file), "utf8"));
  if (flags.profile) copyFileSync(join(profileDir, file), flags.profile);
  // Only the measured run counts, not start-up, set-up and warm-up. The profile ends when the server
  // exits, which is (to a few ms) when its stop() returned: the run's window is placed back from there (µs).
  const window = { start: profile.endTime - (stopped - runStart) * 1000, end: profile.endTime - (stopped - runEnd) * 1000 };
  const summary = summarise(profile, window);
  mkdirSync(dirname(flags.out), { recursive: true });
  writeFileSync(flags.out, markdown(summary, measurement));
  console.log(`profile summary: ${flags.out}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(profileDir, { recursive: true, force: true });
}

/** Where a frame's code lives, from its script URL (or, for native frames, its caller's area). */
function areaOf(frame, parentArea, parentFunction) {
  const { url, functionName } = frame;
  if (functionName === "(garbage collector)") return "GC";
  if (functionName === "(idle)") return "idle";
  if (functionName === "(program)") return "V8/libuv outside JS (program)";
  if (url === "") {
    // A native function: SQLite's run/get/all, crypto's update/digest, JSON's parse/stringify…
    if (/^(JSON\.)?(parse|stringify)$/.test(functionName)) return "JSON";
    if (parentArea.startsWith("SQLite")) return sqliteArea(parentFunction);
    return parentArea === "idle" ? "native (other)" : parentArea;
  }
  if (url.includes("/store/sqlite")) return sqliteArea(functionName);
  if (url.includes("/zod/")) return "zod";
  if (url.includes("/@hono/node-server/")) return "Hono node adapter";
  if (url.includes("/hono/")) return "Hono";
  if (url.includes("/packages/server/")) return `OTL ${url.replace(/^.*\/packages\/server\/dist\//, "").replace(/\.js$/, "")}`;
  if (/node:internal\/crypto|node:crypto/.test(url)) return "HMAC / crypto";
  if (/node:(internal\/)?(net|_http|http|stream|internal\/streams|internal\/http|dns|internal\/stream_base)/.test(url))
    return "socket / node:http";
  if (url.startsWith("node:")) return "node (other)";
  return "other";
}

/**
 * V8 shows no frame of its own for node:sqlite's native run/get/all: their time is the self time of the
 * store function that calls them. So the store's function names tell the SQLite areas apart.
 */
function sqliteArea(functionName) {
  if (/commitBatch|transactionNow/.test(functionName)) return "SQLite COMMIT";
  if (/finishCheckpoint/.test(functionName)) return "SQLite checkpoint (main thread)";
  if (/openBatch|#transaction$/.test(functionName)) return "SQLite BEGIN / SAVEPOINT / RELEASE";
  if (/^to[A-Z]/.test(functionName)) return "SQLite rows → records (JS)";
  return "SQLite statements";
}

/** Self time (ms) by area and by function, and inclusive time by OTL function, from a V8 .cpuprofile. */
function summarise(profile, window) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  // Areas are resolved from the root down, so a native frame takes its caller's area.
  const area = new Map();
  const resolve = (id) => {
    if (area.has(id)) return area.get(id);
    const parentId = parents.get(id);
    const parentArea = parentId === undefined ? "idle" : resolve(parentId);
    const parentFunction = parentId === undefined ? "" : nodes.get(parentId).callFrame.functionName;
    const value = areaOf(nodes.get(id).callFrame, parentArea, parentFunction);
    area.set(id, value);
    return value;
  };
  const selfByNode = new Map();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at < window.start || at > window.end) return;
    selfByNode.set(id, (selfByNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const byArea = new Map();
  const byFunction = new Map();
  const inclusive = new Map();
  for (const [id, ms] of selfByNode) {
    const frame = nodes.get(id).callFrame;
    const where = resolve(id);
    byArea.set(where, (byArea.get(where) ?? 0) + ms);
    const key = `${frame.functionName || "(anonymous)"} ${frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : "(native)"}`;
    const entry = byFunction.get(key) ?? { ms: 0, area: where };
    entry.ms += ms;
    byFunction.set(key, entry);
    // Inclusive time of OTL's own functions: each sample counts once per function on its stack.
    const seen = new Set();
    for (let at = id; at !== undefined; at = parents.get(at)) {
      const caller = nodes.get(at).callFrame;
      if (!caller.url.includes("/packages/server/")) continue;
      const name = `${caller.functionName || "(anonymous)"} ${shortUrl(caller.url)}:${caller.lineNumber + 1}`;
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    }
  }
  const busy = [...byArea].filter(([name]) => name !== "idle").reduce((sum, [, ms]) => sum + ms, 0);
  return { byArea, byFunction, inclusive, busy, idle: byArea.get("idle") ?? 0 };
}

function shortUrl(url) {
  return url
    .replace(/^file:\/\/.*\/node_modules\/\.pnpm\/[^/]+\/node_modules\//, "")
    .replace(/^file:\/\/.*\/packages\/server\/dist\//, "server/dist/");
}

function markdown(summary, run) {
  const { byArea, byFunction, inclusive, busy, idle } = summary;
  const pct = (ms) => `${((100 * ms) / busy).toFixed(1)}%`;
  const rows = (entries) => entries.map(([name, ms, extra = ""]) => `| ${name} | ${ms.toFixed(0)} | ${pct(ms)} |${extra}`).join("\n");
  const areas = [...byArea].filter(([name]) => name !== "idle").sort((a, b) => b[1] - a[1]);
  const functions = [...byFunction]
    .filter(([, { area }]) => area !== "idle")
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, TOP_FUNCTIONS);
  const otl = [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 25);
  return `# Where a flow's server CPU goes (${flags.memory ? "memory store" : "SQLite on disk"}, under \`node --cpu-prof\`)

Workload: the full flow (access token → exchange → consent → connect sandbox-bank → credentials → finish),
${CONNECTIONS} virtual users for ${SECONDS} s; ${run.flows} flows completed, ${run.failedFlows} failed, ${run.answers} requests answered.
Server CPU per flow while profiled: ${run.cpuPerFlow.toFixed(0)} µs (the profiler adds to it; \`pnpm bench\` gives the real figure).
Profile: ${busy.toFixed(0)} ms busy on the main thread, ${idle.toFixed(0)} ms idle. Shares below are of busy time.
Only the samples of the measured run count. node:sqlite's native calls show as the self time of the store function
that makes them, so SQLite areas are told apart by that function: COMMIT (\`#commitBatch\`), BEGIN / SAVEPOINT / RELEASE
(\`#openBatch\`, \`#transaction\`), the checkpoint's last frames (\`#finishCheckpoint\`), row mapping (\`to…\`) and the statements
themselves (\`#get\`, \`#run\`, \`#all\`, …). The checkpointer worker thread is in the CPU figure but not in this profile.

## Self time by area

| area | self ms | share |
|---|---:|---:|
${rows(areas)}

## Top ${TOP_FUNCTIONS} functions by self time

| function | self ms | share | area |
|---|---:|---:|---|
${functions.map(([name, { ms, area }]) => `| \`${name}\` | ${ms.toFixed(0)} | ${pct(ms)} | ${area} |`).join("\n")}

## OTL functions by inclusive time (self + what they call)

| function | ms | share |
|---|---:|---:|
${rows(otl.map(([name, ms]) => [`\`${name}\``, ms]))}
`;
}
