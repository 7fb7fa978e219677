import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { describe, it } from "node:test";
import { promisify } from "node:util";
import { SERVER_PACKAGE_DIR } from "./test/cli-process.ts";

const run = promisify(execFile);

// Expiry is compared in UTC by the database whatever the server's local zone. These zones sit far
// from UTC on either side of a day boundary: India (+05:30, a half hour) and Kiritimati (+14:00).
const ZONES = [
  { tz: "Asia/Kolkata", offsetMinutes: -330 },
  { tz: "Pacific/Kiritimati", offsetMinutes: -840 },
];

/** Runs a node child in the server package under time zone `tz`, outside this test run. */
function node(tz: string, args: string[]) {
  return run(process.execPath, args, {
    cwd: SERVER_PACKAGE_DIR,
    // NODE_TEST_CONTEXT would make the child report to this runner instead of running on its own.
    env: { ...process.env, TZ: tz, NODE_TEST_CONTEXT: undefined },
    timeout: 60_000,
  });
}

describe("expiry under other time zones", () => {
  for (const { tz, offsetMinutes } of ZONES) {
    it(`passes every expiry test with TZ=${tz}`, async () => {
      // The child really runs in that zone.
      const probe = await node(tz, ["-e", "process.stdout.write(String(new Date('2026-03-01T12:00:00Z').getTimezoneOffset()))"]);
      assert.equal(probe.stdout, String(offsetMinutes));

      const child = await node(tz, ["--conditions=otl-source", "--test", "--test-reporter=tap", "src/expiry.test.ts"]).catch(
        (error: { code?: number; stdout?: string; stderr?: string }) => error,
      );
      const output = `${child.stdout ?? ""}${child.stderr ?? ""}`;
      assert.equal("code" in child ? child.code : 0, 0, `expiry.test.ts failed under TZ=${tz}:\n${output}`);
      const passed = Number(/^# pass (\d+)$/m.exec(output)?.[1] ?? 0);
      assert.ok(passed > 0, `expected the expiry tests to run under TZ=${tz}:\n${output}`);
      assert.match(output, /^# fail 0$/m);
    });
  }
});
