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

const GENERATED = Object.keys(BROWSER_SCHEMA_MODULES).map((file) => new URL(`./${file}`, import.meta.url));
const IMPORT = /^import \{ ([\w, ]+) \} from "\.\/json-check\.ts";$/m;

/**
 * The generated modules' text read with the JSON Schema builders (schema-builders.ts) in place of the
 * checks they import: the one line that names the builders' module changes, nothing else. Their
 * exports together.
 */
async function generatedAsJsonSchema(): Promise<Record<string, unknown>> {
  const builders = new URL("./schema-builders.ts", import.meta.url).href;
  const directory = mkdtempSync(join(tmpdir(), "otl-browser-schemas-"));
  try {
    const exports: Record<string, unknown> = {};
    for (const [index, generated] of GENERATED.entries()) {
      const text = readFileSync(generated, "utf8");
      const used = IMPORT.exec(text)?.[1];
      assert.ok(used, "a generated module imports its builders from json-check.ts on one line");
      const rewritten = text.replace(
        IMPORT,
        `import { JSON_SCHEMA_BUILDERS } from ${JSON.stringify(builders)};\nconst { ${used} } = JSON_SCHEMA_BUILDERS;`,
      );
      const file = join(directory, `browser-schemas-${index}.json-schema.ts`);
      writeFileSync(file, rewritten);
      Object.assign(exports, await import(pathToFileURL(file).href));
    }
    return exports;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

describe("browser schemas", () => {
  it("are generated from the current zod schemas (run `pnpm --filter @otl/protocol generate` if this fails)", () => {
    assert.deepEqual(Object.keys(BROWSER_SCHEMA_MODULES).sort(), ["browser-problem.generated.ts", "browser-schemas.generated.ts"]);
    for (const generated of GENERATED) {
      const file = generated.pathname.split("/").at(-1) as string;
      assert.equal(readFileSync(generated, "utf8"), browserSchemaModule(file), file);
    }
  });

  it("read with the JSON Schema builders, are exactly the JSON Schemas that zod writes (trimmed to what the checks stand for)", async () => {
    const built = await generatedAsJsonSchema();
    const zods = browserSchemas();
    assert.deepEqual(Object.keys(built).sort(), Object.keys(zods).sort());
    for (const [name, schema] of Object.entries(zods)) assert.deepEqual(built[name], schema, name);
    // The comparison itself sees a difference, such as a property dropped from `required`.
    const { required: _, ...loose } = zods.FLOW_VIEW;
    assert.notDeepEqual(built.FLOW_VIEW, loose);
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

  it("agree with zod on every answer, whatever part of it is removed or replaced", () => {
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
    const cases: [string, { safeParse(value: unknown): { success: boolean } }, z.ZodMiniType, unknown][] = [
      ["flow", FlowViewCheck, FlowView, { ...flow, recipient, verification }],
      ["exchange", ExchangeResultCheck, ExchangeResult, { sessionToken: `otl_st_${"a".repeat(30)}`, expiresAt: flow.expiresAt, flow }],
      [
        "inspect",
        InspectResultCheck,
        InspectResult,
        { status: "active", companyName: "Acme", expiresAt: flow.expiresAt, require2fa: true, dataShared: ["accounts"], recipient },
      ],
      ["connecting", ConnectingCheck, Connecting, { ...connecting, next: { kind: "upload", accept: ["application/pdf"], maxBytes: 1000 } }],
      ["redirect", ConnectingCheck, Connecting, { ...connecting, next: { kind: "redirect", url: null } }],
      [
        "integrations",
        IntegrationListCheck,
        listOf(Integration),
        { items: [{ key: "sandbox-bank", name: "Sandbox Bank", category: "banking", kind: "credentials", sandbox: true }] },
      ],
      [
        "problem",
        ProblemCheck,
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
      ["upload", UploadResultCheck, UploadResult, { ...flow, files: [file] }],
    ];
    // Values of every JSON type but the strings, which only the checks that zod's trimmed keywords
    // (lengths, the calendar of a date) stand for would tell apart: a string stands in for a string
    // with a pattern, an enum or a constant, which both refuse.
    const replacements = [REMOVED, null, 7, 1.5, true, "not-it", [], {}, [7]];
    let compared = 0;
    for (const [name, check, schema, valid] of cases) {
      assert.ok(check.safeParse(valid).success && schema.safeParse(valid).success, `${name} is valid to both`);
      for (const path of paths(valid)) {
        for (const replacement of replacements) {
          const value = mutated(valid, path, replacement);
          assert.equal(
            check.safeParse(value).success,
            schema.safeParse(value).success,
            `${name} at ${path.join(".")} = ${String(replacement)}`,
          );
          compared++;
        }
      }
    }
    assert.ok(compared > 500, String(compared));
  });
});
