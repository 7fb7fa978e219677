import type { ErrorInfo } from "./transition.ts";

// Which words each error code gets beside a step that can go on (./problems.ts has which screen).
// Only a failure needs them: this ships in the file a failure loads (`otl-link.problem.js`,
// src/steps/problem.ts), never in the bundle.

type Code = ErrorInfo["code"];

/** The words beside a step: a key of the catalogue's `errors`, or `network` (the network failure's body). */
export type ErrorWords =
  | "validation_failed"
  | "second_factor_required"
  | "second_factor_invalid"
  | "rate_limited"
  | "conflict"
  | "other"
  | "network";

/**
 * The words beside a step that can go on, for codes that have words of their own: any other says
 * "Something went wrong. Try again." (`errors.other`), with how long to wait when the server said
 * (`unavailable`, ./hold.ts). `upload_rejected` and `payload_too_large` come only from the upload
 * routes, and the upload step words them itself (src/steps/upload.ts). A connection or file that no
 * longer exists (`not_found`) means the page is out of date, as with a step out of order.
 */
export const WORDS: Readonly<Partial<Record<Code, ErrorWords>>> = {
  validation_failed: "validation_failed",
  second_factor_required: "second_factor_required",
  second_factor_invalid: "second_factor_invalid",
  rate_limited: "rate_limited",
  conflict: "conflict",
  not_found: "conflict",
  network: "network",
};
