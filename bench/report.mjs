// How the bench's figures are summarised and shown: every figure is the median of the interleaved
// rounds with its min–max beside it, and ratios compare medians measured in the same run.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const RESULTS_DIR = fileURLToPath(new URL("results/", import.meta.url));

/** Median, min and max of the finite values (NaN when there are none). */
export function spread(values) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted.at(-1) };
}

/** Summarises each named figure of a rung's runs as {median, min, max}. */
export function summarise(runs, figures) {
  return Object.fromEntries(figures.map((figure) => [figure, spread(runs.map((run) => run[figure]))]));
}

const number = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : "–");
/** "median (min–max)", with `digits` decimals. */
const ranged = ({ median, min, max }, digits = 0) =>
  Number.isFinite(median) ? `${number(median, digits)} (${number(min, digits)}–${number(max, digits)})` : "–";
const ratio = (value, base) => (Number.isFinite(value) && Number.isFinite(base) && base > 0 ? `${(value / base).toFixed(2)}×` : "–");

/** Prints a table: the first column left-aligned, the others right-aligned, widths from the content. */
export function printTable(header, rows) {
  const widths = header.map((cell, i) => Math.max(String(cell).length, ...rows.map((row) => String(row[i]).length)));
  const line = (cells) => cells.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join("  ");
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

/**
 * The table of one request workload (issue or exchange): server CPU µs per request first, then req/s,
 * latency, and the CPU ratio against the hello and bare rungs of the same run.
 */
export function printRequestTable(title, rungs, showDatabase) {
  console.log(`\n${title}`);
  const base = (name) => rungs.find((rung) => rung.name === name)?.summary?.cpuPerRequest.median;
  const hello = base("node:http hello");
  const bare = base("bare reference");
  const header = ["rung", "server CPU µs/req", "req/s", "p50 ms", "p99 ms", "× hello", "× bare"];
  if (showDatabase) header.push("db CPU µs/req");
  const rows = rungs.map((rung) => {
    if (!rung.summary) return [rung.name, "skipped", ...header.slice(2).map(() => "")];
    const s = rung.summary;
    const row = [
      `${rung.name}${rung.sound ? "" : " (UNSOUND)"}`,
      ranged(s.cpuPerRequest),
      ranged(s.rate),
      number(s.p50.median, 1),
      number(s.p99.median, 1),
      ratio(s.cpuPerRequest.median, hello),
      ratio(s.cpuPerRequest.median, bare),
    ];
    if (showDatabase) row.push(ranged(s.databaseCpuPerRequest));
    return row;
  });
  printTable(header, rows);
}

/** The full-flow table: server CPU µs per flow first, then flows/s, the p99 of a whole flow, and the ratio against OTL memory. */
export function printFlowTable(title, rungs, showDatabase) {
  console.log(`\n${title}`);
  const memory = rungs.find((rung) => rung.name === "OTL memory")?.summary?.cpuPerFlow.median;
  const header = ["rung", "server CPU µs/flow", "flows/s", "flow p50 ms", "flow p99 ms", "req p99 ms", "× memory"];
  if (showDatabase) header.push("db CPU µs/flow");
  const rows = rungs.map((rung) => {
    if (!rung.summary) return [rung.name, "skipped", ...header.slice(2).map(() => "")];
    const s = rung.summary;
    const row = [
      `${rung.name}${rung.sound ? "" : " (UNSOUND)"}`,
      ranged(s.cpuPerFlow),
      ranged(s.flowRate),
      number(s.flowP50.median, 1),
      ranged(s.flowP99, 1),
      number(s.p99.median, 1),
      ratio(s.cpuPerFlow.median, memory),
    ];
    if (showDatabase) row.push(ranged(s.databaseCpuPerFlow));
    return row;
  });
  printTable(header, rows);
}

/** Writes the results as JSON to bench/results/<time>.json and bench/results/latest.json; returns the first path. */
export function writeResults(results) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const text = `${JSON.stringify(results, null, 2)}\n`;
  const path = join(RESULTS_DIR, `${results.startedAt.replaceAll(":", "-")}.json`);
  writeFileSync(path, text);
  writeFileSync(join(RESULTS_DIR, "latest.json"), text);
  return path;
}
