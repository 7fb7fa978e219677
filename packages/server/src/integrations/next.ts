import type { ConnectNext } from "@otl/protocol";
import type { IntegrationProvider } from "./types.ts";

/** The default largest upload, in bytes (CONTRACT.md: 20 MB). */
export const DEFAULT_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

/**
 * What the customer does next for `integration`. `authorizeUrl` is the one-time OAuth authorize
 * URL of a redirect integration just started, or null when the flow is only read.
 */
export function connectNext(integration: IntegrationProvider, authorizeUrl: string | null = null): ConnectNext {
  switch (integration.kind) {
    case "credentials":
      return { kind: "credentials", fields: integration.fields };
    case "redirect":
      return { kind: "redirect", url: authorizeUrl };
    case "upload":
      return { kind: "upload", accept: integration.accept, maxBytes: integration.maxBytes ?? DEFAULT_UPLOAD_MAX_BYTES };
  }
}
