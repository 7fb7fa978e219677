import * as z from "zod/mini";
import { ERROR_CODES, type ErrorCode } from "./error-codes.ts";

export * from "./error-codes.ts";

/** One field that failed validation: a dotted path and what is wrong with it. */
export const FieldError = z.object({ field: z.string(), message: z.string() });
/** One field that failed validation. */
export type FieldError = z.infer<typeof FieldError>;

/** An RFC 9457 problem document, as every OTL error is answered. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]),
  detail: z.optional(z.string()),
  errors: z.optional(z.array(FieldError)),
});
/** An RFC 9457 problem document. */
export type Problem = z.infer<typeof Problem>;
