import { SANDBOX_STATEMENT_UPLOAD } from "./sandbox-upload.ts";
import type { CredentialsIntegration, IntegrationProvider } from "./types.ts";

const LOGIN_FIELDS: CredentialsIntegration["fields"] = [
  { name: "username", label: "Username", type: "text", autocomplete: "username" },
  { name: "password", label: "Password", type: "password", autocomplete: "current-password" },
];

/**
 * A sandbox integration that accepts one username and password: for demos and tests.
 * The customer-facing refusal is deliberately the same for a wrong user and a wrong password.
 */
function sandboxLogin(key: string, name: string, category: CredentialsIntegration["category"]): CredentialsIntegration {
  return {
    key,
    name,
    category,
    kind: "credentials",
    sandbox: true,
    fields: LOGIN_FIELDS,
    async connect(values) {
      if (values.username === "user_good" && values.password === "pass_good") return { ok: true };
      return { ok: false, message: `${name} did not accept that username and password. Check them and try again.` };
    },
  };
}

/**
 * The built-in sandbox integrations. Sandbox Bank connects with `user_good` / `pass_good`;
 * Statement upload takes PDF or CSV statements.
 */
export const SANDBOX_INTEGRATIONS: readonly IntegrationProvider[] = [
  sandboxLogin("sandbox-bank", "Sandbox Bank", "banking"),
  sandboxLogin("sandbox-books", "Sandbox Books", "accounting"),
  SANDBOX_STATEMENT_UPLOAD,
];
