// The browser entry of the protocol: the same contract as the zod schemas, compiled at build time
// (browser-schemas.generated.ts, browser-problem.generated.ts) into checks with a 1 kB checker instead
// of zod, so the element's bundle stays small.

import {
  checkConnecting,
  checkExchangeResult,
  checkFlowView,
  checkInspectResult,
  checkIntegrationList,
  checkUploadResult,
} from "./browser-answers.ts";
import { PROBLEM } from "./browser-problem.generated.ts";
import type { Problem } from "./errors.ts";
import { type Check, jsonChecker } from "./json-check.ts";

export type * from "./admin.ts";
export {
  checkConnecting,
  checkExchangeResult,
  checkFlowView,
  checkInspectResult,
  checkIntegrationList,
  checkUploadResult,
} from "./browser-answers.ts";
export * from "./error-codes.ts";
export type * from "./errors.ts";
export type * from "./events.ts";
export type * from "./files.ts";
export { type Check, type JsonCheck, jsonChecker } from "./json-check.ts";
export type * from "./public.ts";

/**
 * Checks a problem document. In a module of its own (browser-problem.generated.ts): the SDK reads a
 * refusal with it, in code it loads with the first refusal.
 */
export const checkProblem: Check<Problem> = PROBLEM;

// The same checks with zod's `safeParse` (`{success, data}` or `{success, error}`), for code written
// against zod schemas. The SDK calls the checks themselves, so a bundle of it leaves these out.

/** Checks a `FlowView`, as zod's `safeParse` does. */
export const FlowViewCheck = /* @__PURE__ */ jsonChecker(checkFlowView);
/** Checks an `ExchangeResult`, as zod's `safeParse` does. */
export const ExchangeResultCheck = /* @__PURE__ */ jsonChecker(checkExchangeResult);
/** Checks an `InspectResult`, as zod's `safeParse` does. */
export const InspectResultCheck = /* @__PURE__ */ jsonChecker(checkInspectResult);
/** Checks a `Connecting` answer, as zod's `safeParse` does. */
export const ConnectingCheck = /* @__PURE__ */ jsonChecker(checkConnecting);
/** Checks an integration list, as zod's `safeParse` does. */
export const IntegrationListCheck = /* @__PURE__ */ jsonChecker(checkIntegrationList);
/** Checks an `UploadResult` (the flow plus a connection's files), as zod's `safeParse` does. */
export const UploadResultCheck = /* @__PURE__ */ jsonChecker(checkUploadResult);
/** Checks a problem document, as zod's `safeParse` does. */
export const ProblemCheck = /* @__PURE__ */ jsonChecker(checkProblem);
