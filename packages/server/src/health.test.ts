import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { Problem } from "@otl/protocol";
import { TestServer } from "./test/harness.ts";

// Probes on a real SQLite store: liveness says the process runs; readiness asks the store.

describe("GET /healthz and GET /readyz", () => {
  it("answer 200 while the store answers, uncached and without credentials", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "otl-health-"));
    const server = new TestServer({ dataDir });
    try {
      for (const [path, status] of [
        ["/healthz", "ok"],
        ["/readyz", "ready"],
      ] as const) {
        const answer = await server.request<{ status: string }>("GET", path);
        assert.equal(answer.status, 200, path);
        assert.equal(answer.body.status, status);
        assert.equal(answer.headers.get("cache-control"), "no-store");
      }
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("once the store cannot answer, /readyz says 503 unavailable with Retry-After, and /healthz still 200", async () => {
    const server = new TestServer();
    await server.store.close();
    const ready = await server.request<Problem>("GET", "/readyz");
    assert.equal(ready.status, 503);
    assert.equal(ready.headers.get("content-type"), "application/problem+json");
    assert.equal(ready.body.code, "unavailable");
    assert.ok(Number(ready.headers.get("retry-after")) > 0);
    assert.ok(
      server.logs.some((line) => line.startsWith("readiness check failed")),
      "the reason is logged for the operator",
    );
    assert.equal((await server.request("GET", "/healthz")).status, 200);
  });
});
