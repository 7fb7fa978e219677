import type { SchemaBuilders } from "./schema-builders.ts";

// The browser's 1 kB checker: each builder the generated schemas (browser-schemas.generated.ts) are
// written with makes a check function, so an answer is checked by the schema's own composition, with
// no zod and no schema interpreter. The SDK judges answers with the smaller verdicts of
// json-verdict.ts (the same schemas, browser-verdicts.generated.ts) and runs these only to say what
// is wrong with an answer a verdict refused. The builders are plain exports, not an object's methods, so the
// bundler names each with one letter. schema-builders.ts says what each one means in JSON Schema.

/** Checks `value`, found at `path` (`$.flow.step`): the first problem as "path: what", or null. */
export type JsonCheck = (value: unknown, path: string) => string | null;

/** A check that vouches, when it finds no problem, that the value is a `T` (the type is the schema's, from zod). */
export type Check<T> = JsonCheck & { readonly [checks]?: T };
declare const checks: unique symbol;

/** The JSON type of a value: `null`, `array` and `integer` apart from `object` and `number`. */
function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return Number.isInteger(value) ? "integer" : typeof value;
}

/** A check that the value is of JSON type `type`. */
const is =
  (type: string): JsonCheck =>
  (value, path) =>
    typeOf(value) === type ? null : `${path}: expected ${type}, got ${typeOf(value)}`;

const isArray = is("array");
const isObject = is("object");

/** A string. */
export const STRING = is("string");
/** An integer. */
export const INTEGER = is("integer");
/** A boolean. */
export const BOOLEAN = is("boolean");
/** A string, or null. */
export const NULLABLE_STRING: JsonCheck = (value, path) => (value === null ? null : STRING(value, path));

/** A string matching `pattern`. */
export const matching =
  (pattern: RegExp): JsonCheck =>
  (value, path) =>
    STRING(value, path) ?? (pattern.test(value as string) ? null : `${path}: has the wrong format`);

/** A string that is one of `values`. */
export const oneOfStrings =
  (values: readonly string[]): JsonCheck =>
  (value, path) =>
    values.includes(value as string) ? null : `${path}: not one of ${values.join(", ")}`;

/** Exactly the string `expected`. */
export const exactly =
  (expected: string): JsonCheck =>
  (value, path) =>
    value === expected ? null : `${path}: expected ${expected}`;

/** An array of `items`. */
export const arrayOf =
  (items: JsonCheck): JsonCheck =>
  (value, path) => {
    let problem = isArray(value, path);
    for (let index = 0; !problem && index < (value as unknown[]).length; index++)
      problem = items((value as unknown[])[index], `${path}[${index}]`);
    return problem;
  };

/** What `check` allows, or null. */
export const orNull =
  (check: JsonCheck): JsonCheck =>
  (value, path) =>
    value === null ? null : check(value, path);

/** What one of `checks` allows (JSON Schema's `oneOf`: the protocol's alternatives never overlap). */
export const oneOf =
  (...checks: JsonCheck[]): JsonCheck =>
  (value, path) =>
    checks.some((check) => check(value, path) === null) ? null : `${path}: matches none of the allowed shapes`;

/**
 * An object with `properties`, all required but the `optional` ones. Properties it does not name are
 * let through, so a browser keeps working when a newer server adds a field.
 */
export const object =
  (properties: Readonly<Record<string, JsonCheck>>, optional: readonly string[] = []): JsonCheck =>
  (value, path) => {
    let problem = isObject(value, path);
    for (const [key, check] of Object.entries(properties)) {
      if (problem) break;
      const object = value as Record<string, unknown>;
      if (key in object) problem = check(object[key], `${path}.${key}`);
      else if (!optional.includes(key)) problem = `${path}.${key}: is missing`;
    }
    return problem;
  };

/**
 * The checks above as the vocabulary of the generated schemas: typed by `SchemaBuilders`, so they
 * cannot drift from the JSON Schema builders the tests read the same schemas with.
 */
export const JSON_CHECKS: SchemaBuilders<JsonCheck> = {
  STRING,
  INTEGER,
  BOOLEAN,
  NULLABLE_STRING,
  matching,
  oneOfStrings,
  exactly,
  arrayOf,
  orNull,
  oneOf,
  object,
};

/** A zod-like checker over a generated check: `safeParse` without zod in the bundle. */
export function jsonChecker<T>(check: Check<T>) {
  return {
    safeParse(value: unknown): { success: true; data: T } | { success: false; error: Error } {
      const problem = check(value, "$");
      return problem === null ? { success: true, data: value as T } : { success: false, error: new TypeError(problem) };
    },
  };
}
