import type { SchemaBuilders } from "./schema-builders.ts";

// The verdicts the SDK judges every answer with: the generated schemas written with these builders
// (browser-verdicts.generated.ts) say only whether an answer is what the protocol allows. Saying what
// is wrong, and where, is json-check.ts's work, over the same schemas (browser-schemas.generated.ts),
// which the SDK loads only for an answer found wrong (its src/refusal.ts): a bundle of the SDK carries
// no message it would not show. A test holds verdicts, checks and zod to the same answer for every
// value it tries (browser.test.ts). Plain exports, so the bundler names each with one letter.

/** Whether `value` is what a schema allows. */
export type JsonVerdict = (value: unknown) => boolean;

/** A verdict that vouches, when true, that the value is a `T` (the type is the schema's, from zod). */
export type Verdict<T> = JsonVerdict & { readonly [judges]?: T };
declare const judges: unique symbol;

/** A string. */
export const STRING: JsonVerdict = (value) => typeof value === "string";
/** An integer. */
export const INTEGER: JsonVerdict = Number.isInteger;
/** A boolean. */
export const BOOLEAN: JsonVerdict = (value) => typeof value === "boolean";

/** A string matching `pattern`. */
export const matching =
  (pattern: RegExp): JsonVerdict =>
  (value) =>
    STRING(value) && pattern.test(value as string);

/** A string that is one of `values`. */
export const oneOfStrings =
  (values: readonly string[]): JsonVerdict =>
  (value) =>
    values.includes(value as string);

/** Exactly the string `expected`. */
export const exactly =
  (expected: string): JsonVerdict =>
  (value) =>
    value === expected;

/** An array of `items` (spread, since `every` skips the holes of a sparse array, which zod refuses). */
export const arrayOf =
  (items: JsonVerdict): JsonVerdict =>
  (value) =>
    Array.isArray(value) && [...value].every((item) => items(item));

/** What `verdict` allows, or null. */
export const orNull =
  (verdict: JsonVerdict): JsonVerdict =>
  (value) =>
    value === null || verdict(value);

/** A string, or null. */
export const NULLABLE_STRING: JsonVerdict = orNull(STRING);

/** What one of `verdicts` allows (JSON Schema's `oneOf`: the protocol's alternatives never overlap). */
export const oneOf =
  (...verdicts: JsonVerdict[]): JsonVerdict =>
  (value) =>
    verdicts.some((verdict) => verdict(value));

/**
 * An object with `properties`, all required but the `optional` ones. Properties it does not name are
 * let through, so a browser keeps working when a newer server adds a field.
 */
export const object =
  (properties: Readonly<Record<string, JsonVerdict>>, optional: readonly string[] = []): JsonVerdict =>
  (value) =>
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.entries(properties).every(([key, verdict]) =>
      key in (value as object) ? verdict((value as Record<string, unknown>)[key]) : optional.includes(key),
    );

/**
 * The verdicts above as the vocabulary of the generated schemas: typed by `SchemaBuilders`, so they
 * cannot drift from the JSON Schema builders the tests read the same schemas with.
 */
export const JSON_VERDICTS: SchemaBuilders<JsonVerdict> = {
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
