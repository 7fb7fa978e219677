import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { ExchangeResultCheck, FlowViewCheck, ProblemCheck } from "./browser.ts";
import { browserSchemaModule, browserSchemas } from "./browser-schema-source.ts";
import * as generated from "./browser-schemas.generated.ts";
import { FlowView } from "./index.ts";

const flow = {
  id: "fl_0123456789abcdef0123",
  companyId: "co_0123456789abcdef0123",
  companyName: "Acme Pty Ltd",
  step: "connect",
  require2fa: false,
  consent: { status: "accepted", at: "2026-03-01T12:00:00.000Z" },
  dataShared: ["accounts"],
  connections: [
    { id: "cn_0123456789abcdef0123", integration: "sandbox-bank", integrationName: "Sandbox Bank", status: "pending", message: null },
  ],
  connecting: {
    connection: {
      id: "cn_0123456789abcdef0123",
      integration: "sandbox-bank",
      integrationName: "Sandbox Bank",
      status: "pending",
      message: null,
    },
    next: { kind: "credentials", fields: [{ name: "username", label: "Username", type: "text" }] },
  },
  expiresAt: "2026-03-31T12:00:00.000Z",
  recipient: null,
};

describe("browser schemas", () => {
  it("are generated from the current zod schemas (run `pnpm --filter @otl/protocol generate` if this fails)", () => {
    const committed = readFileSync(new URL("./browser-schemas.generated.ts", import.meta.url), "utf8");
    assert.equal(committed, browserSchemaModule());
  });

  it("build, with the compact builders, exactly the JSON Schemas that zod writes (trimmed to what the checker reads)", () => {
    const built: Record<string, unknown> = { ...generated };
    for (const [name, schema] of Object.entries(browserSchemas())) assert.deepEqual(built[name], schema, name);
    // The comparison itself sees a difference, such as a property dropped from `required`.
    const { required: _, ...loose } = browserSchemas().FLOW_VIEW;
    assert.notDeepEqual(generated.FLOW_VIEW, loose);
  });

  it("accept what zod accepts", () => {
    assert.ok(FlowView.safeParse(flow).success);
    assert.ok(FlowViewCheck.safeParse(flow).success);
    assert.ok(ExchangeResultCheck.safeParse({ sessionToken: `otl_st_${"a".repeat(30)}`, expiresAt: flow.expiresAt, flow }).success);
  });

  it("refuse what zod refuses, naming where", () => {
    const cases: [unknown, RegExp][] = [
      [{ ...flow, step: "dancing" }, /\$\.step: not one of/],
      [{ ...flow, connections: [{ ...flow.connections[0], status: 3 }] }, /\$\.connections\[0\]\.status/],
      [{ ...flow, connecting: { ...flow.connecting, next: { kind: "teleport" } } }, /\$\.connecting/],
      [{ ...flow, expiresAt: "yesterday" }, /\$\.expiresAt: has the wrong format/],
      [Object.fromEntries(Object.entries(flow).filter(([key]) => key !== "companyName")), /\$\.companyName: is missing/],
    ];
    for (const [value, message] of cases) {
      assert.ok(!FlowView.safeParse(value).success, "zod refuses it too");
      const checked = FlowViewCheck.safeParse(value);
      assert.ok(!checked.success);
      assert.match(String(checked.error.message), message);
    }
  });

  it("let a newer server add fields", () => {
    assert.ok(FlowViewCheck.safeParse({ ...flow, somethingNew: true }).success);
    assert.ok(
      ProblemCheck.safeParse({ type: "urn:otl:problem:conflict", title: "t", status: 409, code: "conflict", instance: "/x" }).success,
    );
  });
});
