import * as z from "zod/mini";
import { listOf } from "./admin.ts";
import { Problem } from "./errors.ts";
import { UploadResult } from "./files.ts";
import type { JsonSchema } from "./json-check.ts";
import { Connecting, ExchangeResult, FlowView, InspectResult, Integration } from "./public.ts";

// Node-only: the source of src/browser-schemas.generated.ts. Not exported to browsers.
const BROWSER_SCHEMAS = {
  FLOW_VIEW: FlowView,
  EXCHANGE_RESULT: ExchangeResult,
  INSPECT_RESULT: InspectResult,
  CONNECTING: Connecting,
  INTEGRATION_LIST: listOf(Integration),
  PROBLEM: Problem,
  UPLOAD_RESULT: UploadResult,
};

// The keywords `checkJson` reads; the rest (`additionalProperties`, `format`, the safe-integer
// bounds…) would only weigh on the element's bundle.
const CHECKED = new Set(["type", "enum", "const", "pattern", "properties", "required", "items", "anyOf", "oneOf"]);
// zod's date-time pattern checks the calendar (leap days and all) in 330 characters, six times over.
// The browser only needs to know that a server sent a UTC timestamp; the server's own zod check is exact.
const DATE_TIME = "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z$";
// A part repeated at least this long (as JSON) is written once, as a constant the schemas share.
const SHARED_MIN_CHARS = 80;

/** A JSON Schema trimmed to what the browser's checker reads. */
function trim(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(trim);
  if (typeof schema !== "object" || schema === null) return schema;
  const source = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (!CHECKED.has(key)) continue;
    if (key === "properties") out[key] = Object.fromEntries(Object.entries(value as object).map(([name, part]) => [name, trim(part)]));
    else if (key === "pattern" && source.format === "date-time") out[key] = DATE_TIME;
    else out[key] = trim(value);
  }
  return out;
}

/** Every schema inside a schema (itself included): under `properties`, `items`, `anyOf` and `oneOf`. */
function parts(schema: JsonSchema, found: string[] = []): string[] {
  for (const part of [
    ...Object.values(schema.properties ?? {}),
    ...(schema.items ? [schema.items] : []),
    ...(schema.anyOf ?? []),
    ...(schema.oneOf ?? []),
  ]) {
    parts(part, found);
  }
  found.push(JSON.stringify(schema));
  return found;
}

/** The JSON Schema of each browser schema, trimmed to what `checkJson` reads: what the generated module builds. */
export function browserSchemas(): Record<keyof typeof BROWSER_SCHEMAS, JsonSchema> {
  const entries = Object.entries(BROWSER_SCHEMAS).map(([name, schema]) => {
    const { $schema: _, ...json } = z.toJSONSchema(schema, { io: "output" }) as Record<string, unknown>;
    return [name, trim(json) as JsonSchema];
  });
  return Object.fromEntries(entries) as Record<keyof typeof BROWSER_SCHEMAS, JsonSchema>;
}

const json = (value: unknown) => JSON.stringify(value);
const CONSTANTS: Readonly<Record<string, string>> = { string: "STRING", integer: "INTEGER", boolean: "BOOLEAN", null: "NULL" };

/**
 * The source text that builds `schema` with src/schema-builders.ts, naming a shared part (other than
 * `self`, the part being declared) by its constant; a shape no builder fits is written as JSON.
 */
function expression(schema: JsonSchema, names: ReadonlyMap<string, string>, self?: string): string {
  const text = json(schema);
  const name = names.get(text);
  if (name !== undefined && text !== self) return name;
  const inner = (part: JsonSchema) => expression(part, names);
  const { type, properties, required = [], items, anyOf, oneOf } = schema;
  const keys = Object.keys(schema).sort().join();
  if (keys === "type") return typeof type === "string" && CONSTANTS[type] ? (CONSTANTS[type] as string) : `typed(${json(type)})`;
  if (type === "string" && keys === "pattern,type") return `matching(${json(schema.pattern)})`;
  if (type === "string" && keys === "enum,type") return `oneOfStrings(${json(schema.enum)})`;
  if (type === "string" && keys === "const,type") return `exactly(${json(schema.const)})`;
  if (type === "array" && keys === "items,type" && items) return `arrayOf(${inner(items)})`;
  if (keys === "anyOf" && anyOf?.length === 2 && json(anyOf[1]) === json({ type: "null" }))
    return `orNull(${inner(anyOf[0] as JsonSchema)})`;
  if (keys === "oneOf" && oneOf) return `oneOf(${oneOf.map(inner).join(", ")})`;
  if (type === "object" && properties && (keys === "properties,type" || keys === "properties,required,type")) {
    const optional = Object.keys(properties).filter((key) => !required.includes(key));
    // `object` lists the required ones in the order of `properties`; any other order is written as is.
    if (json(Object.keys(properties).filter((key) => required.includes(key))) === json(required) && keys.includes("required")) {
      // An object that starts with all of a shared object's properties (the upload result is a flow
      // plus its files) spreads that one's properties rather than writing them again.
      const base = [...names].find(([part]) => part !== text && startsWith(properties, JSON.parse(part) as JsonSchema));
      const own = base ? Object.entries(properties).slice(Object.keys((JSON.parse(base[0]) as JsonSchema).properties ?? {}).length) : [];
      const fields = base
        ? [`...${base[1]}.properties`, ...own.map(([key, part]) => `${json(key)}: ${inner(part)}`)]
        : Object.entries(properties).map(([key, part]) => `${json(key)}: ${inner(part)}`);
      return `object({ ${fields.join(", ")} }${optional.length > 0 ? `, ${json(optional)}` : ""})`;
    }
  }
  // A shape no builder fits: JSON, with its parts built as above.
  const fields = Object.entries(schema).map(([key, value]) => {
    if (key === "properties") {
      const parts = Object.entries(value as Record<string, JsonSchema>).map(([name, part]) => `${json(name)}: ${inner(part)}`);
      return `${json(key)}: { ${parts.join(", ")} }`;
    }
    if (key === "items") return `${json(key)}: ${inner(value as JsonSchema)}`;
    if (key === "anyOf" || key === "oneOf") return `${json(key)}: [${(value as JsonSchema[]).map(inner).join(", ")}]`;
    return `${json(key)}: ${json(value)}`;
  });
  return `{ ${fields.join(", ")} }`;
}

/** Whether `properties` begins with every property of the object schema `base`, in order, and has more. */
function startsWith(properties: Readonly<Record<string, JsonSchema>>, base: JsonSchema): boolean {
  if (base.type !== "object" || !base.properties) return false;
  const mine = Object.entries(properties);
  const theirs = Object.entries(base.properties);
  return mine.length > theirs.length && theirs.every(([key, part], index) => json(mine[index]) === json([key, part]));
}

/** The text of the generated module. */
export function browserSchemaModule(): string {
  const schemas = Object.entries(browserSchemas());
  // Parts that occur more than once (the flow inside the exchange result, a connection inside the
  // flow…), largest first, so a shared part's own text can use the smaller shared parts.
  const counts = new Map<string, number>();
  for (const [, schema] of schemas) for (const part of parts(schema)) counts.set(part, (counts.get(part) ?? 0) + 1);
  const shared = [...counts]
    .filter(([part, count]) => count > 1 && part.length >= SHARED_MIN_CHARS)
    .map(([part]) => part)
    .sort((a, b) => b.length - a.length);
  const names = new Map(shared.map((part, index) => [part, `S${index}`]));
  const body: string[] = [];
  // Smallest first, so each constant is declared before a larger one uses it.
  for (const part of [...shared].reverse())
    body.push(`const ${names.get(part)}: JsonSchema = ${expression(JSON.parse(part), names, part)};`);
  if (shared.length > 0) body.push("");
  for (const [name, schema] of schemas) body.push(`export const ${name}: JsonSchema = ${expression(schema, names)};`, "");
  // Import only the builders the text uses, so the module type-checks without unused imports.
  const builders = [
    "BOOLEAN",
    "INTEGER",
    "NULL",
    "STRING",
    "arrayOf",
    "exactly",
    "matching",
    "object",
    "oneOf",
    "oneOfStrings",
    "orNull",
    "typed",
  ];
  const used = builders.filter((builder) => new RegExp(`\\b${builder}\\b`).test(body.join("\n")));
  return [
    "// Generated by scripts/generate-browser-schemas.ts from the protocol's zod schemas. Do not edit.",
    'import type { JsonSchema } from "./json-check.ts";',
    `import { ${used.join(", ")} } from "./schema-builders.ts";`,
    "",
    ...body,
  ].join("\n");
}
