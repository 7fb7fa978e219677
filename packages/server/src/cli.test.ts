import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Company, IssuedLink } from "@otl/protocol";
import { type CliServer, call, READY_LINE, runCliToExit, SERVER_PACKAGE_DIR, startCli } from "./test/cli-process.ts";

// The CLI as an operator meets it: flags and environment in, a child process, its output, and HTTP on the URL it announces.

const KEY = "otl_sk_cli-test-admin-key-0123456789";
const OTHER_KEY = "otl_sk_cli-test-other-key-9876543210";
const WAIT_MS = 10_000;
// Every setting the CLI reads from the environment: the usage names each, and tests clear them all,
// since the parent shell may carry any of them and each test passes only its own.
const OTL_ENV = [
  "OTL_PORT",
  "OTL_HOST",
  "OTL_DATA_DIR",
  "DATABASE_URL",
  "OTL_PUBLIC_URL",
  "OTL_API_KEY",
  "OTL_ALLOWED_ORIGINS",
  "OTL_HASH_KEYS",
  "OTL_LOG",
  "OTL_LOG_FORMAT",
  "OTL_TRUST_PROXY",
  "OTL_DB_POOL_SIZE",
  "OTL_DB_STATEMENT_TIMEOUT",
  "OTL_RATE_LIMIT",
  "OTL_RETENTION_DAYS",
  "OTL_AUDIT_RETENTION_DAYS",
];
const NO_OTL_ENV = Object.fromEntries(OTL_ENV.map((name) => [name, undefined]));

let workDir: string;
const started: CliServer[] = [];

/** Starts the CLI on its source with only the given environment settings, and stops it after the suite. */
async function start(args: string[], env: Record<string, string> = {}): Promise<CliServer> {
  const server = await startCli(args, { ...NO_OTL_ENV, ...env });
  started.push(server);
  return server;
}

/** Runs the CLI to its exit, for flags that make it exit at once. */
function runToExit(args: string[], env: Record<string, string> = {}) {
  return runCliToExit(args, { ...NO_OTL_ENV, ...env });
}

/** Waits, a bounded while, for a line the server prints after its `listening on` line. */
async function waitForOutput(server: CliServer, pattern: RegExp): Promise<RegExpMatchArray> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const match = server.output().match(pattern);
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`no ${pattern} within ${WAIT_MS} ms:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function createCompany(url: string, token: string, name = "Acme Pty Ltd"): Promise<Company> {
  const answer = await call<Company>(url, "POST", "/v1/companies", { token, body: { name } });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body;
}

async function issueLink(url: string, token: string, companyId: string): Promise<IssuedLink> {
  const answer = await call<IssuedLink>(url, "POST", `/v1/companies/${companyId}/links`, { token, body: { type: "company" } });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body;
}

/** Holds a port on 127.0.0.1, so a server that tries to listen there fails. */
async function holdPort(): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  return server;
}

// The suite starts some 25 servers and builds once. On a shared 2-core machine under load, a start
// takes up to 10 s and the suite 150 s; past its budget node:test cancels the after hook too, and the
// servers left running keep the run from ever ending. So the budget leaves room.
describe("otl-server CLI", { timeout: 300_000 }, () => {
  before(() => {
    workDir = mkdtempSync(join(tmpdir(), "otl-cli-test-"));
  });
  after(async () => {
    await Promise.all(started.map((server) => server.stop()));
    rmSync(workDir, { recursive: true, force: true });
  });

  it("--help prints the usage with every flag and its environment twin, and exits 0", () => {
    for (const flag of ["--help", "-h"]) {
      const { code, stdout } = runToExit([flag]);
      assert.equal(code, 0);
      assert.match(stdout, /^Usage: otl-server/);
      for (const option of [
        "migrate",
        "purge",
        "--retention-days",
        "--audit-retention-days",
        "--port",
        "--host",
        "--data-dir",
        "--database-url",
        "--db-pool-size",
        "--db-statement-timeout",
        "--rate-limit",
        "--public-url",
        "--api-key",
        "--trust-proxy",
        "--version",
      ])
        assert.ok(stdout.includes(option), option);
      for (const twin of OTL_ENV) {
        assert.ok(stdout.includes(twin), twin);
      }
      assert.doesNotMatch(stdout, /otl-server listening on/, "help starts no server");
    }
  });

  it("refuses bad flags with exit code 2, a message naming the problem, and the usage", () => {
    const cases: { args: string[]; env?: Record<string, string>; says: RegExp }[] = [
      { args: ["--bogus"], says: /--bogus/ },
      { args: ["--port"], says: /--port/ },
      { args: ["--port", "eighty"], says: /--port must be a number from 0 to 65535, not "eighty"/ },
      { args: ["--port", "65536"], says: /--port must be a number/ },
      { args: [], env: { OTL_PORT: "-1" }, says: /--port must be a number/ },
      { args: ["--api-key", "too-short"], says: /--api-key must be at least 16 characters/ },
      { args: ["--port", "0", "--public-url", "not a url"], says: /publicUrl/ },
      { args: ["serve", "twice"], says: /unknown command "serve twice"/ },
      { args: ["--database-url", "postgres://127.0.0.1:1/otl"], says: /OTL_HASH_KEYS is required with --database-url/ },
      {
        args: ["--database-url", "postgres://127.0.0.1:1/otl", "--db-pool-size", "0"],
        says: /--db-pool-size must be a whole number from 1/,
      },
      { args: ["--db-pool-size", "5"], says: /apply to PostgreSQL only/ },
      { args: [], env: { OTL_DB_STATEMENT_TIMEOUT: "soon" }, says: /--db-statement-timeout must be a whole number/ },
      { args: ["--rate-limit", "60"], says: /--rate-limit must be <failures>\/<seconds>, such as 60\/600, not "60"/ },
    ];
    for (const { args, env, says } of cases) {
      const { code, stdout, stderr } = runToExit(args, env);
      const label = `${args.join(" ")} ${JSON.stringify(env ?? {})}`;
      assert.equal(code, 2, `${label}: exit code; stderr: ${stderr}`);
      assert.match(stderr, /^otl-server: /, label);
      assert.match(stderr, says, label);
      assert.match(stderr, /Usage: otl-server/, label);
      assert.doesNotMatch(stdout, /otl-server listening on/, label);
    }
  });

  it("--port 0 picks a free port, announces its URL once ready, and the URL answers", async () => {
    const first = await start(["--port", "0", "--data-dir", "memory://", "--api-key", KEY]);
    const second = await start(["--port", "0", "--data-dir", "memory://", "--api-key", KEY]);
    const ports = [first.url, second.url].map((url) => {
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      return Number(new URL(url).port);
    });
    assert.ok(ports.every((port) => port > 0));
    assert.notEqual(ports[0], ports[1]);
    const company = await createCompany(first.url, KEY);
    assert.equal((await call(first.url, "GET", `/v1/companies/${company.id}`, { token: KEY })).status, 200);
    const anonymous = await call<{ code: string }>(first.url, "GET", `/v1/companies/${company.id}`);
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.headers.get("content-type"), "application/problem+json");
    assert.equal(anonymous.body.code, "unauthorized");
    assert.equal(await first.stop(), 0, "SIGTERM stops it cleanly");
    assert.equal(await second.stop(), 0);
  });

  it("with no API key, prints a generated dev key exactly once, and that key works", async () => {
    const server = await start(["--port", "0", "--data-dir", "memory://"]);
    const [, key = ""] = await waitForOutput(server, /(otl_sk_[A-Za-z0-9_-]+)/);
    const company = await createCompany(server.url, key);
    await issueLink(server.url, key, company.id);
    assert.equal((await call(server.url, "POST", "/v1/companies", { token: KEY, body: { name: "Nope" } })).status, 401);
    assert.equal(await server.stop(), 0);
    const output = server.output();
    assert.equal(output.split(key).length - 1, 1, "the dev key is printed exactly once, and no log line repeats it");
    assert.equal(output.match(/otl_sk_/g)?.length, 1, "no other API key is printed");
  });

  it("OTL_API_KEY authorises the admin API and is never printed; --api-key wins over it and is never printed either", async () => {
    const byEnv = await start(["--port", "0", "--data-dir", "memory://"], { OTL_API_KEY: KEY });
    const byFlag = await start(["--port", "0", "--data-dir", "memory://", "--api-key", OTHER_KEY], { OTL_API_KEY: KEY });
    await createCompany(byEnv.url, KEY);
    assert.equal((await call(byEnv.url, "POST", "/v1/companies", { token: OTHER_KEY, body: { name: "Nope" } })).status, 401);
    await createCompany(byFlag.url, OTHER_KEY);
    assert.equal((await call(byFlag.url, "POST", "/v1/companies", { token: KEY, body: { name: "Nope" } })).status, 401);
    for (const server of [byEnv, byFlag]) {
      assert.equal(await server.stop(), 0);
      const output = server.output();
      assert.ok(!output.includes(KEY) && !output.includes(OTHER_KEY), `a given key is never printed:\n${output}`);
      assert.doesNotMatch(output, /otl_sk_|API key/);
    }
  });

  it("OTL_PORT and OTL_HOST choose where it listens; --port and --host win over them", async () => {
    // The env's port is held on the flag's host: a start that let the env's port win there would fail.
    const blocker = await holdPort();
    const { port } = blocker.address() as { port: number };
    try {
      const env = { OTL_PORT: String(port), OTL_HOST: "127.0.0.2" };
      const byEnv = await start(["--data-dir", "memory://", "--api-key", KEY], env);
      assert.equal(byEnv.url, `http://127.0.0.2:${port}`);
      await createCompany(byEnv.url, KEY);

      const byFlag = await start(["--port", "0", "--host", "127.0.0.1", "--data-dir", "memory://", "--api-key", KEY], env);
      assert.match(byFlag.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.notEqual(Number(new URL(byFlag.url).port), port);
      await createCompany(byFlag.url, KEY);
      assert.equal(await byEnv.stop(), 0);
      assert.equal(await byFlag.stop(), 0);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it("OTL_PUBLIC_URL is what links are built from; --public-url wins over it; without either, the listening URL is", async () => {
    const env = { OTL_PUBLIC_URL: "https://links.example.test" };
    const byEnv = await start(["--port", "0", "--data-dir", "memory://", "--api-key", KEY], env);
    const byFlag = await start(
      ["--port", "0", "--data-dir", "memory://", "--api-key", KEY, "--public-url", "https://flag.example.test/otl/"],
      env,
    );
    const byDefault = await start(["--port", "0", "--data-dir", "memory://", "--api-key", KEY]);
    for (const [server, publicUrl] of [
      [byEnv, "https://links.example.test"],
      [byFlag, "https://flag.example.test/otl"],
      [byDefault, byDefault.url],
    ] as const) {
      const company = await createCompany(server.url, KEY);
      const link = await issueLink(server.url, KEY, company.id);
      assert.equal(link.url, `${publicUrl}/company/${company.id}?link.otp=${link.code}`);
      assert.equal(await server.stop(), 0);
    }
  });

  it("OTL_ALLOWED_ORIGINS lets the listed origins, and no others, call the browser API", async () => {
    const allowedOrigin = async (url: string, origin: string) => {
      const preflight = await call(url, "OPTIONS", "/v1/link/exchange", { headers: { origin, "access-control-request-method": "POST" } });
      return preflight.headers.get("access-control-allow-origin");
    };
    const allowing = await start(["--port", "0", "--data-dir", "memory://", "--api-key", KEY], {
      OTL_ALLOWED_ORIGINS: "https://shop.example.test, https://app.example.test",
    });
    const plain = await start(["--port", "0", "--data-dir", "memory://", "--api-key", KEY]);
    for (const origin of ["https://shop.example.test", "https://app.example.test", allowing.url]) {
      assert.equal(await allowedOrigin(allowing.url, origin), origin, origin);
    }
    assert.equal(await allowedOrigin(allowing.url, "https://evil.example.test"), null);
    assert.equal(await allowedOrigin(plain.url, "https://shop.example.test"), null);
    assert.equal(await allowedOrigin(plain.url, plain.url), plain.url, "its own origin is always allowed");
    assert.equal(await allowing.stop(), 0);
    assert.equal(await plain.stop(), 0);
  });

  it("memory:// keeps nothing across a restart", async () => {
    const args = ["--port", "0", "--data-dir", "memory://", "--api-key", KEY];
    const first = await start(args);
    const company = await createCompany(first.url, KEY);
    assert.equal(await first.stop(), 0);
    const second = await start(args);
    assert.equal((await call(second.url, "GET", `/v1/companies/${company.id}`, { token: KEY })).status, 404);
    assert.equal(await second.stop(), 0);
  });

  it("a data dir keeps companies across a restart; OTL_DATA_DIR is its twin, and --data-dir wins over it", async () => {
    const kept = join(workDir, "kept");
    const other = join(workDir, "other");
    const first = await start(["--port", "0", "--data-dir", kept, "--api-key", KEY]);
    const company = await createCompany(first.url, KEY, "Kept Pty Ltd");
    assert.equal(await first.stop(), 0);
    assert.ok(existsSync(join(kept, "otl.sqlite")));

    const byEnv = await start(["--port", "0", "--api-key", KEY], { OTL_DATA_DIR: kept });
    const again = await call<Company>(byEnv.url, "GET", `/v1/companies/${company.id}`, { token: KEY });
    assert.equal(again.status, 200);
    assert.equal(again.body.name, "Kept Pty Ltd");
    assert.equal(await byEnv.stop(), 0);

    const byFlag = await start(["--port", "0", "--data-dir", other, "--api-key", KEY], { OTL_DATA_DIR: kept });
    assert.equal((await call(byFlag.url, "GET", `/v1/companies/${company.id}`, { token: KEY })).status, 404);
    assert.ok(existsSync(join(other, "otl.sqlite")));
    assert.equal(await byFlag.stop(), 0);
  });

  it("once built, the bin runs with plain node, without the source condition", async () => {
    const build = spawnSync("pnpm", ["--filter", "@otl/server...", "run", "build"], {
      cwd: join(SERVER_PACKAGE_DIR, "../.."),
      encoding: "utf8",
      timeout: 120_000,
    });
    assert.equal(build.status, 0, `build failed:\n${build.stdout}\n${build.stderr}`);

    // startCli runs the source; the installed bin is `node dist/cli.js`, so this one is spawned here.
    const child: ChildProcess = spawn(process.execPath, ["dist/cli.js", "--port", "0", "--data-dir", "memory://"], {
      cwd: SERVER_PACKAGE_DIR,
      env: { ...process.env, NODE_TEST_CONTEXT: undefined, NODE_OPTIONS: undefined, ...NO_OTL_ENV },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));
    let output = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    const stop = async () => {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      const code = (await exited) as number | string | null;
      clearTimeout(timer);
      return code;
    };
    const bin: CliServer = { url: "", child, output: () => output, stop };
    started.push(bin);

    const [, url = "", key = ""] = await waitForOutput(bin, new RegExp(`${READY_LINE.source}[\\s\\S]*?(otl_sk_[A-Za-z0-9_-]+)`));
    const company = await createCompany(url, key);
    const link = await issueLink(url, key, company.id);
    assert.equal((await call(url, "POST", "/v1/link/exchange", { body: { code: link.code, companyId: company.id } })).status, 201);
    assert.equal(await bin.stop(), 0);
  });
});
