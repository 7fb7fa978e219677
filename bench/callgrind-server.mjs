// The OTL server as `instructions.mjs` runs it under callgrind: `node bench/callgrind-server.mjs <server dist dir> <data dir>`,
// the built app of any checkout, with its webhook worker polling hourly instead of every second (a poll is
// counted by wall time, which callgrind stretches about fifty-fold), logging errors only.
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [dist, dataDir] = process.argv.slice(2);
const { openStore, parseHashKeys, startOtlServer } = await import(pathToFileURL(join(dist, "index.js")).href);
const server = await startOtlServer({
  store: await openStore({ dataDir }),
  apiKey: process.env.OTL_API_KEY,
  hashKeys: parseHashKeys(process.env.OTL_HASH_KEYS),
  port: 0,
  logger: false,
  retention: false,
  webhooks: { pollMs: 3_600_000 },
});
process.stdout.write(`otl-server listening on ${server.url}\n`);
