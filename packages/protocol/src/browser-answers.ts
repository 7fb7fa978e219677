// The verdicts on the answers to calls that succeed (`@otl/protocol/browser/answers`): whether an
// answer is what the protocol allows, without saying what is wrong. The SDK judges every answer but a
// refusal with these, and loads `@otl/protocol/browser`'s checks (which say what is wrong, and where)
// only for an answer found wrong, so a bundle of the SDK carries neither those messages nor the
// problem document's check in the code every flow runs.

import { CONNECTING, EXCHANGE_RESULT, FLOW_VIEW, INSPECT_RESULT, INTEGRATION_LIST, UPLOAD_RESULT } from "./browser-verdicts.generated.ts";
import type { UploadResult } from "./files.ts";
import type { Verdict } from "./json-verdict.ts";
import type { Connecting, ExchangeResult, FlowView, InspectResult, Integration } from "./public.ts";

export type { JsonVerdict, Verdict } from "./json-verdict.ts";

/** Whether a value is a `FlowView`. */
export const isFlowView: Verdict<FlowView> = FLOW_VIEW;
/** Whether a value is an `ExchangeResult`. */
export const isExchangeResult: Verdict<ExchangeResult> = EXCHANGE_RESULT;
/** Whether a value is an `InspectResult`. */
export const isInspectResult: Verdict<InspectResult> = INSPECT_RESULT;
/** Whether a value is a `Connecting` answer. */
export const isConnecting: Verdict<Connecting> = CONNECTING;
/** Whether a value is an integration list. */
export const isIntegrationList: Verdict<{ items: Integration[] }> = INTEGRATION_LIST;
/** Whether a value is an `UploadResult` (the flow plus a connection's files). */
export const isUploadResult: Verdict<UploadResult> = UPLOAD_RESULT;
