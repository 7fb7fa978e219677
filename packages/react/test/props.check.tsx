// The type test of @otl/react: `pnpm typecheck` (tsc) compiles this file and fails when a line marked
// `@ts-expect-error` compiles after all, so a typing that lets a wrong prop through breaks the build.
// Nothing here runs.
import type { ElementBase } from "@otl/link";
import type { OtlLink as OtlLinkElement } from "@otl/link/element";
import type { FlowStep, FlowView } from "@otl/protocol/browser";
import { createRef, type SyntheticEvent } from "react";
import { OtlLink, type OtlLinkInput } from "../src/index.ts";

/** Compiles only when A and B are the same type. */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const covered: Same<OtlLinkInput, Exclude<keyof OtlLinkElement, keyof ElementBase>> = true;

const ref = createRef<OtlLinkElement>();

export const checks = [
  covered,
  // Every input, with the element's own types; every event, with its payload.
  <OtlLink
    key="all"
    ref={ref}
    id="share"
    className="flow"
    style={{ maxWidth: 480 }}
    aria-label="Share your accounts"
    baseUrl="https://otl.example.com"
    accessToken="otl_at_…"
    code="…"
    companyId="co_…"
    connectionId="cn_…"
    locale="fr-CA"
    theme="auto"
    showSandboxIntegrations={false}
    renew
    fetchAccessToken={async () => "otl_at_…"}
    messages={{ fr: { consent: { accept: "Oui, je partage" } }, sv: { lang: "sv", back: "Tillbaka" } }}
    onReady={(event) => event.detail satisfies Record<string, never>}
    onStep={(event) => event.detail.step satisfies FlowStep}
    onConnection={(event) => event.detail.connection.status satisfies "pending" | "linked" | "failed"}
    onFinish={(event) => event.detail.flow satisfies FlowView}
    onClose={(event) => event.detail.step satisfies FlowStep}
    onError={(event) => [event.detail.code, event.detail.message, event.detail.recoverable] satisfies [string, string, boolean]}
    onClick={(event) => event.currentTarget satisfies OtlLinkElement}
  />,

  // @ts-expect-error: theme is "light" | "dark" | "auto"
  <OtlLink key="theme" theme="blue" />,
  // @ts-expect-error: showSandboxIntegrations is a boolean, not the attribute's string
  <OtlLink key="sandbox" showSandboxIntegrations="false" />,
  // @ts-expect-error: messages are the catalogue's strings, by locale tag, with its keys only
  <OtlLink key="messages" messages={{ fr: { consent: { agree: "Oui" } } }} />,
  // @ts-expect-error: fetchAccessToken answers a promise of the token
  <OtlLink key="fetch" fetchAccessToken={() => "otl_at_…"} />,
  // (A hyphenated name such as `base-url` is not checked: TypeScript lets any JSX attribute with a dash
  // through, as it does `data-*`. It would reach the element as an attribute and work.)
  // @ts-expect-error: an unknown prop
  <OtlLink key="unknown" baseurl="https://otl.example.com" />,
  // @ts-expect-error: the element's methods are not props
  <OtlLink key="method" requestUpdate={() => {}} />,
  // @ts-expect-error: the element renders everything itself
  <OtlLink key="children">Share</OtlLink>,
  // @ts-expect-error: onStep's event carries a step, not a flow
  <OtlLink key="detail" onStep={(event) => event.detail.flow} />,
  // @ts-expect-error: onError is the flow's otl-error (a CustomEvent), not React's error event
  <OtlLink key="error" onError={(event: SyntheticEvent) => event} />,
  // @ts-expect-error: ref is the element
  <OtlLink key="ref" ref={createRef<HTMLInputElement>()} />,

  // <otl-link> itself in TSX: its HTML attributes, and `on` + event name for its events (React 19).
  <otl-link
    key="tag"
    base-url="https://otl.example.com"
    access-token="otl_at_…"
    company-id="co_…"
    connection-id="cn_…"
    code="…"
    locale="de"
    theme="dark"
    show-sandbox-integrations="false"
    onotl-finish={(event) => event.detail.flow satisfies FlowView}
    onotl-step={(event) => event.detail.step satisfies FlowStep}
  />,
  // @ts-expect-error: theme is "light" | "dark" | "auto"
  <otl-link key="tag-theme" theme="blue" />,
  // @ts-expect-error: the attribute is a string
  <otl-link key="tag-sandbox" show-sandbox-integrations={false} />,
  // @ts-expect-error: an unknown attribute
  <otl-link key="tag-unknown" baseUrl="https://otl.example.com" />,
  // @ts-expect-error: otl-finish carries the flow, not a step
  <otl-link key="tag-detail" onotl-finish={(event) => event.detail.step} />,
];
