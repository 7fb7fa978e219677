// `node bench/instructions.mjs [--flows N] [--warm N] [--memory] [--baseline DIR]`: the instructions a
// full flow costs the server, counted by valgrind's callgrind (user space, every thread). Unlike CPU time,
// the count hardly moves when other work shares the machine, so a change of a few percent shows on a
// machine too busy for `pnpm bench` to see it. It is a proxy: an instruction that misses the cache costs
// more than one that does not, and system calls (fsync, socket writes) are not counted at all.
//
// The server (callgrind-server.mjs: the built app, its webhook worker polling hourly) runs under callgrind
// with instrumentation off until it is warm, then counts `--flows` flows (10 virtual users, each its own
// company). Work done on timers is counted by wall time, which callgrind stretches fifty-fold: so the
// server is then counted idle for a while, and that rate times the flows' window is taken off. On disk
// that is not done: the WAL checkpoint the flows left behind runs in any idle window after them, so the
// figure there is the flows' window as counted (timers included; the webhook poll is hourly here).
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values: flags } = parseArgs({
  options: {
    flows: { type: "string", default: "100" },
    warm: { type: "string", default: "100" },
    idle: { type: "string", default: "20" },
    memory: { type: "boolean", default: false },
    baseline: { type: "string" },
  },
});
const FLOWS = Number(flags.flows);
const WARM = Number(flags.warm);
const IDLE_SECONDS = Number(flags.idle);
const USERS = 10;
const SERVER = fileURLToPath(new URL("callgrind-server.mjs", import.meta.url));
const OTL_DIST = fileURLToPath(new URL("../packages/server/dist", import.meta.url));
const KEY = `otl_sk_instructions-${randomBytes(12).toString("base64url")}`;

/** Starts the server built in `dist` under callgrind, instrumentation off (callgrind-server.mjs), and answers its URL and how to count. */
async function start(dist) {
  const out = mkdtempSync(join(tmpdir(), "otl-callgrind-"));
  const dataDir = flags.memory ? "memory://" : mkdtempSync(join(tmpdir(), "otl-callgrind-data-"));
  const args = ["--tool=callgrind", "--instr-atstart=no", `--callgrind-out-file=${out}/callgrind.out`];
  const child = spawn("valgrind", [...args, process.execPath, SERVER, dist, dataDir], {
    env: { ...process.env, OTL_API_KEY: KEY, OTL_HASH_KEYS: `callgrind:${randomBytes(32).toString("base64url")}` },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/[^\s"]+)/.exec(output);
      if (match) resolve(match[1]);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`exited with ${code}: ${output.slice(-500)}`)));
  });
  child.stdout.resume();
  child.stderr.resume();
  const control = (...options) => execFileSync("callgrind_control", [...options, String(child.pid)], { stdio: "ignore" });
  return {
    url,
    /** Instructions counted while `work` runs, and how long it ran (s). */
    async count(work) {
      control("-z");
      control("-i", "on");
      const started = performance.now();
      await work();
      const seconds = (performance.now() - started) / 1000;
      control("-i", "off");
      control("-d");
      await setTimeout(500);
      const dumps = readdirSync(out).filter((name) => /^callgrind\.out\.\d+$/.test(name));
      const newest = dumps.sort((a, b) => Number(b.split(".").pop()) - Number(a.split(".").pop()))[0];
      const totals = /^totals: (\d+)/m.exec(readFileSync(join(out, newest), "utf8"));
      return { instructions: Number(totals?.[1] ?? Number.NaN), seconds };
    },
    stop() {
      child.kill("SIGKILL");
      rmSync(out, { recursive: true, force: true });
      if (!flags.memory) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs `count` full flows against `url` (the same six steps as `pnpm bench`), by USERS users at once. */
async function flows(url, companies, count) {
  const call = async (method, path, body, headers = {}) => {
    const init = { method, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) };
    // A keep-alive connection the server closed (5 s idle, by wall time) while callgrind_control paused it
    // resets on its next use, before the request reaches the server: that one is sent again.
    const answer = await fetch(url + path, init).catch((error) => {
      if (error.cause?.code !== "ECONNRESET") throw error;
      return fetch(url + path, init);
    });
    const text = await answer.text();
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${text}`);
    return JSON.parse(text);
  };
  const admin = { authorization: `Bearer ${KEY}` };
  const flow = async (companyId) => {
    const { accessToken } = await call("POST", `/v1/companies/${companyId}/access-tokens`, {}, admin);
    const { sessionToken } = await call("POST", "/v1/link/exchange", { accessToken });
    const session = { authorization: `Bearer ${sessionToken}` };
    await call("POST", "/v1/session/consent", { accept: true }, session);
    const { connection } = await call("POST", "/v1/session/connections", { integration: "sandbox-bank" }, session);
    await call(
      "POST",
      `/v1/session/connections/${connection.id}/credentials`,
      { values: { username: "user_good", password: "pass_good" } },
      session,
    );
    await call("POST", "/v1/session/finish", { disclosedAll: true }, session);
  };
  if (companies.length === 0) {
    for (let i = 0; i < USERS; i++) companies.push((await call("POST", "/v1/companies", { name: `Instructions ${i}` }, admin)).id);
  }
  let started = 0;
  await Promise.all(
    companies.map(async (companyId) => {
      while (started++ < count) await flow(companyId);
    }),
  );
}

/** Instructions per flow of the server built in `dist`, its timers' share taken off. */
async function measure(dist) {
  const server = await start(dist);
  try {
    const companies = [];
    await flows(server.url, companies, WARM);
    const run = await server.count(() => flows(server.url, companies, FLOWS));
    const idle = flags.memory ? await server.count(() => setTimeout(IDLE_SECONDS * 1000)) : null;
    const timers = idle ? (idle.instructions / idle.seconds) * run.seconds : 0;
    return { perFlow: (run.instructions - timers) / FLOWS, timersPerFlow: timers / FLOWS, seconds: run.seconds };
  } finally {
    server.stop();
  }
}

const targets = [["this checkout", OTL_DIST], ...(flags.baseline ? [["baseline", join(flags.baseline, "packages/server/dist")]] : [])];
const results = [];
for (const [name, dist] of targets) {
  const result = await measure(dist);
  results.push(result);
  console.log(
    `${name} (${flags.memory ? "memory" : "SQLite on disk"}): ${(result.perFlow / 1e6).toFixed(2)} M instructions per flow ` +
      `(${FLOWS} flows in ${result.seconds.toFixed(0)} s under callgrind; timers' ${(result.timersPerFlow / 1e6).toFixed(2)} M per flow taken off)`,
  );
}
if (results.length === 2) console.log(`this checkout ÷ baseline: ${(results[0].perFlow / results[1].perFlow).toFixed(3)}×`);
process.exit(0);
