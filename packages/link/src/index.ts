// Importing the package defines <otl-link>, as the contract says; the class and the types come along.
import "./otl-link.ts";

export type { OtlEventDetails, OtlEventName } from "@otl/protocol/browser";
export type { ElementBase, PropertyDeclaration, PropertyDeclarations, Styles } from "./element-base.ts";
export { emit, type OtlEvent, type OtlEventMap } from "./events.ts";
export { FlowController, type FlowInputs, INSPECT_PREFETCH, type InspectPrefetch } from "./flow/controller.ts";
export { type ErrorInfo, type Failure, type FlowEvent, type FlowState, INITIAL, type Screen, transition } from "./flow/transition.ts";
export { OtlLink, type OtlTheme } from "./link.element.ts";
export { languageFor, type MessageOverrides, type Messages } from "./locales/index.ts";
