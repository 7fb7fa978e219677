// Preloaded into a server by `bench/statements.mjs` (`node --import`): times every node:sqlite
// statement call (run/get/all/iterate) by its SQL text, and on SIGUSR2 writes each one's calls' wall
// times (µs) as JSON to the file in OTL_STATEMENT_TIMES. statements.mjs reports their median, which a
// call preempted by other work on a busy machine does not move (the mean does; thread CPU time, read
// through getrusage, moves only on a scheduler tick, too coarse for a call of a few µs).
import { writeFileSync } from "node:fs";
import { StatementSync } from "node:sqlite";

const times = new Map();
for (const method of ["run", "get", "all", "iterate"]) {
  const original = StatementSync.prototype[method];
  StatementSync.prototype[method] = function timed(...args) {
    const start = process.hrtime.bigint();
    try {
      return original.apply(this, args);
    } finally {
      const us = Number(process.hrtime.bigint() - start) / 1000;
      const sql = this.sourceSQL.replace(/\s+/g, " ").trim();
      const calls = times.get(sql);
      if (calls) calls.push(us);
      else times.set(sql, [us]);
    }
  };
}
process.on("SIGUSR2", () => {
  writeFileSync(process.env.OTL_STATEMENT_TIMES, JSON.stringify(Object.fromEntries(times)));
  times.clear();
});
