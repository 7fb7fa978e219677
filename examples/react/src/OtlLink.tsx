// A typed React component for <otl-link>: element properties become props (`baseUrl`, `accessToken`,
// `fetchAccessToken`, …), and each `otl-*` event an `onOtl…` prop whose event is typed with its detail.
import { createComponent, type EventName } from "@lit/react";
import { type OtlEvent, OtlLink as OtlLinkElement } from "@otl/link"; // importing @otl/link defines <otl-link>
import * as React from "react";

/** `<otl-link>` as a React component. */
export const OtlLink = createComponent({
  react: React,
  tagName: "otl-link",
  elementClass: OtlLinkElement,
  events: {
    onOtlReady: "otl-ready" as EventName<OtlEvent<"otl-ready">>,
    onOtlStep: "otl-step" as EventName<OtlEvent<"otl-step">>,
    onOtlConnection: "otl-connection" as EventName<OtlEvent<"otl-connection">>,
    onOtlFinish: "otl-finish" as EventName<OtlEvent<"otl-finish">>,
    onOtlClose: "otl-close" as EventName<OtlEvent<"otl-close">>,
    onOtlError: "otl-error" as EventName<OtlEvent<"otl-error">>,
  },
});
