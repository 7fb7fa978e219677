import { createComponent } from "@lit/react";
import { OtlLink as OtlLinkElement } from "@otl/link/element";
import * as React from "react";
import { OTL_LINK_EVENTS } from "./events.ts";
import type { OtlLinkProps } from "./props.ts";
import "./register.ts";

// @lit/react hands a prop to the element when the element's prototype has it, and the element's base
// (@otl/link's src/element-base.ts, as Lit's LitElement) puts the accessors of `static properties`
// there when `observedAttributes` is read. Defining the element does that in the browser; on the
// server nothing defines it, and without this read the props would be rendered as HTML attributes —
// the access token among them.
void OtlLinkElement.observedAttributes;

/**
 * The `<otl-link>` consent flow as a React component (React 19), built on `@lit/react`.
 *
 * Props are the element's properties (`baseUrl`, `accessToken`, `code`, `companyId`, `connectionId`,
 * `locale`, `theme`, `showSandboxIntegrations`, `renew`, `fetchAccessToken`, `messages`), set on the element after React
 * renders it; `onReady`, `onStep`, `onConnection`, `onFinish`, `onClose` and `onError` receive the
 * element's `otl-*` events with their typed `detail`. A `ref` is the element itself.
 *
 * Under StrictMode the element is created once and a secret is exchanged once: React keeps the DOM
 * node through its simulated unmount, setting the same token again starts nothing, and the element's
 * client merges exchanges of one secret. On the server it renders an empty `<otl-link>` (no props in
 * the HTML: the access token stays out of it); the flow starts in the browser after hydration.
 */
export const OtlLink = createComponent({
  react: React,
  tagName: "otl-link",
  elementClass: OtlLinkElement,
  events: OTL_LINK_EVENTS,
  displayName: "OtlLink",
}) as React.ForwardRefExoticComponent<OtlLinkProps>;
