/** The subset of JSON Schema that the protocol's generated browser schemas use. */
export interface JsonSchema {
  type?: string | string[];
  enum?: readonly unknown[];
  const?: unknown;
  pattern?: string;
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  items?: JsonSchema;
  anyOf?: readonly JsonSchema[];
  oneOf?: readonly JsonSchema[];
  [keyword: string]: unknown;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typeMatches(expected: string | string[], actual: string): boolean {
  const types = Array.isArray(expected) ? expected : [expected];
  return types.includes(actual) || (actual === "integer" && types.includes("number"));
}

/**
 * Checks a value against a generated schema; answers the first problem as "path: what", or null.
 * Unknown properties are allowed, so a browser keeps working when a newer server adds a field.
 */
export function checkJson(schema: JsonSchema, value: unknown, path = "$"): string | null {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    return alternatives.some((alternative) => checkJson(alternative, value, path) === null)
      ? null
      : `${path}: matches none of the allowed shapes`;
  }
  const actual = typeOf(value);
  if (schema.type !== undefined && !typeMatches(schema.type, actual)) return `${path}: expected ${schema.type}, got ${actual}`;
  if (schema.const !== undefined && value !== schema.const) return `${path}: expected ${String(schema.const)}`;
  if (schema.enum && !schema.enum.includes(value)) return `${path}: not one of ${schema.enum.join(", ")}`;
  if (schema.pattern && typeof value === "string" && !new RegExp(schema.pattern).test(value)) return `${path}: has the wrong format`;
  if (schema.items && Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const problem = checkJson(schema.items, item, `${path}[${index}]`);
      if (problem) return problem;
    }
  }
  if (schema.properties && actual === "object") {
    const object = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in object)) return `${path}.${key}: is missing`;
    for (const [key, property] of Object.entries(schema.properties)) {
      if (key in object) {
        const problem = checkJson(property, object[key], `${path}.${key}`);
        if (problem) return problem;
      }
    }
  }
  return null;
}

/** A zod-like checker over a generated schema: `safeParse` without zod in the bundle. */
export function jsonChecker<T>(schema: JsonSchema) {
  return {
    safeParse(value: unknown): { success: true; data: T } | { success: false; error: Error } {
      const problem = checkJson(schema, value);
      return problem === null ? { success: true, data: value as T } : { success: false, error: new TypeError(problem) };
    },
  };
}
