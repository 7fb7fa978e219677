import * as z from "zod/mini";
import { listOf } from "./admin.ts";
import { Problem } from "./errors.ts";
import { UploadResult } from "./files.ts";
import { Connecting, ExchangeResult, FlowView, InspectResult, Integration } from "./public.ts";
import type { JsonSchema } from "./schema-builders.ts";

// Node-only: the source of src/browser-schemas.generated.ts and src/browser-problem.generated.ts. Not
// exported to browsers.
const BROWSER_SCHEMAS = {
  FLOW_VIEW: FlowView,
  EXCHANGE_RESULT: ExchangeResult,
  INSPECT_RESULT: InspectResult,
  CONNECTING: Connecting,
  INTEGRATION_LIST: listOf(Integration),
  PROBLEM: Problem,
  UPLOAD_RESULT: UploadResult,
};

type SchemaName = keyof typeof BROWSER_SCHEMAS;

/** The answers to calls that succeed. */
const ANSWERS: readonly SchemaName[] = [
  "FLOW_VIEW",
  "EXCHANGE_RESULT",
  "INSPECT_RESULT",
  "CONNECTING",
  "INTEGRATION_LIST",
  "UPLOAD_RESULT",
];

/**
 * The generated modules: each declares its schemas with the builders of one module. The answers to
 * calls that succeed are written twice: with the verdicts of json-verdict.ts, which the SDK judges
 * every answer with, and with the checks of json-check.ts, which say what is wrong and where (the
 * public `check…` of ./browser.ts, and the SDK's src/refusal.ts for an answer found wrong). The problem
 * document's checks are a module of their own: only a refusal is read with them. So a bundle of the
 * SDK runs with the verdicts, and loads the rest with the first answer it cannot take.
 */
export const BROWSER_SCHEMA_MODULES: Readonly<Record<string, { builders: string; schemas: readonly SchemaName[] }>> = {
  "browser-verdicts.generated.ts": { builders: "./json-verdict.ts", schemas: ANSWERS },
  "browser-schemas.generated.ts": { builders: "./json-check.ts", schemas: ANSWERS },
  "browser-problem.generated.ts": { builders: "./json-check.ts", schemas: ["PROBLEM"] },
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
const TYPES: Readonly<Record<string, string>> = {
  '"string"': "STRING",
  '"integer"': "INTEGER",
  '"boolean"': "BOOLEAN",
  '["string","null"]': "NULLABLE_STRING",
};

/**
 * The source text that builds `schema` with the builders of src/schema-builders.ts, naming a shared
 * part (other than `self`, the part being declared) by its constant. A shape no builder stands for
 * stops the generator: the browser checks would not know it.
 */
function expression(schema: JsonSchema, names: ReadonlyMap<string, string>, self?: string): string {
  const text = json(schema);
  const name = names.get(text);
  if (name !== undefined && text !== self) return name;
  const inner = (part: JsonSchema) => expression(part, names);
  const { type, properties, required = [], items, anyOf, oneOf } = schema;
  const keys = Object.keys(schema).sort().join();
  if (keys === "type" && TYPES[json(type)]) return TYPES[json(type)] as string;
  if (type === "string" && keys === "pattern,type") return `matching(${new RegExp(schema.pattern as string)})`;
  if (type === "string" && keys === "enum,type") return `oneOfStrings(${json(schema.enum)})`;
  if (type === "string" && keys === "const,type") return `exactly(${json(schema.const)})`;
  if (type === "array" && keys === "items,type" && items) return `arrayOf(${inner(items)})`;
  if (keys === "anyOf" && anyOf?.length === 2 && json(anyOf[1]) === json({ type: "null" }))
    return `orNull(${inner(anyOf[0] as JsonSchema)})`;
  if (keys === "oneOf" && oneOf) return `oneOf(${oneOf.map(inner).join(", ")})`;
  // `object` lists the required properties in the order of `properties`: any other order stops here.
  const named = Object.keys(properties ?? {});
  if (
    type === "object" &&
    properties &&
    keys === "properties,required,type" &&
    json(named.filter((key) => required.includes(key))) === json(required)
  ) {
    const optional = named.filter((key) => !required.includes(key));
    return `object(${propertiesText(properties, names)}${optional.length > 0 ? `, ${json(optional)}` : ""})`;
  }
  throw new Error(`No browser schema builder writes ${text}`);
}

/**
 * The properties of an object as source text. One that starts with all of a shared object's
 * properties (the upload result is a flow plus its files) spreads that one's properties, declared
 * apart for it, rather than writing them again.
 */
function propertiesText(properties: Readonly<Record<string, JsonSchema>>, names: ReadonlyMap<string, string>): string {
  const base = [...names].find(([part]) => startsWith(properties, JSON.parse(part) as JsonSchema));
  const baseCount = base ? Object.keys((JSON.parse(base[0]) as JsonSchema).properties ?? {}).length : 0;
  const own = Object.entries(properties)
    .slice(baseCount)
    .map(([key, part]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : json(key)}: ${expression(part, names)}`);
  return `{ ${[...(base ? [`...${base[1]}_PROPERTIES`] : []), ...own].join(", ")} }`;
}

/** Whether `properties` begins with every property of the object schema `base`, in order, and has more. */
function startsWith(properties: Readonly<Record<string, JsonSchema>>, base: JsonSchema): boolean {
  if (base.type !== "object" || !base.properties) return false;
  const mine = Object.entries(properties);
  const theirs = Object.entries(base.properties);
  return mine.length > theirs.length && theirs.every(([key, part], index) => json(mine[index]) === json([key, part]));
}

/** The text of the generated module `file` (a key of `BROWSER_SCHEMA_MODULES`). */
export function browserSchemaModule(file: string): string {
  const module = BROWSER_SCHEMA_MODULES[file];
  if (!module) throw new Error(`${file} is not a generated browser schema module`);
  const schemas = Object.entries(browserSchemas()).filter(([name]) => module.schemas.includes(name as SchemaName));
  // Parts that occur more than once (the flow inside the exchange result, a connection inside the
  // flow…), largest first, so a shared part's own text can use the smaller shared parts.
  const counts = new Map<string, number>();
  for (const [, schema] of schemas) for (const part of parts(schema)) counts.set(part, (counts.get(part) ?? 0) + 1);
  const shared = [...counts]
    .filter(([part, count]) => count > 1 && part.length >= SHARED_MIN_CHARS)
    .map(([part]) => part)
    .sort((a, b) => b.length - a.length);
  const names = new Map(shared.map((part, index) => [part, `S${index}`]));
  // Shared objects whose properties another schema spreads (the flow's, in the upload result).
  const spread = new Set(
    shared.filter((part) => schemas.some(([, schema]) => schema.properties && startsWith(schema.properties, JSON.parse(part)))),
  );
  const body: string[] = [];
  // Smallest first, so each constant is declared before a larger one uses it.
  for (const part of [...shared].reverse()) {
    const name = names.get(part) as string;
    const schema = JSON.parse(part) as JsonSchema;
    if (!spread.has(part)) {
      body.push(`const ${name} = ${expression(schema, names, part)};`);
      continue;
    }
    // A shared object another spreads: its properties first, on their own.
    const others = new Map([...names].filter(([other]) => other !== part));
    const optional = Object.keys(schema.properties ?? {}).filter((key) => !(schema.required ?? []).includes(key));
    body.push(`const ${name}_PROPERTIES = ${propertiesText(schema.properties ?? {}, others)};`);
    body.push(`const ${name} = object(${name}_PROPERTIES${optional.length > 0 ? `, ${json(optional)}` : ""});`);
  }
  for (const [name, schema] of schemas) body.push(`export const ${name} = ${expression(schema, names)};`);
  const text = body.join("\n");
  // Import only the builders the text uses, so the module type-checks without unused imports.
  const builders = [
    "BOOLEAN",
    "INTEGER",
    "NULLABLE_STRING",
    "STRING",
    "arrayOf",
    "exactly",
    "matching",
    "object",
    "oneOf",
    "oneOfStrings",
    "orNull",
  ];
  const used = builders.filter((builder) => new RegExp(`\\b${builder}\\b`).test(text));
  return [
    "// Generated by scripts/generate-browser-schemas.ts from the protocol's zod schemas. Do not edit.",
    `// The answers the browser judges, written with the builders of ${module.builders.slice(2)}; the tests read the`,
    "// same text with the JSON Schema builders of schema-builders.ts and compare it with zod's.",
    `import { ${used.join(", ")} } from "${module.builders}";`,
    "",
    text,
    "",
  ].join("\n");
}
