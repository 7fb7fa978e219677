import type { CredentialField, Integration } from "@otl/protocol";

/** What an integration answered to the customer's credentials. */
export type CredentialsOutcome = { ok: true } | { ok: false; message: string };

/**
 * An integration the customer can connect with a credentials form. Hosts add their own beside
 * the built-in sandbox ones; `connect` receives the values once and must not keep them.
 */
export interface CredentialsIntegration extends Integration {
  kind: "credentials";
  fields: CredentialField[];
  connect(values: Readonly<Record<string, string>>): Promise<CredentialsOutcome>;
}

/** Every kind of integration the server can drive today. */
export type IntegrationProvider = CredentialsIntegration;
