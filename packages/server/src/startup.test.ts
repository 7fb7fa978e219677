import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Company, IssuedLink } from "@otl/protocol";
import { KEY_FILE } from "./key-file.ts";
import { call, runCliToExit, startCli } from "./test/cli-process.ts";

// Starting the real CLI in ways that must fail: each failure is one line on stderr that names the
// file, folder or port, a non-zero exit, no stack trace and no usage (the flags were fine).

const KEY = "otl_sk_startup-test-key-0123456789";
const QUIET = { OTL_LOG: "error", OTL_HASH_KEYS: undefined, OTL_DATA_DIR: undefined, OTL_PORT: undefined, OTL_HOST: undefined };

let workDir: string;
before(() => {
  workDir = mkdtempSync(join(tmpdir(), "otl-startup-"));
});
after(() => rmSync(workDir, { recursive: true, force: true }));

function readIfThere(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

function assertOneClearLine(result: { code: number | null; stdout: string; stderr: string }, says: RegExp) {
  assert.equal(result.code, 1, `exit code; stderr: ${result.stderr}`);
  const lines = result.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, `one line:\n${result.stderr}`);
  assert.match(lines[0] ?? "", /^otl-server: /);
  assert.match(lines[0] ?? "", says);
  assert.doesNotMatch(result.stderr, /\n\s+at |Usage:/, "no stack trace, no usage");
  assert.doesNotMatch(result.stdout, /listening on/);
}

describe("otl-server --version", () => {
  it("prints the package's version and exits 0, starting nothing", () => {
    const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    const result = runCliToExit(["--version"]);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, `otl-server ${version}\n`);
  });
});

describe("settings that are not understood", () => {
  it("--trust-proxy, OTL_TRUST_PROXY, OTL_LOG and OTL_LOG_FORMAT: exit 2, the variable named, and the usage", () => {
    const cases: { args: string[]; env?: Record<string, string>; says: RegExp }[] = [
      { args: ["--trust-proxy", "proxy.example"], says: /--trust-proxy: .*proxy\.example/ },
      { args: [], env: { OTL_TRUST_PROXY: "0" }, says: /--trust-proxy hop count must be from 1 to 32/ },
      { args: [], env: { OTL_LOG: "verbose" }, says: /OTL_LOG must be one of error, warn, info, debug, not "verbose"/ },
      { args: [], env: { OTL_LOG_FORMAT: "xml" }, says: /OTL_LOG_FORMAT must be json or pretty, not "xml"/ },
    ];
    for (const { args, env, says } of cases) {
      const result = runCliToExit(["--port", "0", "--data-dir", "memory://", "--api-key", KEY, ...args], {
        ...QUIET,
        OTL_TRUST_PROXY: undefined,
        ...env,
      });
      assert.equal(result.code, 2, `${JSON.stringify({ args, env })}: ${result.stderr}`);
      assert.match(result.stderr, says);
      assert.match(result.stderr, /Usage: otl-server/);
    }
  });
});

describe("start-up errors of the environment", () => {
  it("a taken port: one line naming the address and the flag that moves it", async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const result = runCliToExit(["--port", String(port), "--data-dir", "memory://", "--api-key", KEY], QUIET);
      assertOneClearLine(
        result,
        new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}: the port is already in use \\(EADDRINUSE\\).*--port`),
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it("a data dir under a file: one line naming the folder and the reason", () => {
    const file = join(workDir, "a-file");
    writeFileSync(file, "");
    const result = runCliToExit(["--port", "0", "--data-dir", join(file, "data"), "--api-key", KEY], QUIET);
    assertOneClearLine(result, new RegExp(`cannot create the folder ${file}/data: .*not a folder \\(ENOTDIR\\).*--data-dir`));
  });

  describe("a read-only file system", () => {
    const mountPoint = join(tmpdir(), `otl-readonly-${process.pid}`);
    let mounted = false;
    before(() => {
      mkdirSync(mountPoint, { recursive: true });
      mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", mountPoint]).status === 0;
    });
    after(() => {
      if (mounted) spawnSync("umount", [mountPoint]);
      rmSync(mountPoint, { recursive: true, force: true });
    });

    it("says read-only (EROFS), not ENOENT, whether the data dir is to be made or already there", (t) => {
      if (!mounted) return t.skip("cannot mount a read-only tmpfs here (needs root and CAP_SYS_ADMIN): not run");
      const toMake = runCliToExit(["--port", "0", "--data-dir", join(mountPoint, "data"), "--api-key", KEY], QUIET);
      assertOneClearLine(toMake, new RegExp(`cannot create the folder ${mountPoint}/data: the file system is read-only \\(EROFS\\)`));
      const existing = runCliToExit(["--port", "0", "--data-dir", mountPoint, "--api-key", KEY], QUIET);
      assertOneClearLine(existing, new RegExp(`cannot write in ${mountPoint}: the file system is read-only \\(EROFS\\)`));
    });
  });
});

describe("key files, with real files and real processes", () => {
  const start = (dataDir: string) => startCli(["--port", "0", "--data-dir", dataDir, "--api-key", KEY], QUIET);

  async function issueLink(url: string): Promise<IssuedLink> {
    const company = (await call<Company>(url, "POST", "/v1/companies", { token: KEY, body: { name: "Acme" } })).body;
    return (await call<IssuedLink>(url, "POST", `/v1/companies/${company.id}/links`, { token: KEY, body: { type: "company" } })).body;
  }

  it("a first start writes the key file owner-only, with no temporary file left behind; a restart reads it back", async () => {
    const dataDir = join(workDir, "fresh");
    const first = await start(dataDir);
    const link = await issueLink(first.url);
    assert.equal(await first.stop(), 0);

    assert.equal(statSync(join(dataDir, KEY_FILE)).mode & 0o777, 0o600);
    assert.deepEqual(
      readdirSync(dataDir).filter((name) => name.includes(KEY_FILE)),
      [KEY_FILE],
    );

    const second = await start(dataDir);
    const exchange = await call(second.url, "POST", "/v1/link/exchange", { body: { code: link.code, companyId: link.companyId } });
    assert.equal(exchange.status, 201, "a code issued before the restart still works: the same key was read");
    assert.equal(await second.stop(), 0);
  });

  it("two processes starting together on a new directory end up with one key: a link issued by one opens on the other", async () => {
    const dataDir = join(workDir, "together");
    const [a, b] = await Promise.all([start(dataDir), start(dataDir)]);
    try {
      const link = await issueLink(a.url);
      const exchange = await call(b.url, "POST", "/v1/link/exchange", { body: { code: link.code, companyId: link.companyId } });
      assert.equal(exchange.status, 201);
    } finally {
      assert.equal(await a.stop(), 0);
      assert.equal(await b.stop(), 0);
    }
  });

  for (const [label, damage, says] of [
    ["empty (as a crash during a plain write left it)", (path: string) => writeFileSync(path, ""), /hash-keys\.json: empty/],
    ["cut short", (path: string) => writeFileSync(path, '[{"id":"k1","sec'), /hash-keys\.json: damaged: not valid JSON/],
    ["of the wrong shape", (path: string) => writeFileSync(path, '{"id":"k1"}'), /hash-keys\.json: damaged: expected/],
    ["missing beside a database that holds data", (path: string) => rmSync(path), /hash-keys\.json: missing, but .*otl\.sqlite holds data/],
  ] as const) {
    it(`${label}: the server stops with one line naming the file, and mints no new key`, async () => {
      const dataDir = join(workDir, label.replace(/\W+/g, "-"));
      const first = await start(dataDir);
      await issueLink(first.url);
      assert.equal(await first.stop(), 0);
      const keyFile = join(dataDir, KEY_FILE);
      damage(keyFile);
      const damaged = readIfThere(keyFile);

      const result = runCliToExit(["--port", "0", "--data-dir", dataDir, "--api-key", KEY], QUIET);
      assertOneClearLine(result, says);
      assert.ok(result.stderr.includes(keyFile), `names ${keyFile}`);
      assert.equal(readIfThere(keyFile), damaged, "the key file was left as it was found");
    });
  }
});
