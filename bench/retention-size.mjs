// `node bench/retention-size.mjs [--flows N]`: what a flow leaves in the SQLite file, before retention and
// after it (issue 9: "the database size per flow after retention"). Runs N full flows through the built
// server's app in-process (no port: the size does not depend on HTTP), on a store with a manual clock,
// then moves the clock past each retention window, runs `otl-server purge`'s own purge (applyRetention)
// and reads the pages in use (page_count − freelist_count, × page_size) after a WAL checkpoint. Freed
// pages stay in the file for the next rows to reuse (SQLite does not shrink a file without VACUUM), so
// pages in use are what the rows cost; the file's own size is shown beside them.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { parseArgs } from "node:util";
import { createOtlServer } from "../packages/server/dist/app.js";
import { ManualClock } from "../packages/server/dist/clock.js";
import { applyRetention, DEFAULT_RETENTION } from "../packages/server/dist/domain/retention.js";
import { SqliteStore } from "../packages/server/dist/store/sqlite.js";

const { values: flags } = parseArgs({ options: { flows: { type: "string", default: "1000" } } });
const FLOWS = Number(flags.flows);
if (!(FLOWS > 0)) throw new Error(`--flows must be a positive number, not "${flags.flows}"`);
const COMPANIES = 50;
const DAY = 24 * 60 * 60 * 1000;
const API_KEY = "otl_sk_bench-retention-0123456789";

const dir = mkdtempSync(join(tmpdir(), "otl-retention-"));
const file = join(dir, "otl.sqlite");
const clock = new ManualClock(Date.parse("2026-03-01T12:00:00Z"));
try {
  const store = new SqliteStore({ dataDir: dir, clock });
  const app = createOtlServer({
    store,
    apiKey: API_KEY,
    publicUrl: "http://otl.bench",
    clock,
    logger: false,
    clientAddress: () => "192.0.2.1",
  });
  const call = async (path, body, token) => {
    const headers = { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const answer = await app.request(path, { method: "POST", headers, body: JSON.stringify(body) });
    if (answer.status >= 300) throw new Error(`${path}: ${answer.status} ${await answer.text()}`);
    return answer.json();
  };
  const companies = [];
  for (let i = 0; i < COMPANIES; i++) companies.push((await call("/v1/companies", { name: `Retention ${i}` }, API_KEY)).id);
  await store.close();
  const empty = pages(file);

  const reopened = new SqliteStore({ dataDir: dir, clock });
  const app2 = createOtlServer({
    store: reopened,
    apiKey: API_KEY,
    publicUrl: "http://otl.bench",
    clock,
    logger: false,
    clientAddress: () => "192.0.2.1",
  });
  const flow = async (companyId) => {
    const post = async (path, body, token) => {
      const headers = { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) };
      const answer = await app2.request(path, { method: "POST", headers, body: JSON.stringify(body) });
      if (answer.status >= 300) throw new Error(`${path}: ${answer.status} ${await answer.text()}`);
      return answer.json();
    };
    const { accessToken } = await post(`/v1/companies/${companyId}/access-tokens`, {}, API_KEY);
    const { sessionToken } = await post("/v1/link/exchange", { accessToken });
    await post("/v1/session/consent", { accept: true }, sessionToken);
    const { connection } = await post("/v1/session/connections", { integration: "sandbox-bank" }, sessionToken);
    await post(
      `/v1/session/connections/${connection.id}/credentials`,
      { values: { username: "user_good", password: "pass_good" } },
      sessionToken,
    );
    await post("/v1/session/finish", { disclosedAll: true }, sessionToken);
  };
  // Each company walks its flows one after another (one open flow per company), the companies side by side.
  await Promise.all(
    companies.map(async (id, i) => {
      for (let n = i; n < FLOWS; n += COMPANIES) await flow(id);
    }),
  );
  await reopened.close();
  const full = pages(file);

  const purgeAfter = async (days) => {
    clock.advance(days * DAY);
    const store = new SqliteStore({ dataDir: dir, clock });
    const counts = await applyRetention(store, DEFAULT_RETENTION);
    await store.close();
    return { counts, ...pages(file) };
  };
  // Past the 30 days kept after the end: flows, sessions and spent grants go, the audit stays (400 days).
  const ended = await purgeAfter(DEFAULT_RETENTION.endedDays + 1);
  // Past the 400 days of audit: what is left is what outlives every flow (companies, connections).
  const audited = await purgeAfter(DEFAULT_RETENTION.auditDays - DEFAULT_RETENTION.endedDays);

  const perFlow = (bytes) => ((bytes - empty.used) / FLOWS).toFixed(0);
  console.log(
    `${FLOWS} full flows over ${COMPANIES} companies on SQLite (page size ${empty.pageSize} B); bytes in use, after a checkpoint:`,
  );
  console.log(`| moment | pages in use | bytes in use | per flow | file size |`);
  console.log(`|---|---:|---:|---:|---:|`);
  const row = (name, p) => console.log(`| ${name} | ${p.usedPages} | ${p.used} | ${perFlow(p.used)} | ${p.fileSize} |`);
  row(`${COMPANIES} companies, no flow yet`, empty);
  row(`${FLOWS} flows done, before retention`, full);
  row(`+${DEFAULT_RETENTION.endedDays + 1} days, purged (${JSON.stringify(ended.counts)})`, ended);
  row(`+${DEFAULT_RETENTION.auditDays + 1} days, purged (${JSON.stringify(audited.counts)})`, audited);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Pages of the database file (its WAL checkpointed into it first), those in use, and the file's size. */
function pages(path) {
  const db = new DatabaseSync(path);
  try {
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    const get = (pragma) => Object.values(db.prepare(`PRAGMA ${pragma}`).get())[0];
    const pageSize = get("page_size");
    const usedPages = get("page_count") - get("freelist_count");
    return { pageSize, usedPages, used: usedPages * pageSize, fileSize: statSync(path).size };
  } finally {
    db.close();
  }
}
