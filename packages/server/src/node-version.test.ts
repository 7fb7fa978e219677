// A newcomer on an old Node gets one line naming the version needed, never a stack trace.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { nodeTooOld } from "./node-version.ts";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/** Runs a script under this Node, but with `process.versions.node` reading `version`, as an old Node would. */
function runAs(version: string, args: string[], cwd: string) {
  const pretend = `data:text/javascript,Object.defineProperty(process.versions,"node",{value:${JSON.stringify(version)}})`;
  return spawnSync(process.execPath, [`--import=${pretend}`, "--conditions=otl-source", ...args], {
    cwd,
    encoding: "utf8",
    timeout: 20_000,
  });
}

function assertOneLineRefusal(result: ReturnType<typeof runAs>, version: string): void {
  assert.equal(result.status, 1, result.stderr);
  const lines = result.stderr.trim().split("\n");
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0] as string, /needs Node 22\.13 or newer/);
  assert.ok(lines[0]?.includes(`this is Node ${version}`));
  assert.doesNotMatch(result.stderr, /\n\s+at |Error/);
}

describe("the Node version check", () => {
  it("accepts 22.13 and newer, refuses anything older", () => {
    for (const version of ["22.13.0", "22.14.1", "23.0.0", "24.21.0", "30.1.2"]) assert.equal(nodeTooOld(version, "x"), null, version);
    for (const version of ["22.12.0", "22.0.0", "20.11.0", "18.19.1", "16.0.0"]) assert.ok(nodeTooOld(version, "x"), version);
  });

  it("otl-server on an old Node says which version it needs, in one line, and exits 1", () => {
    assertOneLineRefusal(runAs("20.11.0", ["src/bin.ts", "--help"], fileURLToPath(new URL("..", import.meta.url))), "20.11.0");
  });

  it("otl-server on a new enough Node runs the CLI", () => {
    const result = runAs("22.13.0", ["src/bin.ts", "--help"], fileURLToPath(new URL("..", import.meta.url)));
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /Usage: otl-server/);
  });

  it("pnpm start and pnpm test on an old Node say the same, in one line, before anything else runs", () => {
    assertOneLineRefusal(runAs("18.19.1", ["scripts/require-node.mjs"], ROOT), "18.19.1");
    assert.equal(runAs("22.13.0", ["scripts/require-node.mjs"], ROOT).status, 0);
    // Both scripts import the check first (imports run in source order), and the package scripts run it
    // before their first build step. Running the scripts themselves here would start the whole demo or suite.
    for (const script of ["scripts/start.mjs", "scripts/test.mjs"]) {
      const firstImport = readFileSync(`${ROOT}${script}`, "utf8").match(/^import .*$/m)?.[0];
      assert.equal(firstImport, 'import "./require-node.mjs";', script);
    }
    const { scripts } = JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")) as { scripts: Record<string, string> };
    for (const name of ["start", "test"]) assert.match(scripts[name] ?? "", /^node scripts\/require-node\.mjs && /, name);
  });
});
