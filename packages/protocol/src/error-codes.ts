// Zod-free, so browsers can import the codes without the schema library.

/** Every error code the OTL API can answer with, and the HTTP status that carries it. */
export const ERROR_STATUS = {
  validation_failed: 400,
  unauthorized: 401,
  session_expired: 401,
  token_invalid: 404,
  token_expired: 410,
  token_consumed: 410,
  token_revoked: 410,
  token_superseded: 410,
  second_factor_required: 403,
  second_factor_invalid: 400,
  second_factor_locked: 410,
  rate_limited: 429,
  upload_rejected: 422,
  payload_too_large: 413,
  unavailable: 503,
  not_found: 404,
  conflict: 409,
  internal: 500,
} as const;

/** The stable machine-readable code of an OTL error. */
export type ErrorCode = keyof typeof ERROR_STATUS;

/** All error codes, in the order of the contract's table. */
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

/** The codes that say a one-time secret exists but can no longer be used. */
export const SPENT_TOKEN_CODES = [
  "token_expired",
  "token_consumed",
  "token_revoked",
  "token_superseded",
] as const satisfies readonly ErrorCode[];

/** Why a one-time secret can no longer be used. */
export type SpentTokenCode = (typeof SPENT_TOKEN_CODES)[number];

/** The `type` URI of a problem with this code. */
export function problemType(code: ErrorCode): string {
  return `urn:otl:problem:${code}`;
}

/** The content type of every error answer. */
export const PROBLEM_CONTENT_TYPE = "application/problem+json";
