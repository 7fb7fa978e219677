// `pnpm test`: lint and types first, then each workspace package's own `test` script, one at a time,
// then the end-to-end journeys (Playwright). Each writes JUnit XML to reports/junit/; the last line printed sums them all:
// `N passed, N failed` (`, N skipped` when any). The exit code is non-zero when anything failed.
import "./require-node.mjs";
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const JUNIT_DIR = join(ROOT, "reports/junit");

// CI runs `pnpm test` with pnpm's own messages silenced, so that this script's summary stays the last line;
// the steps below must not inherit that, or `pnpm -r` would hide their output too.
const env = { ...process.env, npm_config_reporter: undefined };

function run(title, args, cwd = ROOT, extraEnv = {}) {
  console.log(`\n=== ${title}`);
  const result = spawnSync("pnpm", args, { cwd, env: { ...env, ...extraEnv }, stdio: "inherit" });
  if (result.error) console.error(`could not run pnpm ${args.join(" ")}: ${result.error.message}`);
  return result.status ?? 1;
}

function summary(passed, failed, skipped) {
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  process.exit(failed > 0 ? 1 : 0);
}

/** Counts the test cases of a JUnit file: a case with <failure> or <error> failed, one with <skipped> was skipped. */
function countCases(xml) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  // Attribute values are quoted and escaped, and no body (escaped text or CDATA) holds "</testcase>": each case is found whole.
  for (const [, , body = ""] of xml.matchAll(/<testcase\b((?:\s+[\w:.-]+="[^"]*")*)\s*(?:\/>|>([\s\S]*?)<\/testcase>)/g)) {
    if (/<(failure|error)\b/.test(body)) counts.failed++;
    else if (/<skipped\b/.test(body)) counts.skipped++;
    else counts.passed++;
  }
  return counts;
}

rmSync(JUNIT_DIR, { recursive: true, force: true });
mkdirSync(JUNIT_DIR, { recursive: true });

// A failing check stops the run; it counts as one failure, so the last line still tells the truth.
for (const [title, args] of [
  ["biome check", ["exec", "biome", "check", "--error-on-warnings", "."]],
  ["typecheck", ["-r", "typecheck"]],
  ["typecheck e2e", ["exec", "tsc", "-p", "e2e/tsconfig.json", "--noEmit"]],
]) {
  if (run(title, args) !== 0) {
    console.log(`\n${title} failed: no tests were run.`);
    summary(0, 1, 0);
  }
}

const listing = spawnSync("pnpm", ["ls", "-r", "--depth", "-1", "--json"], { cwd: ROOT, env, encoding: "utf8" });
if (listing.status !== 0) {
  console.error(`pnpm ls failed:\n${listing.stderr}`);
  summary(0, 1, 0);
}
const packages = JSON.parse(listing.stdout).filter((pkg) => pkg.path !== ROOT.replace(/\/$/, ""));

const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

/** Runs one suite and adds the cases of the JUnit files it wrote to the totals; a non-zero exit counts as a failure. */
function suite(name, args, cwd, extraEnv) {
  const before = new Set(readdirSync(JUNIT_DIR));
  const status = run(`${name} tests`, args, cwd, extraEnv);
  const written = readdirSync(JUNIT_DIR).filter((file) => file.endsWith(".xml") && !before.has(file));
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const file of written) {
    const found = countCases(readFileSync(join(JUNIT_DIR, file), "utf8"));
    for (const key of Object.keys(counts)) counts[key] += found[key];
  }
  if (written.length === 0) console.log(`${name}: its tests wrote no JUnit XML to reports/junit/, so they are not counted`);
  if (status !== 0) {
    problems.push(`${name}: tests exited with ${status}`);
    // A crash outside any test (or before the XML was written) must still show as a failure.
    if (counts.failed === 0) counts.failed = 1;
  }
  for (const key of Object.keys(totals)) totals[key] += counts[key];
}

for (const pkg of packages) {
  const manifest = JSON.parse(readFileSync(join(pkg.path, "package.json"), "utf8"));
  if (!manifest.scripts?.test) {
    console.log(`\n=== ${pkg.name}: no test script, skipped`);
    continue;
  }
  suite(pkg.name, ["run", "test"], pkg.path);
}

// Every README's code blocks (scripts/readme-snippets.test.mjs): fences, shell syntax, TypeScript types.
suite(
  "README snippets",
  [
    "exec",
    "node",
    "--test",
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    "--test-reporter=junit",
    `--test-reporter-destination=${join(JUNIT_DIR, "readme-snippets.xml")}`,
    "scripts/readme-snippets.test.mjs",
  ],
  ROOT,
);

// The end-to-end journeys (playwright.config.ts). Their first webServer command builds what the
// hosted pages serve (`pnpm --filter "@otl/server..." build`); then the servers start on e2e-only ports.
suite("end-to-end journeys", ["exec", "playwright", "test", "--reporter=list,junit"], ROOT, {
  PLAYWRIGHT_JUNIT_OUTPUT_FILE: join(JUNIT_DIR, "e2e.xml"),
});

console.log("");
for (const problem of problems) console.log(problem);
summary(totals.passed, totals.failed, totals.skipped);
