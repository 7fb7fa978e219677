import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { createOtlServer } from "./app.ts";
import { MAX_ECHOED_CHARS } from "./bounds.ts";
import { createLogger } from "./logger.ts";
import { MEMORY, SqliteStore } from "./store/sqlite.ts";
import { type CliServer, call, startCli } from "./test/cli-process.ts";

// The log as an operator's tools read it, from a real process: one JSON object a line (or pretty
// lines), a request id on every request's records, and nothing a client sends can forge a line.

const KEY = "otl_sk_request-log-key-0123456789";
const FORGED = "otl-server listening on http://evil.example";
// Paths a client may send: a line break before a fake ready line (raw and CR LF), terminal escapes, bidi, sheer length.
const HOSTILE_PATHS = [
  `/%0A${encodeURIComponent(FORGED)}`,
  `/x%0D%0A${encodeURIComponent(FORGED)}`,
  "/%1B%5B2J%1B%5B31mred%07",
  "/%E2%80%AEevil",
  `/${"a".repeat(10_000)}`,
];

const servers: CliServer[] = [];
after(async () => {
  for (const server of servers) await server.stop();
});

async function serverWith(format: "json" | "pretty"): Promise<CliServer> {
  const server = await startCli(["--port", "0", "--data-dir", "memory://", "--api-key", KEY], { OTL_LOG: "info", OTL_LOG_FORMAT: format });
  servers.push(server);
  return server;
}

/** Sends each hostile path, checks the 404's `detail` is bounded too, and waits for the records to be written. */
async function sendHostilePaths(server: CliServer): Promise<void> {
  for (const path of HOSTILE_PATHS) {
    const answer = await call<{ detail: string }>(server.url, "GET", path);
    assert.equal(answer.status, 404);
    assert.ok(answer.body.detail.length < MAX_ECHOED_CHARS + 100, `a bounded detail, not ${answer.body.detail.length} characters`);
    assert.doesNotMatch(answer.body.detail, /\p{Cc}|\u202e/u);
  }
  const deadline = Date.now() + 5_000;
  while (!server.output().includes("aaaa") && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe("logs", () => {
  it("json: one object a line with level, ISO time, msg and reqId; the caller's X-Request-Id is kept and echoed", async () => {
    const server = await serverWith("json");
    const answer = await call(server.url, "GET", "/healthz", { headers: { "x-request-id": "req-from-the-caller-1" } });
    assert.equal(answer.headers.get("x-request-id"), "req-from-the-caller-1");
    const generated = await call(server.url, "GET", "/healthz", { headers: { "x-request-id": "bad id\twith spaces" } });
    const generatedId = generated.headers.get("x-request-id") ?? "";
    assert.match(generatedId, /^[0-9a-f-]{36}$/, "a malformed id is replaced, not echoed");
    await call(server.url, "GET", "/readyz");

    const deadline = Date.now() + 5_000;
    while (!server.output().includes("/readyz") && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const records = server
      .output()
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const record of records) {
      assert.match(String(record.level), /^(info|warn|error|debug)$/);
      assert.match(String(record.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.equal(typeof record.msg, "string");
    }
    const ready = records.find((record) => String(record.msg).startsWith("otl-server listening on "));
    assert.equal(ready?.msg, `otl-server listening on ${server.url}`);
    assert.equal(ready?.url, server.url);
    const health = records.filter((record) => record.path === "/healthz");
    assert.deepEqual(
      health.map((record) => record.reqId),
      ["req-from-the-caller-1", generatedId],
    );
    assert.ok(health.every((record) => record.status === 200 && record.method === "GET" && typeof record.ms === "number"));
  });

  it("json: a hostile path forges no record and no unbounded one", async () => {
    const server = await serverWith("json");
    await sendHostilePaths(server);
    const lines = server.output().trimEnd().split("\n");
    const records = lines.map((line) => JSON.parse(line) as { msg: string; path?: string });
    assert.equal(records.filter((record) => record.msg.startsWith("otl-server listening on")).length, 1, "only the real ready record");
    const logged = records.filter((record) => record.path !== undefined && record.path !== "/");
    assert.equal(logged.length, HOSTILE_PATHS.length);
    for (const record of logged) {
      assert.ok(record.path !== undefined && record.path.length < MAX_ECHOED_CHARS + 30, `bounded: ${record.path?.length}`);
      assert.doesNotMatch(record.msg, /\p{Cc}|\u202e/u);
    }
    assert.ok(
      lines.every((line) => line.length < 2_000),
      "no line carries the 10 000-character path (Node refuses a request line past 16 KiB itself)",
    );
  });

  it("pretty: each line starts with its time, and no control character from a request reaches the terminal", async () => {
    const server = await serverWith("pretty");
    await sendHostilePaths(server);
    const output = server.output();
    assert.doesNotMatch(output, /[^\P{Cc}\n]|\u202e/u, "no ESC, BEL, CR or bidi override: only line feeds end lines");
    const lines = output.trimEnd().split("\n");
    for (const line of lines) {
      assert.match(line, /^\[\d\d:\d\d:\d\d\.\d{3}\] [A-Z]+:? /, `a line of its own, not forged: ${line.slice(0, 120)}`);
      assert.ok(line.length < 2_000);
    }
    assert.equal(lines.filter((line) => /^\[[^\]]+\] INFO:? otl-server listening on/.test(line)).length, 1);
  });

  it("refusals and unknown routes carry X-Request-Id too", async () => {
    const server = await serverWith("json");
    for (const [path, status] of [
      ["/v1/companies", 401],
      ["/no-such-route", 404],
    ] as const) {
      const answer = await call(server.url, "GET", path, { headers: { "x-request-id": "req-refused-1" } });
      assert.equal(answer.status, status);
      assert.equal(answer.headers.get("x-request-id"), "req-refused-1", path);
    }
  });

  for (const level of ["error", "info"] as const) {
    it(`OTL_LOG=${level}: an error record written while answering names the request by the id its answer carries`, async () => {
      // A store whose writes fail with an unexpected error: the app answers 500 and logs one error record.
      const inner = new SqliteStore({ dataDir: MEMORY });
      const store = Object.create(inner, {
        withTransaction: { value: async () => Promise.reject(new Error("unexpected")) },
      }) as SqliteStore;
      const written: string[] = [];
      const destination = { write: (line: string) => written.push(line) > 0 } as unknown as NodeJS.WritableStream;
      const app = createOtlServer({
        store,
        apiKey: KEY,
        publicUrl: "http://otl.test",
        logger: createLogger({ level, format: "json", destination }),
      });
      try {
        const answer = await app.request("/v1/companies", {
          method: "POST",
          headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json", "x-request-id": `req-at-${level}` },
          body: JSON.stringify({ name: "Acme" }),
        });
        assert.equal(answer.status, 500);
        assert.equal(answer.headers.get("x-request-id"), `req-at-${level}`, "a failure's answer names its request too");
        // The outbox workers' rounds fail on this store too, and log on their own (no request): only
        // the records written while answering count here.
        const records = written
          .map((line) => JSON.parse(line) as Record<string, unknown>)
          .filter((record) => !String(record.msg).startsWith("outbox:"));
        const errors = records.filter((record) => record.level === "error");
        assert.equal(errors.length, 1);
        assert.equal(errors[0]?.reqId, `req-at-${level}`);
        assert.match(String(errors[0]?.msg), /^POST \/v1\/companies failed: Error: unexpected$/);
        // Info records (the request's own line) only when asked for.
        assert.equal(records.length, level === "info" ? 2 : 1);
      } finally {
        await inner.close();
      }
    });
  }
});
