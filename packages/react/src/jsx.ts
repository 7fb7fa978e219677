// `<otl-link>` itself in React 19 TSX, for apps that render the tag without the `<OtlLink>` component.
// React 19 sets an attribute of a custom element as an attribute (hence the HTML names) and listens to
// `on` + the event name (`onotl-finish` → `otl-finish`).
import type { OtlEvent, OtlEventName, OtlTheme } from "@otl/link";
import type * as React from "react";

/** The `on…` attributes React 19 turns into listeners of `<otl-link>`'s events: `onotl-finish={(event) => event.detail.flow}`. */
export type OtlLinkEventAttributes = { [N in OtlEventName as `on${N}`]?: (event: OtlEvent<N>) => void };

/** The HTML attributes of `<otl-link>` (packages/link/README.md), as React 19 writes them to the element. */
export interface OtlLinkAttributes extends OtlLinkEventAttributes {
  /** The OTL server, e.g. `https://otl.example.com`. */
  "base-url"?: string;
  /** A single-use access token from the host's backend; exchanged at once. */
  "access-token"?: string;
  /** A one-time link code; exchanged only when the customer presses Start. */
  code?: string;
  /** The company of the link code (`co_…`). */
  "company-id"?: string;
  /** The connection of a connection link (`cn_…`). */
  "connection-id"?: string;
  /** The customer's language (BCP 47), e.g. `fr` or `fr-CA`: en, fr, de, es, nl, pt and ar ship. */
  locale?: string;
  /** `light` (default), `dark`, or `auto` to follow the system. */
  theme?: OtlTheme;
  /** `"false"` hides sandbox integrations. */
  "show-sandbox-integrations"?: "true" | "false";
  /** Present: offer "Send me a new link" when the link code was used, expired or replaced, or its session timed out. */
  renew?: boolean | "";
}

/** Everything `<otl-link>` takes in TSX: React's props for any element (`id`, `className`, `ref`, …) and the element's attributes and events. */
export type OtlLinkIntrinsicProps = React.DetailedHTMLProps<
  Omit<React.HTMLAttributes<HTMLElementTagNameMap["otl-link"]>, "children">,
  HTMLElementTagNameMap["otl-link"]
> &
  OtlLinkAttributes;

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      /** The one-time link consent flow (`@otl/link`). `@otl/react`'s `<OtlLink>` takes the same inputs as typed props. */
      "otl-link": OtlLinkIntrinsicProps;
    }
  }
}
