// The ladder's rungs as processes: each rung is one or more server processes on the server core,
// started once, kept for the whole bench (so interleaved rounds measure the same warm processes) and
// stopped at the end. A rung that cannot start says why and is skipped; it never fails the bench.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { onServerCore, PINNING, pin } from "./cpu.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OTL_CLI = join(ROOT, "packages/server/dist/cli.js");
const START_TIMEOUT_MS = 20_000;

/** The admin key every OTL rung (and the bare reference) is started with. */
export const API_KEY = `otl_sk_bench-${randomBytes(12).toString("base64url")}`;

// Processes sharing one database must hash secrets with the same keys, so every OTL rung gets these.
const HASH_KEYS = `bench:${randomBytes(32).toString("base64url")}`;

/** Processes still running, killed if the bench exits early. */
const running = new Set();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** Starts one server process on the server core and waits for the `listening on <url>` line every server here prints. */
export async function startServer(name, args, env = {}) {
  const { command, args: pinnedArgs } = onServerCore(process.execPath, args);
  const child = spawn(command, pinnedArgs, { cwd: ROOT, env: withoutUnset({ ...process.env, ...env }), stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  let output = "";
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start within ${START_TIMEOUT_MS} ms: ${output.trim()}`)), START_TIMEOUT_MS);
    const onData = (chunk) => {
      output += chunk;
      // The OTL server announces itself in a JSON record (stdout is a pipe); the others in a plain line.
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
      running.delete(child);
      reject(new Error(`exited with ${code} before listening: ${output.trim().split("\n")[0]}`));
    });
  });
  // Keep draining, so a chatty server never blocks on a full pipe mid-run; errors still show.
  child.stdout.resume();
  child.stderr.removeAllListeners("data");
  child.stderr.on("data", (chunk) => process.stderr.write(`[${name}] ${chunk}`));
  return {
    url,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
      running.delete(child);
    },
  };
}

/** The environment without the variables set to `undefined`. */
function withoutUnset(env) {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
}

/** Starts `count` processes of one rung; if one fails, the others are stopped and the error says why. */
async function startProcesses(name, count, args, env) {
  const started = [];
  try {
    for (let i = 0; i < count; i++) started.push(await startServer(count > 1 ? `${name} #${i + 1}` : name, args, env));
  } catch (error) {
    await Promise.all(started.map((server) => server.stop()));
    throw error;
  }
  return {
    urls: started.map((server) => server.url),
    pids: started.map((server) => server.pid),
    stop: () => Promise.all(started.map((server) => server.stop())),
  };
}

/**
 * Starts `count` processes of the built OTL server (`cli`, this checkout's dist/cli.js by default) on `storage`
 * (its flags: `--data-dir …` or `--database-url …`), logging errors only; `nodeArgs` go to Node before the
 * script (e.g. `--cpu-prof`).
 */
export function startOtl(name, storage, { count = 1, nodeArgs = [], cli = OTL_CLI, env = {} } = {}) {
  const args = [...nodeArgs, cli, "--port", "0", "--api-key", API_KEY, ...storage];
  // otl-server falls back on DATABASE_URL when no --database-url is given: the SQLite rungs must not see it.
  return startProcesses(name, count, args, { OTL_LOG: "error", OTL_HASH_KEYS: HASH_KEYS, DATABASE_URL: undefined, ...env });
}

/** The rung that runs SQLite on disk with `synchronous=NORMAL`, only to say what FULL costs (see packages/server's store/sqlite/durability.ts). */
export const SQLITE_NORMAL_RUNG = "OTL SQLite disk, NORMAL";

/** A fresh temporary directory for an on-disk SQLite rung. */
export const temporaryDataDir = () => mkdtempSync(join(tmpdir(), "otl-bench-"));

/**
 * Where the PostgreSQL rungs get their database: `DATABASE_URL` when set, else a throwaway one from
 * `scripts/postgres.mjs` (`startPostgres() → {url, stop()}`) when the repository has it, started on the
 * server core so its CPU competes with the server's, not the load generator's. Otherwise `{ skip: reason }`.
 */
export async function findPostgres() {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, source: "DATABASE_URL", started: false, stop: async () => {} };
  const script = join(ROOT, "scripts/postgres.mjs");
  if (!existsSync(script)) return { skip: "DATABASE_URL is not set and scripts/postgres.mjs does not exist" };
  // Children inherit the affinity of the thread that starts them: start PostgreSQL while on the server core.
  pin(process.pid, PINNING.server);
  try {
    const { startPostgres } = await import(pathToFileURL(script).href);
    const postgres = await startPostgres();
    return { url: postgres.url, source: "scripts/postgres.mjs", started: true, stop: () => postgres.stop() };
  } catch (error) {
    return { skip: `scripts/postgres.mjs could not start PostgreSQL: ${error.message}` };
  } finally {
    pin(process.pid, PINNING.load);
  }
}

/** The built server of another checkout (`--baseline DIR`), or null when it has none. */
export function baselineCli(dir) {
  const cli = join(dir, "packages/server/dist/cli.js");
  return existsSync(cli) ? cli : null;
}

/**
 * The ladder, cheapest first. `otl` rungs take the admin API and the flow; the two references only
 * answer the issue and exchange calls. `database` marks rungs whose database CPU is counted apart.
 * With a `baseline` (another checkout's dist/cli.js), its memory, SQLite and PostgreSQL rungs follow ours,
 * named `… @ baseline`, so a change is compared with what it changes in the same interleaved run (the
 * PostgreSQL ones on the same database: the two checkouts must agree on its migrations).
 */
export function ladder(postgres, baseline = null) {
  const dataDirs = [];
  const dataDir = () => {
    const dir = temporaryDataDir();
    dataDirs.push(dir);
    return dir;
  };
  const postgresRung = (name, count, cli = OTL_CLI) => ({
    name,
    otl: true,
    database: true,
    skip: postgres.skip,
    start: () => startOtl(name, ["--database-url", postgres.url], { count, cli }),
  });
  return {
    rungs: [
      { name: "node:http hello", otl: false, start: () => startProcesses("hello", 1, [join(ROOT, "bench/hello-server.mjs")]) },
      {
        name: "bare reference",
        otl: false,
        start: () => startProcesses("bare", 1, [join(ROOT, "bench/bare-server.mjs")], { BENCH_API_KEY: API_KEY }),
      },
      { name: "OTL memory", otl: true, start: () => startOtl("otl-memory", ["--data-dir", "memory://"]) },
      ...(baseline
        ? [
            {
              name: "OTL memory @ baseline",
              otl: true,
              start: () => startOtl("base-memory", ["--data-dir", "memory://"], { cli: baseline }),
            },
          ]
        : []),
      { name: "OTL SQLite disk", otl: true, start: () => startOtl("otl-sqlite", ["--data-dir", dataDir()]) },
      ...(baseline
        ? [
            {
              name: "OTL SQLite disk @ baseline",
              otl: true,
              start: () => startOtl("base-sqlite", ["--data-dir", dataDir()], { cli: baseline }),
            },
          ]
        : []),
      // Not a way to run OTL: the same server with synchronous=NORMAL, so the tables can say what durability costs.
      {
        name: SQLITE_NORMAL_RUNG,
        otl: true,
        start: () => startOtl("otl-sqlite-normal", ["--data-dir", dataDir()], { env: { OTL_BENCH_SQLITE_SYNCHRONOUS: "NORMAL" } }),
      },
      postgresRung("OTL PostgreSQL ×1", 1),
      ...(baseline ? [postgresRung("OTL PostgreSQL ×1 @ baseline", 1, baseline)] : []),
      postgresRung("OTL PostgreSQL ×2", 2),
      ...(baseline ? [postgresRung("OTL PostgreSQL ×2 @ baseline", 2, baseline)] : []),
    ],
    /** Removes the SQLite data directories made for the bench. */
    cleanUp() {
      for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}
