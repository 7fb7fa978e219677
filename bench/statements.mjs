// `node bench/statements.mjs [--seconds S] [--memory] [--cli PATH]`: what each SQL statement of a full
// flow costs. Starts the built server (or another checkout's dist/cli.js) with statement-timer.mjs
// preloaded, warms it with the full-flow workload, then runs it for S seconds and prints, per SQL text,
// the calls per flow and the median µs per call (wall time around each node:sqlite call: see statement-timer.mjs).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { PINNING, pin } from "./cpu.mjs";
import { startOtl, temporaryDataDir } from "./servers.mjs";
import { CONNECTIONS, createCompanies, fullFlows, STEPS_PER_FLOW } from "./workloads.mjs";

const { values: flags } = parseArgs({
  options: {
    seconds: { type: "string", default: "5" },
    memory: { type: "boolean", default: false },
    cli: { type: "string" },
  },
});
pin(process.pid, PINNING.load);
const dataDir = temporaryDataDir();
const out = join(mkdtempSync(join(tmpdir(), "otl-statements-")), "times.json");
const timer = fileURLToPath(new URL("statement-timer.mjs", import.meta.url));
const server = await startOtl("otl-statements", ["--data-dir", flags.memory ? "memory://" : dataDir], {
  nodeArgs: ["--import", timer],
  env: { OTL_STATEMENT_TIMES: out },
  ...(flags.cli ? { cli: flags.cli } : {}),
});
const pid = server.pids[0];
try {
  const companies = await createCompanies(server.urls[0], CONNECTIONS * 4, "statements");
  await fullFlows(server.urls, 2, companies);
  await setTimeout(250);
  process.kill(pid, "SIGUSR2"); // drop the warm-up's figures
  await setTimeout(250);
  const run = await fullFlows(server.urls, Number(flags.seconds), companies);
  await setTimeout(250);
  process.kill(pid, "SIGUSR2");
  await setTimeout(500);
  const flows = run.answers / STEPS_PER_FLOW;
  const rows = Object.entries(JSON.parse(readFileSync(out, "utf8")))
    .map(([sql, calls]) => {
      const sorted = calls.sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)];
      return { sql, perFlow: calls.length / flows, usEach: median, usPerFlow: (median * calls.length) / flows };
    })
    .sort((a, b) => b.usPerFlow - a.usPerFlow);
  const total = rows.reduce((sum, row) => sum + row.usPerFlow, 0);
  const count = rows.reduce((sum, row) => sum + row.perFlow, 0);
  console.log(
    `${Math.round(flows)} flows; ${count.toFixed(1)} statements and ${total.toFixed(0)} µs in statements per flow (medians × calls)\n`,
  );
  console.log("µs/flow  × flow  µs each (median)  SQL");
  for (const row of rows) {
    if (row.perFlow < 0.01) continue;
    console.log(
      `${row.usPerFlow.toFixed(1).padStart(7)}  ${row.perFlow.toFixed(2).padStart(6)}  ${row.usEach.toFixed(1).padStart(7)}  ${row.sql.slice(0, 150)}`,
    );
  }
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
