import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import type * as z from "zod/mini";
import { listOf } from "./admin.ts";
import {
  ConnectingCheck,
  ExchangeResultCheck,
  FlowViewCheck,
  InspectResultCheck,
  IntegrationListCheck,
  ProblemCheck,
  UploadResultCheck,
} from "./browser.ts";
import {
  isConnecting,
  isExchangeResult,
  isFlowView,
  isInspectResult,
  isIntegrationList,
  isUploadResult,
  type JsonVerdict,
} from "./browser-answers.ts";
import { BROWSER_SCHEMA_MODULES, browserSchemaModule, browserSchemas } from "./browser-schema-source.ts";
import { Connecting, ExchangeResult, FlowView, InspectResult, Integration, Problem, UploadResult } from "./index.ts";

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

/** Every value found in `value`, with the path to it (the root's is empty). */
function paths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== "object" || value === null) return [path];
  const children = Object.entries(value).flatMap(([key, child]) => paths(child, [...path, Array.isArray(value) ? Number(key) : key]));
  return [path, ...children];
}

/** `value` with what is at `path` replaced by `replacement`, or removed when that is `REMOVED`. */
function mutated(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  if (replacement === REMOVED) delete parent[last];
  else parent[last] = replacement;
  return copy;
}
const REMOVED = Symbol("removed");

const IMPORT = /^import \{ ([\w, ]+) \} from "\.\/json-(?:check|verdict)\.ts";$/m;

/**
 * A generated module's text read with the JSON Schema builders (schema-builders.ts) in place of the
 * checks or verdicts it imports: the one line that names the builders' module changes, nothing else.
 */
async function generatedAsJsonSchema(file: string): Promise<Record<string, unknown>> {
  const text = readFileSync(new URL(`./${file}`, import.meta.url), "utf8");
  const used = IMPORT.exec(text)?.[1];
  assert.ok(used, `${file} imports its builders from json-check.ts or json-verdict.ts on one line`);
  const builders = new URL("./schema-builders.ts", import.meta.url).href;
  const rewritten = text.replace(
    IMPORT,
    `import { JSON_SCHEMA_BUILDERS } from ${JSON.stringify(builders)};\nconst { ${used} } = JSON_SCHEMA_BUILDERS;`,
  );
  const directory = mkdtempSync(join(tmpdir(), "otl-browser-schemas-"));
  try {
    const copy = join(directory, file.replace(/\.ts$/, ".json-schema.ts"));
    writeFileSync(copy, rewritten);
    return { ...(await import(pathToFileURL(copy).href)) };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

describe("browser schemas", () => {
  it("are generated from the current zod schemas (run `pnpm --filter @otl/protocol generate` if this fails)", () => {
    for (const file of Object.keys(BROWSER_SCHEMA_MODULES))
      assert.equal(readFileSync(new URL(`./${file}`, import.meta.url), "utf8"), browserSchemaModule(file), file);
  });

  it("read with the JSON Schema builders, are exactly the JSON Schemas that zod writes (trimmed to what the checks stand for)", async () => {
    const zods = browserSchemas();
    const declared = new Set<string>();
    for (const [file, { schemas }] of Object.entries(BROWSER_SCHEMA_MODULES)) {
      const built = await generatedAsJsonSchema(file);
      assert.deepEqual(Object.keys(built).sort(), [...schemas].sort(), file);
      for (const name of schemas) {
        assert.deepEqual(built[name], zods[name], `${name} in ${file}`);
        declared.add(name);
      }
      // The comparison itself sees a difference, such as a property dropped from `required`.
      if (schemas.includes("FLOW_VIEW")) {
        const { required: _, ...loose } = zods.FLOW_VIEW;
        assert.notDeepEqual(built.FLOW_VIEW, loose);
      }
    }
    // Every browser schema is checked (and the answers' also judged) by some generated module.
    assert.deepEqual([...declared].sort(), Object.keys(zods).sort());
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

  it("agree with zod, and with the SDK's verdicts, on every answer, whatever part of it is removed or replaced", () => {
    const connecting = flow.connecting;
    const file = {
      id: "fi_0123456789abcdef0123",
      connectionId: "cn_0123456789abcdef0123",
      name: "march.pdf",
      mediaType: "application/pdf",
      size: 2048,
      createdAt: flow.expiresAt,
    };
    const recipient = { name: "Lender", logoUrl: null, privacyUrl: "https://lender.example/privacy", purpose: null, accessDays: 90 };
    const verification = { channel: "email", to: "a***@example.com", resendAt: flow.expiresAt };
    const cases: [string, { safeParse(value: unknown): { success: boolean } }, JsonVerdict | null, z.ZodMiniType, unknown][] = [
      ["flow", FlowViewCheck, isFlowView, FlowView, { ...flow, recipient, verification }],
      [
        "exchange",
        ExchangeResultCheck,
        isExchangeResult,
        ExchangeResult,
        { sessionToken: `otl_st_${"a".repeat(30)}`, expiresAt: flow.expiresAt, flow },
      ],
      [
        "inspect",
        InspectResultCheck,
        isInspectResult,
        InspectResult,
        { status: "active", companyName: "Acme", expiresAt: flow.expiresAt, require2fa: true, dataShared: ["accounts"], recipient },
      ],
      [
        "connecting",
        ConnectingCheck,
        isConnecting,
        Connecting,
        { ...connecting, next: { kind: "upload", accept: ["application/pdf"], maxBytes: 1000 } },
      ],
      ["redirect", ConnectingCheck, isConnecting, Connecting, { ...connecting, next: { kind: "redirect", url: null } }],
      [
        "integrations",
        IntegrationListCheck,
        isIntegrationList,
        listOf(Integration),
        { items: [{ key: "sandbox-bank", name: "Sandbox Bank", category: "banking", kind: "credentials", sandbox: true }] },
      ],
      [
        "problem",
        ProblemCheck,
        // A refusal is read with the check itself: no verdict.
        null,
        Problem,
        {
          type: "urn:otl:problem:validation_failed",
          title: "t",
          status: 422,
          code: "validation_failed",
          detail: "d",
          errors: [{ field: "code", message: "m" }],
        },
      ],
      ["upload", UploadResultCheck, isUploadResult, UploadResult, { ...flow, files: [file] }],
    ];
    // Values of every JSON type but the strings, which only the checks that zod's trimmed keywords
    // (lengths, the calendar of a date) stand for would tell apart: a string stands in for a string
    // with a pattern, an enum or a constant, which both refuse.
    const replacements = [REMOVED, null, 7, 1.5, true, "not-it", [], {}, [7]];
    let compared = 0;
    for (const [name, check, verdict, schema, valid] of cases) {
      assert.ok(check.safeParse(valid).success && (verdict?.(valid) ?? true) && schema.safeParse(valid).success, `${name} is valid to all`);
      for (const path of paths(valid)) {
        for (const replacement of replacements) {
          const value = mutated(valid, path, replacement);
          const zods = schema.safeParse(value).success;
          assert.equal(check.safeParse(value).success, zods, `${name} at ${path.join(".")} = ${String(replacement)}`);
          if (verdict) assert.equal(verdict(value), zods, `the verdict on ${name} at ${path.join(".")} = ${String(replacement)}`);
          compared++;
        }
      }
    }
    assert.ok(compared > 500, String(compared));
  });
});
