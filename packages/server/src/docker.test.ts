import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

// The Dockerfile and compose.yaml at the repository's root, built and started for real. They need a
// Docker engine; where none answers, every test here is reported as skipped with that reason, never
// as passed.

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const IMAGE = `otl-server:test-${process.pid}`;
const KEY = "otl_sk_docker-test-key-0123456789";

function docker(args: string[], timeoutMs = 60_000, env: Record<string, string> = {}) {
  const result = spawnSync("docker", args, { cwd: ROOT, encoding: "utf8", timeout: timeoutMs, env: { ...process.env, ...env } });
  return { code: result.status, out: (result.stdout ?? "").trim(), err: (result.stderr ?? result.error?.message ?? "").trim() };
}

/** Why Docker cannot be used here, or null when an engine answers. */
function noEngine(): string | null {
  const info = docker(["info", "--format", "{{.ServerVersion}}"], 15_000);
  if (info.code === 0 && info.out !== "") return null;
  return `no Docker engine answers here (${(info.err.split("\n").find((line) => line.trim()) ?? "docker not found").trim()}): the image and the compose file were NOT built or started`;
}

/** Polls, a bounded while, until `check` answers true. */
async function eventually(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe("the Docker image and compose file", () => {
  const reason = noEngine();

  describe("the image", () => {
    let container = "";
    before(() => {
      if (reason) return;
      const build = docker(["build", "-t", IMAGE, "."], 900_000);
      assert.equal(build.code, 0, `docker build failed:\n${build.err}`);
    });
    after(() => {
      if (reason) return;
      if (container) docker(["rm", "-f", "-v", container]);
      docker(["rmi", "-f", IMAGE]);
    });

    it("runs as a non-root user with /data as a volume, becomes healthy, answers, and stops with exit 0 on docker stop", async (t) => {
      if (reason) return t.skip(reason);
      const run = docker(["run", "-d", "-p", "127.0.0.1::8787", "-e", `OTL_API_KEY=${KEY}`, IMAGE]);
      assert.equal(run.code, 0, run.err);
      container = run.out;
      const inspect = (format: string) => docker(["inspect", "--format", format, container]).out;
      assert.notEqual(docker(["exec", container, "id", "-u"]).out, "0", "not root");
      assert.match(inspect("{{json .Config.Volumes}}"), /"\/data"/);
      await eventually(() => inspect("{{.State.Health.Status}}") === "healthy", 90_000, "HEALTHCHECK on /healthz");
      const port = docker(["port", container, "8787/tcp"]).out.split(":").pop();
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      assert.equal(ready.status, 200);
      assert.equal(docker(["stop", "--time", "15", container]).code, 0);
      assert.equal(inspect("{{.State.ExitCode}}"), "0", "SIGTERM as PID 1 is a graceful stop");
    });
  });

  describe("compose.yaml", () => {
    const project = `otl-test-${process.pid}`;
    const env = {
      OTL_API_KEY: KEY,
      OTL_HASH_KEYS: "k1:ZG9ja2VyLXRlc3QtaGFzaC1rZXktMDEyMzQ1Njc4OWFi",
      OTL_PORT: "18787",
      COMPOSE_PROJECT_NAME: project,
    };
    after(() => {
      if (!reason) docker(["compose", "down", "-v", "--rmi", "local"], 120_000, env);
    });

    it("starts the server on PostgreSQL, and /readyz says the database answers", async (t) => {
      if (reason) return t.skip(reason);
      const up = docker(["compose", "up", "-d", "--build", "--wait"], 900_000, env);
      assert.equal(up.code, 0, `docker compose up failed:\n${up.err}`);
      const ready = await fetch("http://127.0.0.1:18787/readyz");
      assert.equal(ready.status, 200);
    });
  });
});
