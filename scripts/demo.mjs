// `pnpm start`: the OTL server on its embedded database in .otl/, a demo company, and a fresh
// one-time link printed in the terminal. Ctrl-C stops it; a second run resumes the same company.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadOrCreateHashKeys, SqliteStore, startOtlServer } from "../packages/server/dist/index.js";

const dataDir = process.env.OTL_DATA_DIR ?? ".otl";
const port = Number(process.env.OTL_PORT ?? 8787);
const store = new SqliteStore({ dataDir });
const apiKey = process.env.OTL_API_KEY ?? `otl_sk_demo-${crypto.randomUUID()}`;
const server = await startOtlServer({ store, apiKey, port, hashKeys: loadOrCreateHashKeys(dataDir), logger: false });

async function admin(method, path, body) {
  const response = await server.app.request(path, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

// The demo company is remembered in the data directory, so its flow resumes across runs.
const demoFile = join(dataDir, "demo-company.json");
let companyId = existsSync(demoFile) ? JSON.parse(readFileSync(demoFile, "utf8")).companyId : undefined;
if (!companyId || !(await server.app.request(`/v1/companies/${companyId}`, { headers: { authorization: `Bearer ${apiKey}` } })).ok) {
  companyId = (await admin("POST", "/v1/companies", { name: "Demo Pty Ltd", contact: { email: "owner@demo.example" } })).id;
  writeFileSync(demoFile, `${JSON.stringify({ companyId })}\n`);
}
const link = await admin("POST", `/v1/companies/${companyId}/links`, { type: "company" });

process.stdout.write(`
otl-server listening on ${server.url} (data in ${dataDir}/)
admin API key for this run: ${apiKey}

A fresh one-time link for "Demo Pty Ltd" (works once, expires ${link.expiresAt}):
  ${link.url}

Try it with the API: see README.md, "Walk the flow with curl". Ctrl-C stops the server.
`);

const stop = () => server.close().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
