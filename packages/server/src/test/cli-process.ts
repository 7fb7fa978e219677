import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The server package's folder: the CLI runs from there, on its TypeScript source. */
export const SERVER_PACKAGE_DIR = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Finds the ready record in a server's output, json or pretty, and captures its URL. In json the
 * URL is followed by the closing quote of `msg`, so "up to white space" is not enough.
 */
export const READY_LINE = /otl-server listening on (https?:\/\/[^\s"]+)/;

/** A running `otl-server` child process, with everything it has written so far. */
export interface CliServer {
  /** The URL from its `otl-server listening on <url>` line. */
  url: string;
  child: ChildProcess;
  /** All of its stdout and stderr so far. */
  output(): string;
  /** Sends SIGTERM and waits for the exit (SIGKILL after 5 s); answers the exit code or signal. */
  stop(): Promise<number | string | null>;
}

/**
 * Starts `node --conditions=otl-source src/cli.ts <args>` and waits (at most `timeoutMs`, default
 * 10 s) for its `otl-server listening on <url>` line; a child that misses it is killed, not left running.
 */
export async function startCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  { timeoutMs = 10_000 }: { timeoutMs?: number } = {},
): Promise<CliServer> {
  const child = spawn(process.execPath, ["--conditions=otl-source", "src/cli.ts", ...args], {
    cwd: SERVER_PACKAGE_DIR,
    env: { ...process.env, NODE_TEST_CONTEXT: undefined, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  const exited = new Promise<number | string | null>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`otl-server did not start within ${timeoutMs / 1000} s:\n${out}`));
    }, timeoutMs);
    const check = () => {
      const match = READY_LINE.exec(out);
      if (match) {
        clearTimeout(timer);
        child.stdout.off("data", check);
        resolve(match[1] as string);
      }
    };
    child.stdout.on("data", check);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`otl-server exited (${code}) before listening:\n${out}`));
    });
  });

  return {
    url,
    child,
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        const code = await exited;
        clearTimeout(timer);
        return code;
      }
      return exited;
    },
  };
}

/** Runs `otl-server <args>` on its source to its exit (at most 10 s), for runs that should stop at once. */
export function runCliToExit(
  args: string[],
  env: Record<string, string | undefined> = {},
): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["--conditions=otl-source", "src/cli.ts", ...args], {
    cwd: SERVER_PACKAGE_DIR,
    env: { ...process.env, NODE_TEST_CONTEXT: undefined, ...env },
    encoding: "utf8",
    timeout: 10_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Sends one JSON request to a listening server and reads the answer. */
export async function call<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  init: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: T }> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers["content-type"] ??= "application/json";
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
}
