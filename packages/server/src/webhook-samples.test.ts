import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { WEBHOOK_EVENTS, WebhookMessage } from "@otl/protocol";

// The README's sample payloads are documentation a host copies: they must match the schemas the
// server sends by, and cover every event, or this fails.
describe("README webhook samples", () => {
  it("has one valid sample of every event", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const block = /<!-- webhook-samples:start -->\n```json\n([\s\S]*?)\n```\n<!-- webhook-samples:end -->/.exec(readme)?.[1];
    assert.ok(block, "the README has the samples block");
    const samples = block.split("\n").map((line) => JSON.parse(line) as { type: string });
    for (const sample of samples) {
      const parsed = WebhookMessage.safeParse(sample);
      assert.ok(parsed.success, `${JSON.stringify(sample)}: ${parsed.error?.message}`);
    }
    assert.deepEqual(
      samples.map((sample) => sample.type),
      WEBHOOK_EVENTS,
    );
  });
});
