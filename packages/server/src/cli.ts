#!/usr/bin/env node
import { parseArgs } from "node:util";
import { loadOrCreateHashKeys, parseHashKeys } from "./key-file.ts";
import { startOtlServer } from "./node.ts";
import { outboxFromEnvironment } from "./outbox/environment.ts";
import { openStore } from "./store/open.ts";
import { connect } from "./store/postgres/connection.ts";
import { migrate } from "./store/postgres/migrate.ts";
import { MEMORY } from "./store/sqlite/store.ts";
import { newApiKey, newHashKey } from "./tokens.ts";

const USAGE = `Usage: otl-server [options]          serve
       otl-server migrate [options]  apply pending database migrations, then exit

  --port <n>                   port to listen on; 0 picks a free one      (OTL_PORT, default 8787)
  --host <address>             address to listen on                       (OTL_HOST, default 127.0.0.1)
  --data-dir <dir>             SQLite data directory, or memory://        (OTL_DATA_DIR, default .otl)
  --database-url <url>         a PostgreSQL server instead of SQLite      (DATABASE_URL)
  --db-pool-size <n>           PostgreSQL connections per process         (OTL_DB_POOL_SIZE, default 10)
  --db-statement-timeout <ms>  PostgreSQL statement_timeout               (OTL_DB_STATEMENT_TIMEOUT, default 5000)
  --rate-limit <n>/<s>         n failed guesses per client in s seconds   (OTL_RATE_LIMIT, default 60/600)
  --public-url <url>           the URL links are built from               (OTL_PUBLIC_URL, default the listening URL)
  --api-key <key>              the admin API key; generated when missing  (OTL_API_KEY)
  -h, --help                   show this help

Also read from the environment: OTL_ALLOWED_ORIGINS (comma list of origins allowed to call the
browser API), OTL_HASH_KEYS (id:secret pairs, newest first; required with PostgreSQL, so that every
process hashes secrets alike), OTL_LOG (info or error); for sending links and 2FA codes:
OTL_SMTP_URL (smtp:// or smtps://user:pass@host:port), OTL_MAIL_FROM, OTL_SMS_WEBHOOK_URL (the SMS relay,
or console) with OTL_SMS_WEBHOOK_SECRET (whsec_…), OTL_OUTBOX_KEYS (id:secret pairs sealing queued
messages and webhook secrets; required with PostgreSQL when a sender is set, else kept in the data
directory); OTL_WEBHOOK_URL with OTL_WEBHOOK_SECRET (whsec_…): one webhook endpoint beside those made
with the API.`;

function fail(message: string): never {
  process.stderr.write(`otl-server: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function parse() {
  try {
    return parseArgs({
      options: {
        port: { type: "string" },
        host: { type: "string" },
        "data-dir": { type: "string" },
        "database-url": { type: "string" },
        "db-pool-size": { type: "string" },
        "db-statement-timeout": { type: "string" },
        "public-url": { type: "string" },
        "rate-limit": { type: "string" },
        "api-key": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    fail((error as Error).message);
  }
}

const { values: args, positionals } = parse();
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const command = positionals[0] ?? "serve";
if (positionals.length > 1 || !["serve", "migrate"].includes(command)) fail(`unknown command "${positionals.join(" ")}"`);

const env = process.env;
const portText = args.port ?? env.OTL_PORT ?? "8787";
const port = Number(portText);
if (!/^\d+$/.test(portText) || port > 65535) fail(`--port must be a number from 0 to 65535, not "${portText}"`);

/** A whole number from `min` to `max`, or a failure naming the flag. */
function count(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) fail(`${flag} must be a whole number from ${min} to ${max}, not "${text}"`);
  return value;
}

const databaseUrl = args["database-url"] ?? env.DATABASE_URL;
const poolSize = count("--db-pool-size", args["db-pool-size"] ?? env.OTL_DB_POOL_SIZE, 1, 1000);
const statementTimeoutMs = count("--db-statement-timeout", args["db-statement-timeout"] ?? env.OTL_DB_STATEMENT_TIMEOUT, 1, 3_600_000);
if (databaseUrl === undefined && (poolSize ?? statementTimeoutMs) !== undefined) {
  fail("--db-pool-size and --db-statement-timeout apply to PostgreSQL only: give --database-url too");
}

const rateLimitText = args["rate-limit"] ?? env.OTL_RATE_LIMIT;
const rateLimitMatch = rateLimitText === undefined ? null : /^(\d+)\/(\d+)$/.exec(rateLimitText);
if (rateLimitText !== undefined && !rateLimitMatch)
  fail(`--rate-limit must be <failures>/<seconds>, such as 60/600, not "${rateLimitText}"`);
const rateLimit = rateLimitMatch
  ? {
      maxFailures: count("--rate-limit failures", rateLimitMatch[1], 1, 1_000_000) as number,
      windowSeconds: count("--rate-limit seconds", rateLimitMatch[2], 1, 86_400) as number,
    }
  : undefined;

if (command === "migrate") {
  try {
    if (databaseUrl === undefined) {
      // The SQLite store migrates as it opens, under its write lock.
      await (await openStore({ dataDir: args["data-dir"] ?? env.OTL_DATA_DIR ?? ".otl" })).close();
      process.stdout.write("otl-server: SQLite schema is up to date\n");
    } else {
      const sql = connect({ url: databaseUrl, poolSize: 1, statementTimeoutMs });
      try {
        const { from, to } = await migrate(sql);
        process.stdout.write(`otl-server: PostgreSQL schema at version ${to}${from === to ? " (nothing to apply)" : ` (was ${from})`}\n`);
      } finally {
        await sql.end({ timeout: 5 });
      }
    }
    process.exit(0);
  } catch (error) {
    process.stderr.write(`otl-server migrate: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
if (databaseUrl !== undefined && !env.OTL_HASH_KEYS) {
  fail("OTL_HASH_KEYS is required with --database-url: every process on the database must hash secrets with the same keys");
}

if ((env.OTL_WEBHOOK_URL === undefined) !== (env.OTL_WEBHOOK_SECRET === undefined)) {
  fail("OTL_WEBHOOK_URL and OTL_WEBHOOK_SECRET go together");
}

const dataDir = args["data-dir"] ?? env.OTL_DATA_DIR ?? ".otl";
const givenKey = args["api-key"] ?? env.OTL_API_KEY;
if (givenKey !== undefined && givenKey.length < 16) fail("--api-key must be at least 16 characters");
const apiKey = givenKey ?? newApiKey();
const quiet = env.OTL_LOG === "error";

try {
  const store = await openStore({ databaseUrl, dataDir, poolSize, statementTimeoutMs });
  const hashKeys = env.OTL_HASH_KEYS
    ? parseHashKeys(env.OTL_HASH_KEYS)
    : dataDir === MEMORY
      ? [newHashKey()]
      : loadOrCreateHashKeys(dataDir);
  const server = await startOtlServer({
    ...outboxFromEnvironment(env, dataDir, databaseUrl !== undefined),
    ...(env.OTL_WEBHOOK_URL && env.OTL_WEBHOOK_SECRET
      ? { webhooks: { endpoint: { url: env.OTL_WEBHOOK_URL, secret: env.OTL_WEBHOOK_SECRET } } }
      : {}),
    store,
    apiKey,
    hashKeys,
    port,
    host: args.host ?? env.OTL_HOST ?? "127.0.0.1",
    publicUrl: args["public-url"] ?? env.OTL_PUBLIC_URL,
    rateLimit,
    allowedOrigins: env.OTL_ALLOWED_ORIGINS?.split(",")
      .map((origin) => origin.trim())
      .filter(Boolean),
    logger: quiet ? { info() {}, error: (line) => process.stderr.write(`${line}\n`), infoEnabled: false } : undefined,
  });
  process.stdout.write(`otl-server listening on ${server.url}\n`);
  if (givenKey === undefined) {
    // The one deliberate exception to "no secret in output": a generated dev key is useless unless shown, once.
    process.stdout.write(`otl-server dev API key (generated for this run, shown once): ${apiKey}\n`);
  }
  const stop = () => {
    server.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  fail((error as Error).message);
}
