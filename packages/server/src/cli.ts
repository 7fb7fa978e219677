#!/usr/bin/env node
import { parseArgs } from "node:util";
import { loadOrCreateHashKeys, parseHashKeys } from "./key-file.ts";
import { startOtlServer } from "./node.ts";
import { recipientFromEnv } from "./recipient.ts";
import { MEMORY, SqliteStore } from "./store/sqlite.ts";
import { newApiKey, newHashKey } from "./tokens.ts";

const USAGE = `Usage: otl-server [options]

  --port <n>             port to listen on; 0 picks a free one      (OTL_PORT, default 8787)
  --host <address>       address to listen on                        (OTL_HOST, default 127.0.0.1)
  --data-dir <dir>       SQLite data directory, or memory://         (OTL_DATA_DIR, default .otl)
  --database-url <url>   a PostgreSQL server instead of SQLite       (DATABASE_URL)
  --public-url <url>     the URL links are built from                (OTL_PUBLIC_URL, default the listening URL)
  --api-key <key>        the admin API key; generated when missing   (OTL_API_KEY)
  -h, --help             show this help

Also read from the environment: OTL_ALLOWED_ORIGINS (comma list of origins allowed to call the
browser API), OTL_HASH_KEYS (id:secret pairs, newest first), OTL_LOG (info or error), and who receives
the customer's data, shown on landing and consent: OTL_RECIPIENT_NAME, OTL_RECIPIENT_LOGO_URL,
OTL_RECIPIENT_PRIVACY_URL, OTL_RECIPIENT_PURPOSE.`;

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
        "public-url": { type: "string" },
        "api-key": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail((error as Error).message);
  }
}

const args = parse();
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const env = process.env;
const portText = args.port ?? env.OTL_PORT ?? "8787";
const port = Number(portText);
if (!/^\d+$/.test(portText) || port > 65535) fail(`--port must be a number from 0 to 65535, not "${portText}"`);
if (args["database-url"] ?? env.DATABASE_URL) fail("--database-url: the PostgreSQL store is not in this version yet; use --data-dir");

const dataDir = args["data-dir"] ?? env.OTL_DATA_DIR ?? ".otl";
const givenKey = args["api-key"] ?? env.OTL_API_KEY;
if (givenKey !== undefined && givenKey.length < 16) fail("--api-key must be at least 16 characters");
const apiKey = givenKey ?? newApiKey();
const quiet = env.OTL_LOG === "error";

try {
  const store = new SqliteStore({ dataDir });
  const hashKeys = env.OTL_HASH_KEYS
    ? parseHashKeys(env.OTL_HASH_KEYS)
    : dataDir === MEMORY
      ? [newHashKey()]
      : loadOrCreateHashKeys(dataDir);
  const server = await startOtlServer({
    store,
    apiKey,
    hashKeys,
    port,
    host: args.host ?? env.OTL_HOST ?? "127.0.0.1",
    publicUrl: args["public-url"] ?? env.OTL_PUBLIC_URL,
    allowedOrigins: env.OTL_ALLOWED_ORIGINS?.split(",")
      .map((origin) => origin.trim())
      .filter(Boolean),
    recipient: recipientFromEnv(env),
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
