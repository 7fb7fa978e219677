import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Company, IssuedLink } from "@otl/protocol";
import { type CliServer, call, runCliToExit, startCli } from "./test/cli-process.ts";

// The SQLite store's faults, on real processes and real file systems: a server killed outright in
// the middle of a burst of exchanges, a data directory that fills up or turns read-only under it, and
// a damaged database file. Mounting needs root and a kernel that lets this sandbox mount tmpfs; where
// it cannot, the tests that need it are reported skipped, with the reason, never as passed.

const KEY = "otl_sk_store-faults-key-0123456789";
const HASH_KEYS = "k1:c3RvcmUtZmF1bHRzLXRlc3QtaGFzaC1rZXktMDEyMzQ1Ng";
const ENV = { OTL_LOG: "error", OTL_HASH_KEYS: HASH_KEYS, OTL_PORT: undefined, OTL_HOST: undefined, OTL_DATA_DIR: undefined };
const BURST = 40;

let workDir: string;
const running: CliServer[] = [];
const mounts: string[] = [];
before(() => {
  workDir = mkdtempSync(join(tmpdir(), "otl-faults-"));
});
after(async () => {
  for (const server of running) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGKILL");
  for (const dir of mounts) spawnSync("umount", ["-l", dir]);
  rmSync(workDir, { recursive: true, force: true });
});

async function serve(dataDir: string): Promise<CliServer> {
  const server = await startCli(["--port", "0", "--data-dir", dataDir, "--api-key", KEY], ENV, { timeoutMs: 30_000 });
  running.push(server);
  return server;
}

/** Mounts a tmpfs of `sizeKb` at a new folder; the reason it could not, or the folder. */
function tmpfs(sizeKb: number): { dir: string } | { reason: string } {
  const dir = mkdtempSync(join(workDir, "tmpfs-"));
  const result = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${sizeKb}k,mode=0700`, "tmpfs", dir], { encoding: "utf8" });
  if (result.status !== 0) return { reason: `cannot mount a tmpfs here (${(result.stderr || result.error?.message || "").trim()})` };
  mounts.push(dir);
  return { dir };
}

/** Fills the file system under `dir` with a filler file until it is full; the filler's path. */
function fill(dir: string): string {
  const path = join(dir, "filler");
  const fd = openSync(path, "a");
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (let i = 0; i < 100_000; i++) writeSync(fd, chunk);
  } catch (error) {
    assert.equal((error as NodeJS.ErrnoException).code, "ENOSPC");
  } finally {
    closeSync(fd);
  }
  return path;
}

/** One company and one link for it (a new link supersedes a company's earlier one, so a burst uses one company per link). */
async function issueLink(url: string): Promise<{ status: number; link?: IssuedLink; body: unknown; headers: Headers }> {
  const company = await call<Company>(url, "POST", "/v1/companies", { token: KEY, body: { name: "Acme" } });
  if (company.status !== 201) return { status: company.status, body: company.body, headers: company.headers };
  const issued = await call<IssuedLink>(url, "POST", `/v1/companies/${company.body.id}/links`, { token: KEY, body: { type: "company" } });
  return { status: issued.status, link: issued.status === 201 ? issued.body : undefined, body: issued.body, headers: issued.headers };
}

async function issueLinks(url: string, count: number): Promise<IssuedLink[]> {
  const links: IssuedLink[] = [];
  for (let i = 0; i < count; i++) {
    const issued = await issueLink(url);
    assert.equal(issued.status, 201, JSON.stringify(issued.body));
    links.push(issued.link as IssuedLink);
  }
  return links;
}

const exchange = (url: string, link: IssuedLink) =>
  call<{ sessionToken: string }>(url, "POST", "/v1/link/exchange", { body: { code: link.code, companyId: link.companyId } });

/**
 * Fires an exchange for every link at once and, once `killAfter` of them are acknowledged (201),
 * runs `fault` and kills the server outright. Answers the session token of each acknowledged link.
 */
async function burstThenKill(server: CliServer, links: IssuedLink[], killAfter: number, fault: () => void = () => {}) {
  const acknowledged = new Map<string, string>();
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  let killed = false;
  await Promise.all(
    links.map(async (link) => {
      try {
        const answer = await exchange(server.url, link);
        if (answer.status === 201 && !killed) acknowledged.set(link.code, answer.body.sessionToken);
      } catch {
        // The connection died with the server: not acknowledged.
      }
      if (!killed && acknowledged.size >= killAfter) {
        killed = true;
        fault();
        server.child.kill("SIGKILL");
      }
    }),
  );
  if (!killed) server.child.kill("SIGKILL");
  await exited;
  return acknowledged;
}

/** After a restart: every acknowledged link is spent and its session still works; none redeems twice. */
async function assertNothingAcknowledgedWasLost(url: string, links: IssuedLink[], acknowledged: Map<string, string>) {
  for (const link of links) {
    const again = await exchange(url, link);
    if (acknowledged.has(link.code)) {
      assert.equal(again.status, 410, `an acknowledged redeem was redeemed again: ${JSON.stringify(again.body)}`);
      const session = await call(url, "GET", "/v1/session", { token: acknowledged.get(link.code) });
      assert.equal(session.status, 200, `the session of an acknowledged redeem is gone: ${JSON.stringify(session.body)}`);
    } else {
      // Never acknowledged: either it committed (and is spent now) or it did not (and redeems now), once.
      assert.ok([201, 410].includes(again.status), `${again.status} ${JSON.stringify(again.body)}`);
      if (again.status === 201) assert.equal((await exchange(url, link)).status, 410, "redeemed twice after the restart");
    }
  }
}

describe("crash safety (SQLite, kill -9)", { timeout: 240_000 }, () => {
  it("kill -9 during a burst of exchanges: every acknowledged redeem is kept with its session, none redeems twice", async () => {
    const dataDir = join(workDir, "crash");
    const first = await serve(dataDir);
    const links = await issueLinks(first.url, BURST);
    const acknowledged = await burstThenKill(first, links, BURST / 4);
    assert.ok(acknowledged.size >= BURST / 4, "the burst was acknowledged in part before the kill");
    const second = await serve(dataDir);
    await assertNothingAcknowledgedWasLost(second.url, links, acknowledged);
    assert.equal(await second.stop(), 0);
  });

  it("the disk fills up during the burst, then kill -9: acknowledged redeems are kept; after space is freed the server starts and serves", async (t) => {
    const mounted = tmpfs(8 * 1024);
    if ("reason" in mounted) return t.skip(mounted.reason);
    const first = await serve(mounted.dir);
    const links = await issueLinks(first.url, BURST);
    let filler = "";
    const acknowledged = await burstThenKill(first, links, BURST / 4, () => {
      filler = fill(mounted.dir);
    });
    rmSync(filler, { force: true });
    const second = await serve(mounted.dir);
    await assertNothingAcknowledgedWasLost(second.url, links, acknowledged);
    assert.equal(await second.stop(), 0);
  });

  it("the file system turns read-only during the burst, then kill -9: acknowledged redeems are kept", async (t) => {
    const mounted = tmpfs(16 * 1024);
    if ("reason" in mounted) return t.skip(mounted.reason);
    const first = await serve(mounted.dir);
    const links = await issueLinks(first.url, BURST);
    let remount: ReturnType<typeof spawnSync> | undefined;
    const acknowledged = await burstThenKill(first, links, BURST / 4, () => {
      remount = spawnSync("mount", ["-o", "remount,ro", mounted.dir], { encoding: "utf8" });
    });
    if (remount?.status !== 0) return t.skip(`no read-only remount under a running server here: ${String(remount?.stderr ?? "").trim()}`);
    assert.equal(spawnSync("mount", ["-o", "remount,rw", mounted.dir]).status, 0);
    const second = await serve(mounted.dir);
    await assertNothingAcknowledgedWasLost(second.url, links, acknowledged);
    assert.equal(await second.stop(), 0);
  });
});

describe("write faults answered clearly (SQLite)", { timeout: 240_000 }, () => {
  it("disk full → 503 unavailable with Retry-After, inspect still served → space freed → 201, without a restart", async (t) => {
    const mounted = tmpfs(4 * 1024);
    if ("reason" in mounted) return t.skip(mounted.reason);
    const server = await serve(mounted.dir);
    const [link] = await issueLinks(server.url, 1);
    const filler = fill(mounted.dir);
    // Writes may still land in the log's free frames for a while; a bounded number of them fills it.
    let refused: Awaited<ReturnType<typeof issueLink>> | undefined;
    for (let i = 0; i < 400 && !refused; i++) {
      const issued = await issueLink(server.url);
      if (issued.status !== 201) refused = issued;
    }
    assert.ok(refused, "no write was refused on a full disk");
    assert.equal(refused.status, 503, JSON.stringify(refused.body));
    assert.equal((refused.body as { code: string }).code, "unavailable");
    assert.match(refused.headers.get("retry-after") ?? "", /^\d+$/);
    assert.match(refused.headers.get("content-type") ?? "", /application\/problem\+json/);

    // A read that does not need the disk is still answered, though its audit row cannot be written.
    const inspect = await call(server.url, "POST", "/v1/link/inspect", { body: { code: link?.code, companyId: link?.companyId } });
    assert.equal(inspect.status, 200, JSON.stringify(inspect.body));
    assert.equal((await call(server.url, "GET", "/healthz")).status, 200);

    rmSync(filler);
    const issued = await issueLink(server.url);
    assert.equal(issued.status, 201, `after space was freed: ${JSON.stringify(issued.body)}`);
    assert.equal((await exchange(server.url, link as IssuedLink)).status, 201);
    assert.equal(await server.stop(), 0);
  });

  it("a read-only file system → 503 unavailable; writable again → 201, without a restart", async (t) => {
    const mounted = tmpfs(16 * 1024);
    if ("reason" in mounted) return t.skip(mounted.reason);
    const server = await serve(mounted.dir);
    await issueLinks(server.url, 1);
    if (spawnSync("mount", ["-o", "remount,ro", mounted.dir]).status !== 0)
      return t.skip("this machine does not allow a read-only remount");
    let refused: Awaited<ReturnType<typeof issueLink>> | undefined;
    for (let i = 0; i < 50 && !refused; i++) {
      const issued = await issueLink(server.url);
      if (issued.status !== 201) refused = issued;
    }
    assert.equal(spawnSync("mount", ["-o", "remount,rw", mounted.dir]).status, 0);
    assert.ok(refused, "no write was refused on a read-only file system");
    assert.equal(refused.status, 503, JSON.stringify(refused.body));
    assert.equal((refused.body as { code: string }).code, "unavailable");
    assert.match(refused.headers.get("retry-after") ?? "", /^\d+$/);
    const issued = await issueLink(server.url);
    assert.equal(issued.status, 201, `once writable again: ${JSON.stringify(issued.body)}`);
    assert.equal(await server.stop(), 0);
  });
});

describe("a damaged database file", { timeout: 120_000 }, () => {
  it("is found by quick_check at start: exit 2, one line naming the file, no stack trace", async () => {
    const dataDir = join(workDir, "damaged");
    mkdirSync(dataDir);
    const server = await serve(dataDir);
    await issueLinks(server.url, 30);
    assert.equal(await server.stop(), 0);
    const file = join(dataDir, "otl.sqlite");
    const pageSize = 4096;
    assert.ok(statSync(file).size >= 6 * pageSize, "the database has pages to damage");
    // Garbage over pages 3 to 5 (b-tree pages of the tables), leaving the header on page 1 intact.
    const fd = openSync(file, "r+");
    writeSync(fd, Buffer.alloc(3 * pageSize, 0xa5), 0, 3 * pageSize, 2 * pageSize);
    closeSync(fd);

    const result = runCliToExit(["--port", "0", "--data-dir", dataDir, "--api-key", KEY], ENV);
    assert.equal(result.code, 2, `exit code; stderr: ${result.stderr}`);
    const lines = result.stderr.trimEnd().split("\n");
    assert.equal(lines.length, 1, `one line:\n${result.stderr}`);
    assert.match(lines[0] ?? "", /^otl-server: /);
    assert.ok(lines[0]?.includes(file), `names the file: ${lines[0]}`);
    assert.match(lines[0] ?? "", /damaged/);
    assert.doesNotMatch(result.stderr, /\n\s+at |Usage:/, "no stack trace, no usage");
    assert.doesNotMatch(result.stdout, /listening on/);
  });
});
