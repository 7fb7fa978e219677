#!/usr/bin/env node
import { parseArgs } from "node:util";
import { prepareDataDir } from "./data-dir.ts";
import { applyRetention, DEFAULT_RETENTION, type RetentionWindows } from "./domain/retention.ts";
import { SANDBOX_INTEGRATIONS } from "./integrations/sandbox.ts";
import { loadOrCreateHashKeys, parseHashKeys } from "./key-file.ts";
import { createLogger, logSettingsFromEnv } from "./logger.ts";
import { startOtlServer } from "./node.ts";
import { outboxFromEnvironment } from "./outbox/environment.ts";
import { recipientFromEnv } from "./recipient.ts";
import { stopOnSignals } from "./shutdown.ts";
import { describeStartupError } from "./startup-error.ts";
import { openStore } from "./store/open.ts";
import { connect } from "./store/postgres/connection.ts";
import { migrate } from "./store/postgres/migrate.ts";
import { DamagedDatabaseError } from "./store/sqlite/integrity.ts";
import { MEMORY } from "./store/sqlite/store.ts";
import { newApiKey, newHashKey } from "./tokens.ts";
import { clientAddressBehindProxies, parseTrustProxy } from "./trust-proxy.ts";
import { serverVersion } from "./version.ts";

const USAGE = `Usage: otl-server [options]          serve
       otl-server migrate [options]  apply pending database migrations, then exit
       otl-server purge [options]    apply retention now, then exit (a server also does, hourly)

  --port <n>                   port to listen on; 0 picks a free one      (OTL_PORT, default 8787)
  --host <address>             address to listen on                       (OTL_HOST, default 127.0.0.1)
  --data-dir <dir>             SQLite data directory, or memory://        (OTL_DATA_DIR, default .otl)
  --database-url <url>         a PostgreSQL server instead of SQLite      (DATABASE_URL)
  --db-pool-size <n>           PostgreSQL connections per process         (OTL_DB_POOL_SIZE, default 10)
  --db-statement-timeout <ms>  PostgreSQL statement_timeout               (OTL_DB_STATEMENT_TIMEOUT, default 5000)
  --rate-limit <n>/<s>         n failed guesses per client in s seconds   (OTL_RATE_LIMIT, default 60/600)
  --public-url <url>           the URL links are built from               (OTL_PUBLIC_URL, default the listening URL)
  --api-key <key>              the admin API key; generated when missing  (OTL_API_KEY)
  --retention-days <n>         keep spent links, ended sessions and flows   (OTL_RETENTION_DAYS, default 30)
  --audit-retention-days <n>   keep audit records                          (OTL_AUDIT_RETENTION_DAYS, default 400)
  --trust-proxy <N|CIDR,…>     believe X-Forwarded-For through N hops, or from these proxies
                               (OTL_TRUST_PROXY; without it the header is ignored)
  --sandbox-oauth              also run the Sandbox OAuth Bank in this process, on 127.0.0.1,
                               and offer it beside the sandbox integrations (OTL_SANDBOX_OAUTH=1)
  --no-renew                   turn off "send me a new link" (POST /v1/link/renew does nothing and
                               the hosted page shows no button)  (OTL_RENEW=off)
  --version                    print the version and exit
  -h, --help                   show this help

Also read from the environment: OTL_ALLOWED_ORIGINS (comma list of origins allowed to call the
browser API), OTL_HASH_KEYS (id:secret pairs, newest first; required with PostgreSQL, so that every
process hashes secrets alike), OTL_LOG (error, warn, info or debug; default info), OTL_LOG_FORMAT
(json or pretty; default json unless stdout is a terminal), OTL_BLOB_DIR (where SQLite keeps uploaded
files; default files/ in the data dir; PostgreSQL keeps them in the database); who receives the
customer's data, shown on landing and consent: OTL_RECIPIENT_NAME, OTL_RECIPIENT_LOGO_URL,
OTL_RECIPIENT_PRIVACY_URL, OTL_RECIPIENT_PURPOSE; for sending links and 2FA codes: OTL_SMTP_URL
(smtp:// or smtps://user:pass@host:port), OTL_MAIL_FROM, OTL_SMS_WEBHOOK_URL (the SMS relay, or console)
with OTL_SMS_WEBHOOK_SECRET (whsec_…), OTL_OUTBOX_KEYS (id:secret pairs sealing queued messages and
webhook secrets; required with PostgreSQL when a sender is set, else kept in the data directory);
OTL_WEBHOOK_URL with OTL_WEBHOOK_SECRET (whsec_…): one webhook endpoint beside those made with the API.`;

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
        "sandbox-oauth": { type: "boolean" },
        "no-renew": { type: "boolean" },
        "trust-proxy": { type: "string" },
        "retention-days": { type: "string" },
        "audit-retention-days": { type: "string" },
        version: { type: "boolean" },
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
if (args.version) {
  process.stdout.write(`otl-server ${serverVersion()}\n`);
  process.exit(0);
}

const command = positionals[0] ?? "serve";
if (positionals.length > 1 || !["serve", "migrate", "purge"].includes(command)) fail(`unknown command "${positionals.join(" ")}"`);

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

const retention: RetentionWindows = {
  endedDays: count("--retention-days", args["retention-days"] ?? env.OTL_RETENTION_DAYS, 1, 36_500) ?? DEFAULT_RETENTION.endedDays,
  auditDays:
    count("--audit-retention-days", args["audit-retention-days"] ?? env.OTL_AUDIT_RETENTION_DAYS, 1, 36_500) ?? DEFAULT_RETENTION.auditDays,
};

if (command === "purge") {
  try {
    const store = await openStore({ databaseUrl, dataDir: args["data-dir"] ?? env.OTL_DATA_DIR ?? ".otl", poolSize, statementTimeoutMs });
    try {
      const counts = await applyRetention(store, retention);
      process.stdout.write(
        `otl-server: purged ${counts.sessions} sessions, ${counts.flows} flows, ${counts.grants} grants, ${counts.audit} audit records, ${counts.outbox} queued messages, ${counts.secondFactorCodes} 2FA codes, ${counts.rateLimits} rate-limit counters\n`,
      );
    } finally {
      await store.close();
    }
    process.exit(0);
  } catch (error) {
    process.stderr.write(`otl-server purge: ${(error as Error).message}\n`);
    process.exit(error instanceof DamagedDatabaseError ? 2 : 1);
  }
}

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
const host = args.host ?? env.OTL_HOST ?? "127.0.0.1";
const givenKey = args["api-key"] ?? env.OTL_API_KEY;
if (givenKey !== undefined && givenKey.length < 16) fail("--api-key must be at least 16 characters");
const apiKey = givenKey ?? newApiKey();
const trustProxyText = args["trust-proxy"] ?? env.OTL_TRUST_PROXY;
let clientAddress: ReturnType<typeof clientAddressBehindProxies> | undefined;
let logger: ReturnType<typeof createLogger>;
try {
  clientAddress = trustProxyText ? clientAddressBehindProxies(parseTrustProxy(trustProxyText)) : undefined;
  logger = createLogger(logSettingsFromEnv(env));
} catch (error) {
  fail((error as Error).message);
}

try {
  // Keys before the store: the store creates the database file, and a key file missing beside an
  // existing database must stop the server rather than be replaced (key-file.ts).
  if (databaseUrl === undefined && dataDir !== MEMORY) prepareDataDir(dataDir);
  const hashKeys = env.OTL_HASH_KEYS
    ? parseHashKeys(env.OTL_HASH_KEYS)
    : dataDir === MEMORY
      ? [newHashKey()]
      : loadOrCreateHashKeys(dataDir);
  // The demo's and the journeys' OAuth bank: a real authorization server, in this process, on loopback only.
  // Loaded only when asked for: a plain start does not pay for the OAuth server's modules.
  const bank =
    args["sandbox-oauth"] || env.OTL_SANDBOX_OAUTH === "1"
      ? await (await import("./integrations/sandbox/oauth-bank.ts")).startSandboxOAuthBank()
      : null;
  const store = await openStore({ databaseUrl, dataDir, poolSize, statementTimeoutMs, blobDir: env.OTL_BLOB_DIR });
  const server = await startOtlServer({
    ...outboxFromEnvironment(env, dataDir, databaseUrl !== undefined),
    ...(env.OTL_WEBHOOK_URL && env.OTL_WEBHOOK_SECRET
      ? { webhooks: { endpoint: { url: env.OTL_WEBHOOK_URL, secret: env.OTL_WEBHOOK_SECRET } } }
      : {}),
    store,
    apiKey,
    hashKeys,
    port,
    host,
    publicUrl: args["public-url"] ?? env.OTL_PUBLIC_URL,
    rateLimit,
    ...(bank ? { integrations: [...SANDBOX_INTEGRATIONS, bank.integration] } : {}),
    retention,
    allowedOrigins: env.OTL_ALLOWED_ORIGINS?.split(",")
      .map((origin) => origin.trim())
      .filter(Boolean),
    clientAddress,
    logger,
    recipient: recipientFromEnv(env),
    renewLinks: !(args["no-renew"] || env.OTL_RENEW === "off"),
  });
  // Before the ready record: whoever reads it may signal at once, and an unhandled SIGINT kills outright.
  stopOnSignals(server, logger);
  // Written whatever OTL_LOG says: scripts and tests wait for this text (in json, it is the record's msg).
  logger.notice(`otl-server listening on ${server.url}`, { url: server.url, version: serverVersion() });
  if (bank) logger.notice(`otl-server Sandbox OAuth Bank at ${bank.issuer}`, { issuer: bank.issuer });
  if (givenKey === undefined) {
    // The one deliberate exception to "no secret in output": a generated dev key is useless unless shown, once.
    logger.notice(`otl-server dev API key (generated for this run, shown once): ${apiKey}`);
  }
} catch (error) {
  // Bad options are the caller's to fix from the usage; anything else is the machine's: say what, in one line.
  if (error instanceof TypeError && error.message.startsWith("Invalid OTL server options")) fail(error.message);
  // A damaged database is not the machine's passing state but the file's: exit 2, naming it (CONTRACT.md, "Operability").
  if (error instanceof DamagedDatabaseError) {
    process.stderr.write(`otl-server: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`otl-server: ${describeStartupError(error, { host, port, dataDir })}\n`);
  process.exit(1);
}
