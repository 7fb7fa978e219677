import type { ErrorCode, FieldError } from "@otl/protocol/browser";

/** Every code an `OtlError` can carry: the contract's, plus `network` when the server could not be reached. */
export type OtlErrorCode = ErrorCode | "network";

// Codes after which the same secret or session can still get somewhere: retry, fix input, or refresh.
const RECOVERABLE: ReadonlySet<OtlErrorCode> = new Set<OtlErrorCode>([
  "network",
  "rate_limited",
  "unavailable",
  "internal",
  "validation_failed",
  "second_factor_invalid",
  "second_factor_required",
  "conflict",
  "session_expired",
  "upload_rejected",
  "payload_too_large",
]);

/** The words a customer sees for each code, in English; the element translates them itself. */
const CUSTOMER_WORDS: Record<OtlErrorCode, string> = {
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

/** A failed OTL call: a stable `code`, a message for developers, and separately the customer's words. */
export class OtlError extends Error {
  override readonly name = "OtlError";
  /** The contract's error code, or `network`. */
  readonly code: OtlErrorCode;
  /** The HTTP status, or 0 when the server was not reached. */
  readonly status: number;
  /** Whether trying again (or refreshing) can succeed without a new link. */
  readonly recoverable: boolean;
  /** What to tell the customer, in English. */
  readonly customerMessage: string;
  /** The fields that failed validation, if any. */
  readonly fields: FieldError[];
  /** Seconds to wait before trying again, when the server said so. */
  readonly retryAfter: number | undefined;

  constructor(
    code: OtlErrorCode,
    message: string,
    extra: { status?: number; fields?: FieldError[]; retryAfter?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: extra.cause });
    this.code = code;
    this.status = extra.status ?? 0;
    this.recoverable = RECOVERABLE.has(code);
    this.customerMessage = CUSTOMER_WORDS[code];
    this.fields = extra.fields ?? [];
    this.retryAfter = extra.retryAfter;
  }
}

/** Whether a value is an `OtlError`, across bundle copies too. */
export function isOtlError(value: unknown): value is OtlError {
  return value instanceof Error && value.name === "OtlError" && "code" in value;
}
