// The browser entry of the protocol: the same contract as the zod schemas, compiled at build time
// (browser-schemas.generated.ts) into checks with a 1 kB checker instead of zod, so the element's
// bundle stays small.

import {
  CONNECTING,
  EXCHANGE_RESULT,
  FLOW_VIEW,
  INSPECT_RESULT,
  INTEGRATION_LIST,
  PROBLEM,
  UPLOAD_RESULT,
} from "./browser-schemas.generated.ts";
import type { Problem } from "./errors.ts";
import type { UploadResult } from "./files.ts";
import { jsonChecker } from "./json-check.ts";
import type { Connecting, ExchangeResult, FlowView, InspectResult, Integration } from "./public.ts";

export type * from "./admin.ts";
export * from "./error-codes.ts";
export type * from "./errors.ts";
export type * from "./events.ts";
export type * from "./files.ts";
export { type JsonCheck, jsonChecker } from "./json-check.ts";
export type * from "./public.ts";

/** Checks a `FlowView`. */
export const FlowViewCheck = jsonChecker<FlowView>(FLOW_VIEW);
/** Checks an `ExchangeResult`. */
export const ExchangeResultCheck = jsonChecker<ExchangeResult>(EXCHANGE_RESULT);
/** Checks an `InspectResult`. */
export const InspectResultCheck = jsonChecker<InspectResult>(INSPECT_RESULT);
/** Checks a `Connecting` answer. */
export const ConnectingCheck = jsonChecker<Connecting>(CONNECTING);
/** Checks an integration list. */
export const IntegrationListCheck = jsonChecker<{ items: Integration[] }>(INTEGRATION_LIST);
/** Checks an `UploadResult` (the flow plus a connection's files). */
export const UploadResultCheck = jsonChecker<UploadResult>(UPLOAD_RESULT);
/** Checks a problem document. */
export const ProblemCheck = jsonChecker<Problem>(PROBLEM);
