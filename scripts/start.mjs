// `pnpm start`: the whole demo in one terminal. The OTL server on its embedded database (.otl/),
// the example host backend holding the API key, and the vanilla and React example pages; then a
// fresh one-time link for the hosted flow. Ctrl-C stops all of it.
//
// Mail the server sends (delivered links, 2FA codes) goes to a local SMTP catcher (scripts/mail-catcher.mjs)
// and is printed here, prefixed [mail]; SMS go to the server's console, prefixed [otl-server] SMS to ….
//
// `pnpm start --postgres`: the same on a throwaway PostgreSQL that this script starts (scripts/postgres.mjs),
// or on a fresh database of the server DATABASE_URL names; it is dropped when the demo stops.
//
// Each child runs in its own process group, so that stopping it also stops whatever it started
// (Vite's workers, say) and nothing is left behind; the terminal's Ctrl-C reaches only this script,
// which then stops the children in order.
import "./require-node.mjs";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve as resolvePath } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DEMO_RECIPIENT_ENV } from "./demo-recipient.mjs";
import { startMailCatcher } from "./mail-catcher.mjs";
import { startPostgres } from "./postgres.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const HOST = "127.0.0.1";
const MEMORY = "memory://";
const { values: flags } = parseArgs({ options: { postgres: { type: "boolean" } } });
// With PostgreSQL nothing is kept in a data directory: the demo company is not remembered either.
const DATA_DIR = flags.postgres ? MEMORY : process.env.OTL_DATA_DIR || ".otl";
/** The throwaway PostgreSQL of `--postgres`, once started. */
let postgres = null;

/** Running children, stopped on the way out. */
const children = new Set();
let stopping = false;

const ports = {
  otl: portFrom("OTL_PORT", 8787),
  hostBackend: portFrom("HOST_BACKEND_PORT", 8788),
  vanilla: portFrom("VANILLA_PORT", 5173),
  react: portFrom("REACT_PORT", 5174),
};
const url = (port) => `http://${HOST}:${port}`;

function portFrom(name, fallback) {
  const text = process.env[name] || String(fallback);
  if (/^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= 65535) return Number(text);
  process.stderr.write(`start: ${name} must be a port from 1 to 65535, not "${text}"\n`);
  process.exit(2);
}

function fail(message) {
  process.stderr.write(`\nstart: ${message}\n`);
  void stop(1);
  // Keeps the caller from going on while the children stop.
  throw new Stopping();
}

class Stopping extends Error {}

/** Resolves if nothing listens on the port; a taken port fails now, with the variable that moves it. */
function checkFree(port, variable) {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error) =>
      reject(
        error.code === "EADDRINUSE" ? new Error(`port ${port} is taken: stop what uses it, or set ${variable} to another port`) : error,
      ),
    );
    probe.listen(port, HOST, () => probe.close(() => resolve()));
  });
}

/** Starts a Node child in its own process group, its output prefixed with its name. */
function run(name, args, { cwd = ROOT, env = {} } = {}) {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    detached: true, // its own process group: see the top of this file
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.name = name;
  children.add(child);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => {
      child.emit("line", line);
      process.stdout.write(`[${name}] ${line}\n`);
    });
  }
  child.once("exit", (code, signal) => {
    children.delete(child);
    // Whatever the child left in its group goes with it.
    killGroup(child, "SIGKILL");
    if (!stopping) {
      process.stderr.write(`\nstart: ${name} stopped (${signal ?? `exit code ${code}`}); stopping the rest. Its output is above.\n`);
      void stop(1);
    }
  });
  return child;
}

/** Waits for a line of the child's output that matches, or fails if the child exits first. */
function lineFrom(child, pattern, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${child.name} was not ready after ${timeoutMs / 1000} s`)), timeoutMs);
    child.on("line", (line) => {
      const match = pattern.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
    child.once("exit", () => reject(new Stopping()));
  });
}

/** Waits until the URL answers 200 (Vite prints its banner before it serves), or the child exits. */
async function answers(child, address, timeoutMs = 30_000) {
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  const deadline = Date.now() + timeoutMs;
  while (!exited && Date.now() < deadline) {
    const response = await fetch(address, { signal: AbortSignal.timeout(2000) }).catch(() => null);
    if (response?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw exited ? new Stopping() : new Error(`${child.name} did not answer at ${address} after ${timeoutMs / 1000} s`);
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Stops every child (SIGTERM to its group, SIGKILL after 5 s), then exits. */
async function stop(code) {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise((resolve) => {
          child.once("exit", resolve);
          killGroup(child, "SIGTERM");
          setTimeout(() => killGroup(child, "SIGKILL"), 5000).unref();
        }),
    ),
  );
  await postgres?.stop().catch((error) => process.stderr.write(`start: PostgreSQL did not stop cleanly: ${error.message}\n`));
  process.exit(code);
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    if (!stopping) process.stdout.write(`\nStopping (${signal})…\n`);
    void stop(0);
  });
}

/** Calls the OTL admin API, as the host backend would. */
async function admin(apiKey, method, path, body) {
  const response = await fetch(`${url(ports.otl)}${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok && response.status !== 404) fail(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return response.ok ? response.json() : null;
}

/** The demo company, remembered in the data directory so that its flow resumes on the next run. */
async function demoCompany(apiKey) {
  const file = resolvePath(ROOT, DATA_DIR, "demo-company.json");
  const remembered = DATA_DIR !== MEMORY && existsSync(file) ? JSON.parse(readFileSync(file, "utf8")).companyId : undefined;
  const known = remembered && (await admin(apiKey, "GET", `/v1/companies/${remembered}`));
  if (known) return known;
  const created = await admin(apiKey, "POST", "/v1/companies", { name: "Demo Pty Ltd", contact: { email: "owner@demo.example" } });
  if (DATA_DIR !== MEMORY) writeFileSync(file, `${JSON.stringify({ companyId: created.id })}\n`);
  return created;
}

/** Where the demo keeps its data, for the banner (never the database password). */
function where() {
  if (postgres) {
    const url = new URL(postgres.url);
    return `data in PostgreSQL at ${url.host}${url.pathname}, dropped when the demo stops`;
  }
  return DATA_DIR === MEMORY ? "data in memory only" : `data in ${DATA_DIR}/`;
}

async function main() {
  for (const file of ["packages/server/dist/cli.js", "packages/link/dist/otl-link.js"]) {
    if (!existsSync(join(ROOT, file)))
      fail(`${file} is missing: run \`pnpm start\`, which builds it, or \`pnpm --filter "@otl/server..." build\``);
  }
  const taken = await Promise.allSettled([
    checkFree(ports.otl, "OTL_PORT"),
    checkFree(ports.hostBackend, "HOST_BACKEND_PORT"),
    checkFree(ports.vanilla, "VANILLA_PORT"),
    checkFree(ports.react, "REACT_PORT"),
  ]);
  const reasons = taken.filter((result) => result.status === "rejected").map((result) => result.reason.message);
  if (reasons.length > 0) fail(reasons.join("\n       "));

  // One key for this run, handed to the OTL server and the host backend through their environment.
  const apiKey = process.env.OTL_API_KEY || `otl_sk_demo_${randomBytes(24).toString("base64url")}`;
  // The example pages call the OTL server's browser API from their own origin: allow both spellings of it.
  const origins = [ports.vanilla, ports.react].flatMap((port) => [url(port), `http://localhost:${port}`]);
  if (process.env.OTL_ALLOWED_ORIGINS) origins.push(process.env.OTL_ALLOWED_ORIGINS);

  let database = { DATABASE_URL: undefined };
  if (flags.postgres) {
    process.stdout.write("Starting PostgreSQL…\n");
    postgres = await startPostgres();
    // Every process on one database must hash secrets alike, so the server takes its keys from here.
    database = { DATABASE_URL: postgres.url, OTL_HASH_KEYS: `k1:${randomBytes(32).toString("base64url")}` };
  }
  // Every e-mail the server sends lands here and is printed whole: the demo needs no mail server.
  const catcher = await startMailCatcher({
    host: HOST,
    onMessage: (mail) => {
      const to = Array.isArray(mail.to) ? mail.to.map((address) => address.text).join(", ") : mail.to?.text;
      const lines = [`to ${to} · ${mail.subject}`, ...(mail.text ?? "").trimEnd().split("\n")];
      process.stdout.write(`${lines.map((line) => `[mail] ${line}`).join("\n")}\n`);
    },
  });
  const delivery = {
    OTL_SMTP_URL: catcher.url,
    OTL_MAIL_FROM: "OTL demo <links@otl.localhost>",
    OTL_SMS_WEBHOOK_URL: "console",
    // With PostgreSQL the server keeps no key file: queued messages are sealed under this run's key.
    ...(flags.postgres ? { OTL_OUTBOX_KEYS: `o1:${randomBytes(32).toString("base64url")}` } : {}),
  };
  const otl = run("otl-server", ["packages/server/dist/bin.js"], {
    env: {
      OTL_PORT: String(ports.otl),
      OTL_HOST: HOST,
      OTL_DATA_DIR: DATA_DIR,
      OTL_API_KEY: apiKey,
      OTL_ALLOWED_ORIGINS: origins.join(","),
      // "Sandbox OAuth Bank": a real OAuth 2 authorization server inside the OTL server's process, on 127.0.0.1.
      OTL_SANDBOX_OAUTH: "1",
      ...database,
      ...delivery,
      // Its output is for the person at this terminal, though it reaches it through a pipe.
      OTL_LOG_FORMAT: process.env.OTL_LOG_FORMAT || "pretty",
      // A demo recipient, unless the environment names a real one.
      ...(process.env.OTL_RECIPIENT_NAME ? {} : DEMO_RECIPIENT_ENV),
    },
  });
  await lineFrom(otl, /otl-server listening on (https?:\/\/[^\s"]+)/);
  const company = await demoCompany(apiKey);

  const hostBackend = run("host-backend", ["examples/host-backend/server.mjs"], {
    env: { OTL_URL: url(ports.otl), OTL_API_KEY: apiKey, OTL_COMPANY_ID: company.id, HOST, PORT: String(ports.hostBackend) },
  });
  // The pages hold no secret: they get neither the API key nor anything but where their backend is.
  const vite = (name, port) =>
    run(name, ["node_modules/vite/bin/vite.js", "--host", HOST, "--port", String(port), "--strictPort", "--clearScreen", "false"], {
      cwd: join(ROOT, "examples", name),
      env: { HOST_BACKEND_URL: url(ports.hostBackend), OTL_API_KEY: undefined },
    });
  const vanilla = vite("vanilla", ports.vanilla);
  const react = vite("react", ports.react);
  await Promise.all([
    lineFrom(hostBackend, /^host-backend listening on /),
    answers(vanilla, `${url(ports.vanilla)}/`),
    answers(react, `${url(ports.react)}/`),
  ]);

  // Sent to the demo company's contact on file, so the mail appears below as the customer would get it.
  const link = await admin(apiKey, "POST", `/v1/companies/${company.id}/links`, { type: "company", deliver: { email: true } });
  // Basiq's journey: a link that asks for a 6-digit code, sent by SMS to a phone on file (printed by the
  // server). A company of its own, so it does not supersede the link above.
  const basiq = await admin(apiKey, "POST", "/v1/companies", { name: "Demo 2FA Pty Ltd", contact: { phone: "+61400000001" } });
  const twoFactor = await admin(apiKey, "POST", `/v1/companies/${basiq.id}/links`, { type: "company", require2fa: true });
  process.stdout.write(`
────────────────────────────────────────────────────────────────────────────
OTL demo is running (${where()}).

A fresh one-time link for "${company.name}", for the hosted flow (works once, expires ${link.expiresAt}),
also e-mailed to ${company.contact.email ?? "the contact on file"} (the mail is printed with the prefix [mail]):
  ${link.url}

A link that asks for a 6-digit code first ("${basiq.name}"): the code is sent by SMS when the customer
presses Start, and printed here by the server ([otl-server] SMS to …). A spent link's page offers
"Send me a new link", which sends a fresh one to the contact on file:
  ${twoFactor.url}

Mail the server sends goes to a local SMTP catcher at ${catcher.url} and is printed here, prefixed [mail];
SMS are printed by the server, prefixed [otl-server] SMS to ….

The embedding examples (each page load gets a new access token from the host backend):
  vanilla   ${url(ports.vanilla)}/
  React     ${url(ports.react)}/

  OTL server     ${url(ports.otl)}
  admin console  ${url(ports.otl)}/console (sign in with the key below)
  host backend   ${url(ports.hostBackend)}/api/otl-session
  admin API key for this run: ${apiKey}

Sandbox Bank connects with user_good / pass_good. Ctrl-C stops everything.
────────────────────────────────────────────────────────────────────────────
`);
}

main().catch((error) => {
  if (error instanceof Stopping || stopping) return;
  process.stderr.write(`\nstart: ${error.message}\n`);
  void stop(1);
});
