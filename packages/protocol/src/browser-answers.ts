// The checks of the answers to calls that succeed (`@otl/protocol/browser/answers`): what the SDK
// checks every answer with but a refusal. `@otl/protocol/browser` exports the same checks, with the
// problem document's; the SDK imports these from here so that a bundle of it carries the problem
// document's check only in the file it loads with the first refusal (the SDK's src/refusal.ts).

import { CONNECTING, EXCHANGE_RESULT, FLOW_VIEW, INSPECT_RESULT, INTEGRATION_LIST, UPLOAD_RESULT } from "./browser-schemas.generated.ts";
import type { UploadResult } from "./files.ts";
import type { Check } from "./json-check.ts";
import type { Connecting, ExchangeResult, FlowView, InspectResult, Integration } from "./public.ts";

export type { Check } from "./json-check.ts";

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
