"use client";

// A client module for React Server Components (Next.js and the like): the component sets element
// properties and listens to events, which only the browser does. It still imports and renders on the
// server, as every client component must for server rendering.

export type { OtlEvent, OtlEventDetails, OtlEventName, OtlTheme } from "@otl/link";
export type { OtlHandlerName, OtlLinkHandlers } from "./events.ts";
export type { OtlLinkAttributes, OtlLinkEventAttributes, OtlLinkIntrinsicProps } from "./jsx.ts";
export { OtlLink } from "./otl-link.ts";
export type { OtlLinkHostProps, OtlLinkInput, OtlLinkInputs, OtlLinkProps } from "./props.ts";
