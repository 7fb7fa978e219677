import type { OtlErrorCode } from "./errors.ts";

// A module of its own so that a bundle which shows its own words (the `<otl-link>` element, whose
// catalogues translate every code) can leave these out: packages/link/vite.config.ts stands in an
// empty table for this file, and its bundle test checks that none of these sentences is inside.

/** The words a customer sees for each code, in English (`OtlError.customerMessage`). */
export const CUSTOMER_WORDS: Readonly<Record<OtlErrorCode, string>> = {
  network: "We could not reach the server. Check your connection and try again.",
  validation_failed: "Something in the form is not right. Check it and try again.",
  // A link works once: "open your link again" would send the customer to a spent link.
  unauthorized: "This session is no longer valid. Ask for a new link to continue.",
  session_expired: "Your session timed out. Ask for a new link to continue where you left off.",
  token_invalid: "This link is not valid. Ask for a new link.",
  token_expired: "This link has expired. Ask for a new link.",
  token_consumed: "This link has already been used. Ask for a new link.",
  token_revoked: "This link was cancelled. Ask for a new link.",
  token_superseded: "A newer link replaced this one. Use the latest link you received.",
  second_factor_required: "Enter the code we sent you first.",
  second_factor_invalid: "That code is not right. Try again.",
  second_factor_locked: "Too many wrong codes. Ask for a new link.",
  rate_limited: "Too many attempts. Wait a moment and try again.",
  upload_rejected: "We could not use that file. Upload a PDF or CSV statement that is not password-protected.",
  payload_too_large: "That file is too large. Upload a smaller statement.",
  unavailable: "The service is busy or briefly down. Try again in a moment.",
  not_found: "We could not find that. Open your link again.",
  conflict: "This step has changed. Reload to continue.",
  internal: "Something went wrong on our side. Try again in a moment.",
};
