import type { OtlEvent, OtlEventName } from "@otl/link";

/** The React prop of an `<otl-link>` event: `otl-step` → `onStep`, `otl-error` → `onError`. */
export type OtlHandlerName<N extends OtlEventName> = N extends `otl-${infer Rest}` ? `on${Capitalize<Rest>}` : never;

/**
 * A handler prop for every `<otl-link>` event, its event typed with the payload `@otl/protocol`
 * defines for that name (`OtlEventDetails`), as `HTMLElementEventMap` types it for `addEventListener`.
 */
export type OtlLinkHandlers = { [N in OtlEventName as OtlHandlerName<N>]?: (event: OtlEvent<N>) => void };

/**
 * The event each handler prop listens to, as `@lit/react` wants them. Typed as a mapped type over
 * `OtlEventName`, so an event added to `@otl/protocol` does not compile until it is listed here.
 */
export const OTL_LINK_EVENTS: { readonly [N in OtlEventName as OtlHandlerName<N>]: N } = {
  onReady: "otl-ready",
  onStep: "otl-step",
  onConnection: "otl-connection",
  onFinish: "otl-finish",
  onClose: "otl-close",
  onError: "otl-error",
};
