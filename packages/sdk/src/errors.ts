import type { ErrorCode, FieldError } from "@otl/protocol/browser";
import { CUSTOMER_WORDS } from "./customer-words.ts";

/**
 * Every code an `OtlError` can carry: the contract's, plus `network` when the server could not be
 * reached, or (with the answer's `status`) when the code that reads a refusal could not be loaded.
 */
export type OtlErrorCode = ErrorCode | "network";

// The codes after which the same secret or session cannot get anywhere: the link's (`token_*`), a
// session that is gone, a second factor locked, a link or connection that does not exist. After any
// other code, trying again, fixing the input or refreshing can succeed.
const FINAL = /^(?:token_|unauthorized$|second_factor_locked$|not_found$)/;

/** A failed OTL call: a stable `code`, a message for developers, and separately the customer's words. */
export class OtlError extends Error {
  override readonly name = "OtlError";
  /** The contract's error code, or `network`. */
  declare readonly code: OtlErrorCode;
  /** The HTTP status, or 0 when the server was not reached. */
  declare readonly status: number;
  /** Whether trying again (or refreshing) can succeed without a new link. */
  declare readonly recoverable: boolean;
  /** What to tell the customer, in English (src/customer-words.ts). */
  declare readonly customerMessage: string;
  /** The fields that failed validation, if any. */
  declare readonly fields: FieldError[];
  /**
   * Seconds to wait before trying again, when the server said so (`Retry-After`, on 429
   * `rate_limited` and 503 `unavailable`): delta-seconds as sent, or an HTTP-date turned into seconds
   * from now. `<otl-link>` holds the refused action that long. The header reaches a page on another
   * origin only when the server exposes it, as the OTL server does to its allowed origins.
   */
  declare readonly retryAfter: number | undefined;

  constructor(
    code: OtlErrorCode,
    message: string,
    extra: { status?: number; fields?: FieldError[]; retryAfter?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: extra.cause });
    this.code = code;
    this.status = extra.status ?? 0;
    this.recoverable = !FINAL.test(code);
    this.customerMessage = CUSTOMER_WORDS[code];
    this.fields = extra.fields ?? [];
    this.retryAfter = extra.retryAfter;
  }
}

/** Whether a value is an `OtlError`, across bundle copies too. */
export function isOtlError(value: unknown): value is OtlError {
  return value instanceof Error && value.name === "OtlError" && "code" in value;
}
