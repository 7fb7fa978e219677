/** The most characters of one request-derived value that reach a log record, a problem `detail` or an audit record. */
export const MAX_ECHOED_CHARS = 200;

// C0 and C1 controls, DEL, and the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069):
// a newline forges a log line, ESC drives the terminal that shows it, a bidi override reorders what a reader sees.
const UNSAFE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;

/**
 * A request-derived string made safe to echo: each control or bidi character becomes a visible
 * `\uXXXX` escape, and anything past `max` characters (default {@link MAX_ECHOED_CHARS}) is cut and
 * counted (`…[+123 chars]`). One helper for logs, problem details and audit records (SECURITY.md,
 * "Durability and faults": log lines escape control characters from a request).
 */
export function bounded(value: string, max = MAX_ECHOED_CHARS): string {
  const cut = value.length > max ? value.slice(0, max) : value;
  const escaped = cut.replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return value.length > max ? `${escaped}…[+${value.length - max} chars]` : escaped;
}
