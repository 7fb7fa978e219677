import type { OtlLink as OtlLinkElement } from "@otl/link/element";
import type { HTMLAttributes, RefAttributes } from "react";
import type { OtlLinkHandlers } from "./events.ts";

/**
 * The attributes and properties of `<otl-link>` that `<OtlLink>` takes as props, by property name
 * (`base-url` is `baseUrl`). `test/props.check.tsx` fails to compile when the element gains a
 * public property that is missing here.
 */
export type OtlLinkInput =
  | "baseUrl"
  | "accessToken"
  | "code"
  | "companyId"
  | "connectionId"
  | "locale"
  | "theme"
  | "showSandboxIntegrations"
  | "renew"
  | "fetchAccessToken"
  | "messages";

/**
 * The element's inputs as optional props, with the element's own types and doc comments: `theme` is
 * `"light" | "dark" | "auto"`, `fetchAccessToken` is `() => Promise<string>` (a fresh access token when
 * the session expires mid-flow), `showSandboxIntegrations` a boolean, `messages` the host's words over
 * any string, by locale tag. Documented in packages/link/README.md.
 */
export type OtlLinkInputs = Partial<Pick<OtlLinkElement, OtlLinkInput>>;

/**
 * React's own props for the element's box (`id`, `className`, `style`, `aria-*`, `data-*`, DOM events
 * such as `onClick`). No `children`: the element renders everything itself. The `on…` names of the
 * element's events are taken by `OtlLinkHandlers`: `onError` is the flow's `otl-error`, not a
 * resource's `error` event.
 */
export type OtlLinkHostProps = Omit<HTMLAttributes<OtlLinkElement>, keyof OtlLinkHandlers | "children" | "dangerouslySetInnerHTML">;

/** The props of `<OtlLink>`: the element's inputs, a handler for each of its events, React's host props, and a `ref` to the element. */
export interface OtlLinkProps extends OtlLinkHostProps, OtlLinkInputs, OtlLinkHandlers, RefAttributes<OtlLinkElement> {}
