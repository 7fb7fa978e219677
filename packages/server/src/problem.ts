import { ERROR_STATUS, type ErrorCode, type FieldError, PROBLEM_CONTENT_TYPE, type Problem, problemType } from "@otl/protocol";
import { bounded } from "./bounds.ts";

const TITLES: Record<ErrorCode, string> = {
  validation_failed: "The request is not valid",
  unauthorized: "Missing or wrong credentials",
  session_expired: "The session has expired",
  token_invalid: "No such code or token",
  token_expired: "The code or token has expired",
  token_consumed: "The code or token has already been used",
  token_revoked: "The code or token has been revoked",
  token_superseded: "A newer link replaced this one",
  second_factor_required: "The second factor must be verified first",
  second_factor_invalid: "The second-factor code is wrong",
  second_factor_locked: "Too many wrong codes: the link is spent",
  rate_limited: "Too many attempts",
  upload_rejected: "The file was not accepted",
  payload_too_large: "The upload is too large",
  unavailable: "The service cannot answer now",
  not_found: "Not found",
  conflict: "That step is not possible now",
  internal: "Something went wrong on the server",
};

/** An error the API answers as problem+json, with a stable code. Thrown anywhere, answered once. */
export class OtlProblem extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, detail?: string, extra: { errors?: FieldError[]; headers?: Record<string, string>; cause?: unknown } = {}) {
    // A problem is an answer, not a fault: its stack is never logged or shown, and capturing one costs
    // more than the rest of a refusal (401, 404, 429), which a client can make the server write at will.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(detail ?? TITLES[code], { cause: extra.cause });
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    this.name = "OtlProblem";
    this.code = code;
    this.detail = detail;
    this.errors = extra.errors;
    this.headers = extra.headers ?? {};
  }

  /** The HTTP status of this problem. */
  get status(): number {
    return ERROR_STATUS[this.code];
  }

  /** The problem document. */
  toJSON(): Problem {
    return {
      type: problemType(this.code),
      title: TITLES[this.code],
      status: this.status,
      code: this.code,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      ...(this.errors === undefined ? {} : { errors: this.errors }),
    };
  }

  /** The headers of the problem's answer: problem+json, never stored, and its own (`Retry-After`, `WWW-Authenticate`…). `answerProblem` (answer-frame.ts) answers with them. */
  answerHeaders(): Record<string, string> {
    return { "content-type": PROBLEM_CONTENT_TYPE, "cache-control": "no-store", ...this.headers };
  }
}

/**
 * A 400 that names each field that failed. Field names can come from the request (an unknown key,
 * a record's key), so each name and message is bounded and escaped before it is echoed.
 */
export function validationProblem(fieldErrors: FieldError[]): OtlProblem {
  const errors = fieldErrors.map((error) => ({ field: bounded(error.field), message: bounded(error.message) }));
  const detail = errors.map((error) => (error.field ? `${error.field}: ${error.message}` : error.message)).join("; ");
  return new OtlProblem("validation_failed", detail, { errors });
}
