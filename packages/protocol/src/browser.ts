// The browser entry of the protocol: the same contract as the zod schemas, compiled at build time
// (browser-schemas.generated.ts, browser-problem.generated.ts) into checks with a 1 kB checker instead
// of zod. The SDK judges answers with the verdicts of `@otl/protocol/browser/answers`
// (./browser-answers.ts), smaller still, and loads these checks only to say what is wrong with one.

import { PROBLEM } from "./browser-problem.generated.ts";
import { CONNECTING, EXCHANGE_RESULT, FLOW_VIEW, INSPECT_RESULT, INTEGRATION_LIST, UPLOAD_RESULT } from "./browser-schemas.generated.ts";
import type { Problem } from "./errors.ts";
import type { UploadResult } from "./files.ts";
import { type Check, jsonChecker } from "./json-check.ts";
import type { Connecting, ExchangeResult, FlowView, InspectResult, Integration } from "./public.ts";

export type * from "./admin.ts";
export * from "./error-codes.ts";
export type * from "./errors.ts";
export type * from "./events.ts";
export type * from "./files.ts";
export { type Check, type JsonCheck, jsonChecker } from "./json-check.ts";
export type * from "./public.ts";

/** Checks a `FlowView`: `null`, or the first problem as "path: what" (`FlowViewCheck` is its zod-like face). */
export const checkFlowView: Check<FlowView> = FLOW_VIEW;
/** Checks an `ExchangeResult`. */
export const checkExchangeResult: Check<ExchangeResult> = EXCHANGE_RESULT;
/** Checks an `InspectResult`. */
export const checkInspectResult: Check<InspectResult> = INSPECT_RESULT;
/** Checks a `Connecting` answer. */
export const checkConnecting: Check<Connecting> = CONNECTING;
/** Checks an integration list. */
export const checkIntegrationList: Check<{ items: Integration[] }> = INTEGRATION_LIST;
/** Checks an `UploadResult` (the flow plus a connection's files). */
export const checkUploadResult: Check<UploadResult> = UPLOAD_RESULT;
/**
 * Checks a problem document. In a module of its own (browser-problem.generated.ts): the SDK reads a
 * refusal with it, in code it loads with the first refusal.
 */
export const checkProblem: Check<Problem> = PROBLEM;

// The same checks with zod's `safeParse` (`{success, data}` or `{success, error}`), for code written
// against zod schemas. The SDK never calls these, so a bundle of it leaves them out.

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
