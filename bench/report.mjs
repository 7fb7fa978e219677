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
 * One table, a row per rung: `columns` are `[header, (summary) => cell]`; a skipped rung says so, and an
 * unsound one is marked. The database column is shown only when its CPU could be read.
 */
function printRungTable(title, rungs, columns, databaseColumn) {
  console.log(`\n${title}`);
  const shown = databaseColumn ? [...columns, databaseColumn] : columns;
  const rows = rungs.map((rung) => {
    if (!rung.summary) return [rung.name, "skipped", ...shown.slice(1).map(() => "")];
    return [`${rung.name}${rung.sound ? "" : " (UNSOUND)"}`, ...shown.map(([, cell]) => cell(rung.summary))];
  });
  printTable(["rung", ...shown.map(([header]) => header)], rows);
}

/** The median CPU per unit of the named rung, the base of a ratio column. */
const baseOf = (rungs, name, figure) => rungs.find((rung) => rung.name === name)?.summary?.[figure].median;

/**
 * The table of one request workload (issue or exchange): server CPU µs per request first, then req/s,
 * latency, and the CPU ratio against the hello and bare rungs of the same run.
 */
export function printRequestTable(title, rungs, showDatabase) {
  const hello = baseOf(rungs, "node:http hello", "cpuPerRequest");
  const bare = baseOf(rungs, "bare reference", "cpuPerRequest");
  const columns = [
    ["server CPU µs/req", (s) => ranged(s.cpuPerRequest)],
    ["req/s", (s) => ranged(s.rate)],
    ["p50 ms", (s) => number(s.p50.median, 1)],
    ["p99 ms", (s) => number(s.p99.median, 1)],
    ["× hello", (s) => ratio(s.cpuPerRequest.median, hello)],
    ["× bare", (s) => ratio(s.cpuPerRequest.median, bare)],
  ];
  printRungTable(title, rungs, columns, showDatabase && ["db CPU µs/req", (s) => ranged(s.databaseCpuPerRequest)]);
}

/** The full-flow table: server CPU µs per flow first, then flows/s, the p99 of a whole flow, and the ratio against OTL memory. */
export function printFlowTable(title, rungs, showDatabase) {
  const memory = baseOf(rungs, "OTL memory", "cpuPerFlow");
  const columns = [
    ["server CPU µs/flow", (s) => ranged(s.cpuPerFlow)],
    ["flows/s", (s) => ranged(s.flowRate)],
    ["flow p50 ms", (s) => number(s.flowP50.median, 1)],
    ["flow p99 ms", (s) => ranged(s.flowP99, 1)],
    ["req p99 ms", (s) => number(s.p99.median, 1)],
    ["× memory", (s) => ratio(s.cpuPerFlow.median, memory)],
  ];
  printRungTable(title, rungs, columns, showDatabase && ["db CPU µs/flow", (s) => ranged(s.databaseCpuPerFlow)]);
}

/** One line per table when a baseline ran: each rung's median CPU divided by that of its `… @ baseline` twin. */
export function printAgainstBaseline(label, rungs, figure) {
  const pairs = rungs.flatMap((rung) => {
    const twin = rungs.find((candidate) => candidate.name === `${rung.name} @ baseline`);
    if (!twin?.summary || !rung.summary) return [];
    return [`${rung.name} ${ratio(rung.summary[figure].median, twin.summary[figure].median)}`];
  });
  if (pairs.length > 0) console.log(`${label} against the baseline (this checkout ÷ baseline): ${pairs.join(", ")}`);
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
