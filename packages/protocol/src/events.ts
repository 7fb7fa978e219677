import type { FlowStep } from "./admin.ts";
import type { ErrorCode } from "./errors.ts";
import type { ConnectionView, FlowView } from "./public.ts";

/** Payloads of the `<otl-link>` events, keyed by event name. */
export interface OtlEventDetails {
  "otl-ready": Record<string, never>;
  "otl-step": { step: FlowStep };
  "otl-connection": { connection: ConnectionView };
  "otl-finish": { flow: FlowView };
  "otl-close": { step: FlowStep };
  "otl-error": { code: ErrorCode | "network"; message: string; recoverable: boolean };
}

/** The name of an `<otl-link>` event. */
export type OtlEventName = keyof OtlEventDetails;
