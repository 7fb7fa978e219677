import type { CredentialsIntegration, RedirectIntegration, UploadIntegration } from "./types.ts";

// Integrations a host writes, one of each kind, as README.md shows them; `host-examples.test.ts` runs
// them on a real server (the redirect one against the Sandbox OAuth Bank). Pass them, beside the
// sandbox ones or instead of them, as `createOtlServer({ integrations: [...] })`.

/**
 * A credentials integration: the host checks the customer's login at its provider and keeps
 * nothing. `login` is the host's call to the provider (here injected, so the example runs offline).
 */
export function accountingLogin(login: (user: string, password: string) => Promise<boolean>): CredentialsIntegration {
  return {
    key: "acme-books",
    name: "Acme Books",
    category: "accounting",
    kind: "credentials",
    sandbox: false,
    fields: [
      { name: "email", label: "Email", type: "text", autocomplete: "username" },
      { name: "password", label: "Password", type: "password", autocomplete: "current-password" },
    ],
    async connect(values) {
      if (await login(values.email ?? "", values.password ?? "")) return { ok: true };
      return { ok: false, message: "Acme Books did not accept that email and password." };
    },
  };
}

/**
 * A redirect integration: a bank's OAuth 2 authorization server and the host's client there. OTL
 * runs the authorization code flow with PKCE S256 and hands the tokens to `linked` once; `keep`
 * is where the host stores them (OTL keeps no provider token).
 */
export function bankOAuth(
  server: { issuer: string; authorizationEndpoint: string; tokenEndpoint: string },
  client: { clientId: string; clientSecret: string },
  keep: (accessToken: string, refreshToken: string | undefined) => Promise<void>,
): RedirectIntegration {
  return {
    key: "harbour-bank",
    name: "Harbour Bank",
    category: "banking",
    kind: "redirect",
    sandbox: false,
    oauth: { ...server, ...client, scope: "accounts transactions" },
    async linked(tokens) {
      await keep(tokens.accessToken, tokens.refreshToken);
      return { ok: true };
    },
  };
}

/** An upload integration: official PDF statements or CSV exports, at most 10 MB each. */
export const STATEMENTS: UploadIntegration = {
  key: "statements",
  name: "Bank statements",
  category: "banking",
  kind: "upload",
  sandbox: false,
  accept: ["application/pdf", "text/csv"],
  maxBytes: 10 * 1024 * 1024,
};
