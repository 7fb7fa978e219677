import type { SchemaBuilders } from "./schema-builders.ts";

// The browser's 1 kB checker: each builder of the generated schemas makes a check function, so an
// answer is checked by the schema's own composition, with no zod and no schema interpreter.

/** Checks `value`, found at `path` (`$.flow.step`): the first problem as "path: what", or null. */
export type JsonCheck = (value: unknown, path: string) => string | null;

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

const STRING = is("string");
const isArray = is("array");
const isObject = is("object");

/** The builders of the generated schemas as checks (schema-builders.ts says what each one means). */
export const JSON_CHECKS: SchemaBuilders<JsonCheck> = {
  STRING,
  INTEGER: is("integer"),
  BOOLEAN: is("boolean"),
  NULLABLE_STRING: (value, path) => (value === null ? null : STRING(value, path)),
  matching: (pattern) => (value, path) => STRING(value, path) ?? (pattern.test(value as string) ? null : `${path}: has the wrong format`),
  oneOfStrings: (values) => (value, path) => (values.includes(value as string) ? null : `${path}: not one of ${values.join(", ")}`),
  exactly: (expected) => (value, path) => (value === expected ? null : `${path}: expected ${expected}`),
  arrayOf: (items) => (value, path) => {
    let problem = isArray(value, path);
    for (let index = 0; !problem && index < (value as unknown[]).length; index++)
      problem = items((value as unknown[])[index], `${path}[${index}]`);
    return problem;
  },
  orNull: (check) => (value, path) => (value === null ? null : check(value, path)),
  oneOf:
    (...checks) =>
    (value, path) =>
      checks.some((check) => check(value, path) === null) ? null : `${path}: matches none of the allowed shapes`,
  // Properties the schema does not name are let through, so a browser keeps working when a newer
  // server adds a field.
  object:
    (properties, optional = []) =>
    (value, path) => {
      let problem = isObject(value, path);
      for (const [key, check] of Object.entries(properties)) {
        if (problem) break;
        const object = value as Record<string, unknown>;
        if (key in object) problem = check(object[key], `${path}.${key}`);
        else if (!optional.includes(key)) problem = `${path}.${key}: is missing`;
      }
      return problem;
    },
};

/** A zod-like checker over a generated check: `safeParse` without zod in the bundle. */
export function jsonChecker<T>(check: JsonCheck) {
  return {
    safeParse(value: unknown): { success: true; data: T } | { success: false; error: Error } {
      const problem = check(value, "$");
      return problem === null ? { success: true, data: value as T } : { success: false, error: new TypeError(problem) };
    },
  };
}
