import type { JsonSchema } from "./json-check.ts";

// The generated browser schemas (browser-schemas.generated.ts) are written with these builders rather
// than as JSON: each builds the very JSON Schema object it stands for, so `checkJson` reads the same
// schema, while the element's bundle carries each property name once (not again in `required`) and
// each common shape as a short call. About 0.3 kB gzipped of the bundle.

/** `{type: "string"}`. */
export const STRING: JsonSchema = { type: "string" };
/** `{type: "integer"}`. */
export const INTEGER: JsonSchema = { type: "integer" };
/** `{type: "boolean"}`. */
export const BOOLEAN: JsonSchema = { type: "boolean" };
/** `{type: "null"}`. */
export const NULL: JsonSchema = { type: "null" };

/** `{type}`: a type, or a list of types such as `["string", "null"]`. */
export const typed = (type: string | string[]): JsonSchema => ({ type });
/** A string matching `pattern` (a regular expression's source). */
export const matching = (pattern: string): JsonSchema => ({ type: "string", pattern });
/** A string that is one of `values`. */
export const oneOfStrings = (values: readonly string[]): JsonSchema => ({ type: "string", enum: values });
/** Exactly the string `value`. */
export const exactly = (value: string): JsonSchema => ({ type: "string", const: value });
/** An array of `items`. */
export const arrayOf = (items: JsonSchema): JsonSchema => ({ type: "array", items });
/** `schema`, or null. */
export const orNull = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, NULL] });
/** One of `schemas` (JSON Schema's `oneOf`). */
export const oneOf = (...schemas: JsonSchema[]): JsonSchema => ({ oneOf: schemas });

/**
 * An object with `properties`, all required but the `optional` ones: `required` lists the others in
 * the order of `properties`, as zod's JSON Schema does.
 */
export function object(properties: Readonly<Record<string, JsonSchema>>, optional: readonly string[] = []): JsonSchema {
  return { type: "object", properties, required: Object.keys(properties).filter((key) => !optional.includes(key)) };
}
