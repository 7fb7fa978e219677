import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Company, IssuedLink } from "@otl/protocol";
import { call, runCliToExit, startCli } from "./test/cli-process.ts";

// `otl-server purge` on a real data directory. What retention deletes, and what it leaves, is the
// conformance suite's "retention" case, on both stores with a manual clock; here, the sub-command.

const KEY = "otl_sk_retention-cli-key-0123456789";
const ENV = {
  OTL_LOG: "error",
  OTL_HASH_KEYS: "k1:cmV0ZW50aW9uLWNsaS10ZXN0LWhhc2gta2V5LTAxMjM0",
  OTL_PORT: undefined,
  OTL_DATA_DIR: undefined,
  OTL_RETENTION_DAYS: undefined,
  OTL_AUDIT_RETENTION_DAYS: undefined,
};

let workDir: string;
before(() => {
  workDir = mkdtempSync(join(tmpdir(), "otl-retention-"));
});
after(() => rmSync(workDir, { recursive: true, force: true }));

describe("otl-server purge", { timeout: 120_000 }, () => {
  it("applies retention and exits 0, saying what it purged; what is still in its window stays", async () => {
    const dataDir = join(workDir, "data");
    const server = await startCli(["--port", "0", "--data-dir", dataDir, "--api-key", KEY], ENV, { timeoutMs: 30_000 });
    const company = await call<Company>(server.url, "POST", "/v1/companies", { token: KEY, body: { name: "Acme" } });
    const link = await call<IssuedLink>(server.url, "POST", `/v1/companies/${company.body.id}/links`, {
      token: KEY,
      body: { type: "company" },
    });
    assert.equal(link.status, 201);
    assert.equal(await server.stop(), 0);

    const purge = runCliToExit(["purge", "--data-dir", dataDir, "--retention-days", "1"], ENV);
    assert.equal(purge.code, 0, purge.stderr);
    assert.match(
      purge.stdout,
      /^otl-server: purged 0 sessions, 0 flows, 0 grants, 0 audit records, 0 queued messages, 0 2FA codes, 0 rate-limit counters\n$/,
    );

    const again = await startCli(["--port", "0", "--data-dir", dataDir, "--api-key", KEY], ENV, { timeoutMs: 30_000 });
    const exchange = await call(again.url, "POST", "/v1/link/exchange", { body: { code: link.body.code, companyId: link.body.companyId } });
    assert.equal(exchange.status, 201, JSON.stringify(exchange.body));
    assert.equal(await again.stop(), 0);
  });

  it("refuses a window that is not a whole number of days: exit 2, naming the flag", () => {
    const result = runCliToExit(["purge", "--data-dir", join(workDir, "none"), "--audit-retention-days", "0"], ENV);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--audit-retention-days must be a whole number from 1 to 36500, not "0"/);
  });
});
