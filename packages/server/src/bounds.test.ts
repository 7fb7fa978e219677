import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Problem } from "@otl/protocol";
import { bounded, MAX_ECHOED_CHARS } from "./bounds.ts";
import { TestServer } from "./test/harness.ts";

describe("bounded", () => {
  it("leaves a plain short value as it is", () => {
    assert.equal(bounded("/v1/link/exchange"), "/v1/link/exchange");
    assert.equal(bounded("Zoë Café — 東京"), "Zoë Café — 東京");
  });

  it("writes line breaks, ESC, BEL, DEL, C1 controls and bidi overrides as visible escapes", () => {
    assert.equal(bounded("a\nb\r\u001b[31mc\u0007\u007f\u0085"), "a\\u000ab\\u000d\\u001b[31mc\\u0007\\u007f\\u0085");
    assert.equal(bounded("\u202eevil\u2066"), "\\u202eevil\\u2066");
  });

  it("cuts a long value and says how much was left out", () => {
    const long = "x".repeat(MAX_ECHOED_CHARS + 55);
    assert.equal(bounded(long), `${"x".repeat(MAX_ECHOED_CHARS)}…[+55 chars]`);
    assert.equal(bounded("abcdef", 3), "abc…[+3 chars]");
  });

  it("cuts before escaping, so escapes cannot push a value past the bound many times over", () => {
    const newlines = "\n".repeat(10_000);
    assert.ok(bounded(newlines).length <= MAX_ECHOED_CHARS * 6 + 20);
  });
});

describe("request-derived strings in problems", () => {
  it("an unknown field with a huge, multi-line name is named bounded and escaped, in `errors` and in `detail`", async () => {
    const server = new TestServer();
    try {
      const name = `evil\n${"k".repeat(5_000)}`;
      const answer = await server.request<Problem>("POST", "/v1/link/inspect", { body: { code: "x", companyId: "co_x", [name]: 1 } });
      assert.equal(answer.status, 400);
      const unknown = answer.body.errors?.find((error) => error.field.startsWith("evil"));
      assert.ok(unknown, JSON.stringify(answer.body).slice(0, 300));
      assert.ok(unknown.field.length <= MAX_ECHOED_CHARS + 20);
      assert.match(unknown.field, /^evil\\u000ak+…\[\+\d+ chars\]$/);
      assert.ok((answer.body.detail ?? "").length < 1_000, `detail of ${answer.body.detail?.length} characters`);
    } finally {
      await server.close();
    }
  });

  it("a 404 for an unknown route echoes the path bounded", async () => {
    const server = new TestServer();
    try {
      const answer = await server.request<Problem>("GET", `/nowhere/${"p".repeat(3_000)}%0Aforged`);
      assert.equal(answer.status, 404);
      assert.ok((answer.body.detail ?? "").length < MAX_ECHOED_CHARS + 50);
      assert.doesNotMatch(answer.body.detail ?? "", /\n/);
    } finally {
      await server.close();
    }
  });
});
