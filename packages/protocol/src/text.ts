import * as z from "zod/mini";

// Control characters in host-supplied names break logs, e-mails and screen readers.
const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;

/** A trimmed, non-empty, single-line string of at most `max` characters. */
export function text(max: number) {
  return z
    .string()
    .check(
      z.trim(),
      z.minLength(1, "must not be empty"),
      z.maxLength(max, `must be at most ${max} characters`),
      z.regex(NO_CONTROL_CHARACTERS, "must not contain control characters"),
    );
}

/** An ISO 8601 timestamp in UTC, as every time on the wire is written. */
export const Timestamp = z.iso.datetime();
