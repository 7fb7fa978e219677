import * as z from "zod/mini";

// Host-supplied strings end up inside the kit's own sentences, in logs, e-mails and screen readers.
// Each character class refused here is one a real report abused (CONTRACT.md, "Host strings").

// Control characters break logs, e-mails and screen readers.
const CONTROL_CHARACTER = /\p{Cc}/u;
// Bidirectional embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069): a name holding
// U+202E reverses the sentence around it on screen, the "Trojan Source" trick.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
// What looks like nothing: white space, format characters (zero-width space, joiners, BOM, soft
// hyphen…) and the Hangul and Braille fillers that render as blank. A name of only these is no name.
// With the `u` flag a surrogate half matches `\p{Cs}` only when it is alone (a pair reads as one code point).
const LONE_SURROGATE = /\p{Cs}/u;
const BLANK = /^[\s\p{Cf}\u115F\u1160\u2800\u3164\uFFA0]*$/u;

/** The message each refused kind of host string gets; the server names the field beside it. */
export const HOST_TEXT_MESSAGES = {
  empty: "must not be empty",
  blank: "must not be only blank or zero-width characters",
  control: "must not contain control characters",
  bidi: "must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069)",
  surrogate: "must not contain lone surrogates (it is not well-formed Unicode)",
} as const;

/**
 * A host-supplied string: trimmed, non-empty, single-line, at most `max` characters, well-formed
 * Unicode, with no bidirectional control and not made only of blank or zero-width characters.
 */
export function text(max: number) {
  return z.string().check(
    z.trim(),
    z.minLength(1, HOST_TEXT_MESSAGES.empty),
    z.maxLength(max, `must be at most ${max} characters`),
    z.refine((value) => !CONTROL_CHARACTER.test(value), HOST_TEXT_MESSAGES.control),
    z.refine((value) => !BIDI_CONTROL.test(value), HOST_TEXT_MESSAGES.bidi),
    z.refine((value) => !LONE_SURROGATE.test(value), HOST_TEXT_MESSAGES.surrogate),
    z.refine((value) => value === "" || !BLANK.test(value), HOST_TEXT_MESSAGES.blank),
  );
}

/**
 * Keys that name the object machinery rather than data. `JSON.parse` makes `__proto__` an own key,
 * which a record then drops silently (or, copied naively, swaps the object's prototype): refused.
 */
export const RESERVED_RECORD_KEYS: readonly string[] = ["__proto__", "constructor", "prototype"];

/**
 * A JSON object of `value`s under `key`s, that refuses the reserved keys (`__proto__`,
 * `constructor`, `prototype`) with an issue at that key, before the record sees (and drops) them.
 */
export function safeRecord<K extends z.core.$ZodRecordKey, V extends z.core.SomeType>(key: K, value: V) {
  const guard = z.unknown().check(
    z.superRefine((input, ctx) => {
      if (typeof input !== "object" || input === null) return;
      for (const reserved of RESERVED_RECORD_KEYS) {
        if (Object.hasOwn(input, reserved)) {
          ctx.issues.push({ code: "custom", input, path: [reserved], message: "is a reserved key" });
        }
      }
    }),
  );
  return z.pipe(guard, z.record(key, value));
}

/** An ISO 8601 timestamp in UTC, as every time on the wire is written. */
export const Timestamp = z.iso.datetime();

/** A BCP 47 language tag such as `en` or `fr-CA`, as far as a receipt or a company's language needs to check one. */
export const LocaleTag = z
  .string()
  .check(z.regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}$/, "must be a BCP 47 language tag such as en or fr-CA"));
