// The words the generated browser schemas (browser-schemas.generated.ts) are written in. The generated
// text is read two ways: as written, with the checks of json-check.ts, it checks answers in the
// browser; with `JSON_SCHEMA_BUILDERS` below in their place it builds JSON Schema, which the tests
// compare with what zod writes for the same schemas. So the element's bundle carries the schemas as
// short calls (each property name once, each common shape once) and no schema interpreter.

/** A JSON Schema, as far as the generated browser schemas use it. */
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

/** The shapes a browser schema is made of, each building an `S` (a check, or a JSON Schema). */
export interface SchemaBuilders<S> {
  /** A string. */
  STRING: S;
  /** An integer. */
  INTEGER: S;
  /** A boolean. */
  BOOLEAN: S;
  /** A string, or null. */
  NULLABLE_STRING: S;
  /** A string matching `pattern`. */
  matching(pattern: RegExp): S;
  /** A string that is one of `values`. */
  oneOfStrings(values: readonly string[]): S;
  /** Exactly the string `value`. */
  exactly(value: string): S;
  /** An array of `items`. */
  arrayOf(items: S): S;
  /** `schema`, or null. */
  orNull(schema: S): S;
  /** One of `schemas` (JSON Schema's `oneOf`). */
  oneOf(...schemas: S[]): S;
  /** An object with `properties`, all required but the `optional` ones; other properties are allowed. */
  object(properties: Readonly<Record<string, S>>, optional?: readonly string[]): S;
}

const NULL: JsonSchema = { type: "null" };

/**
 * The builders that write JSON Schema as zod's `toJSONSchema` does (trimmed to the keywords the
 * checks stand for): `required` lists the required properties in the order of `properties`.
 */
export const JSON_SCHEMA_BUILDERS: SchemaBuilders<JsonSchema> = {
  STRING: { type: "string" },
  INTEGER: { type: "integer" },
  BOOLEAN: { type: "boolean" },
  NULLABLE_STRING: { type: ["string", "null"] },
  matching: (pattern) => ({ type: "string", pattern: pattern.source }),
  oneOfStrings: (values) => ({ type: "string", enum: values }),
  exactly: (value) => ({ type: "string", const: value }),
  arrayOf: (items) => ({ type: "array", items }),
  orNull: (schema) => ({ anyOf: [schema, NULL] }),
  oneOf: (...schemas) => ({ oneOf: schemas }),
  object: (properties, optional = []) => ({
    type: "object",
    properties,
    required: Object.keys(properties).filter((key) => !optional.includes(key)),
  }),
};
