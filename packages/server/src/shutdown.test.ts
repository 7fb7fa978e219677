import assert from "node:assert/strict";
import { connect, type Socket } from "node:net";
import { describe, it } from "node:test";
import { startOtlServer } from "./node.ts";
import { MEMORY, SqliteStore } from "./store/sqlite.ts";
import { startCli } from "./test/cli-process.ts";

// Graceful stops over real sockets: a request the client is still sending when the stop begins is
// answered in full; new connections are refused; a request that never finishes is cut at the grace.

const KEY = "otl_sk_shutdown-test-key-0123456789";
const BODY = JSON.stringify({ name: "Half Sent Pty Ltd" });

/** Opens a raw connection and sends the head of a company-creating POST and the first half of its body. */
async function halfSentRequest(url: string): Promise<{ socket: Socket; rest: string; answer: Promise<string> }> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  let received = "";
  socket.setEncoding("utf8").on("data", (chunk: string) => (received += chunk));
  const answer = new Promise<string>((resolve) => socket.once("close", () => resolve(received)));
  const half = Math.floor(BODY.length / 2);
  socket.write(
    `POST /v1/companies HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: Bearer ${KEY}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(BODY)}\r\n\r\n${BODY.slice(0, half)}`,
  );
  return { socket, rest: BODY.slice(half), answer };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a new connection to the URL is accepted. */
function accepts(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("stopping on SIGTERM", () => {
  it("finishes a request that was half sent when the signal came, refuses new connections, then exits 0", async () => {
    const server = await startCli(["--port", "0", "--data-dir", "memory://", "--api-key", KEY], {
      OTL_LOG: "info",
      OTL_LOG_FORMAT: "json",
    });
    const exited = new Promise((resolve) => server.child.once("exit", (code, signal) => resolve(code ?? signal)));
    const { socket, rest, answer } = await halfSentRequest(server.url);

    server.child.kill("SIGTERM");
    await pause(300);
    assert.equal(server.child.exitCode, null, "still running: a request is in flight");
    assert.equal(await accepts(server.url), false, "no new connections once stopping");

    socket.write(rest);
    const raw = await answer;
    assert.match(raw, /^HTTP\/1\.1 201 /);
    const body = JSON.parse(raw.slice(raw.indexOf("\r\n\r\n") + 4)) as { name: string; id: string };
    assert.equal(body.name, "Half Sent Pty Ltd");
    assert.match(body.id, /^co_/);
    assert.equal(await exited, 0);
    assert.match(server.output(), /otl-server stopping on SIGTERM/);
  });

  it("SIGINT stops it the same way", async () => {
    const server = await startCli(["--port", "0", "--data-dir", "memory://", "--api-key", KEY], { OTL_LOG: "error" });
    const exited = new Promise((resolve) => server.child.once("exit", (code, signal) => resolve(code ?? signal)));
    server.child.kill("SIGINT");
    assert.equal(await exited, 0);
  });
});

describe("RunningOtlServer.close(graceMs)", () => {
  it("cuts a request that is still not complete when the grace runs out, and closes the store", async () => {
    const store = new SqliteStore({ dataDir: MEMORY });
    const server = await startOtlServer({ store, apiKey: KEY, port: 0, logger: false });
    const { answer } = await halfSentRequest(server.url);
    const started = performance.now();
    await server.close(300);
    const took = performance.now() - started;
    assert.ok(took >= 250 && took < 3000, `waited the grace, not more: ${took.toFixed(0)} ms`);
    assert.doesNotMatch(await answer, /^HTTP\/1\.1 201/, "the unfinished request got no success");
    await assert.rejects(store.ping(), "the store is closed");
  });
});
