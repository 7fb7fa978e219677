import type { OtlEventDetails, OtlEventName } from "@otl/protocol/browser";

/** An `<otl-link>` event: a CustomEvent carrying the payload that `@otl/protocol` defines for its name. */
export type OtlEvent<N extends OtlEventName = OtlEventName> = CustomEvent<OtlEventDetails[N]>;

/** Every `<otl-link>` event by name, as `addEventListener` types them. */
export type OtlEventMap = { [N in OtlEventName]: OtlEvent<N> };

/** Dispatches an `<otl-link>` event: it bubbles and leaves shadow roots, so a host can listen anywhere above. */
export function emit<N extends OtlEventName>(target: EventTarget, name: N, detail: OtlEventDetails[N]): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

declare global {
  // `el.addEventListener("otl-finish", (event) => event.detail.flow)` is typed with no cast.
  interface HTMLElementEventMap extends OtlEventMap {}
}
