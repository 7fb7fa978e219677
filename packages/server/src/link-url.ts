import type { GrantRecord } from "./store/types.ts";

/**
 * The URL of a one-time link, built from the configured public URL only — never from the
 * request's Host or X-Forwarded-Host, which an attacker can set to send customers elsewhere.
 */
export function linkUrl(publicUrl: string, grant: GrantRecord, code: string): string {
  const otp = encodeURIComponent(code);
  if (grant.kind === "connection_link") {
    return `${publicUrl}/companies/${grant.companyId}/connections/${grant.connectionId}/start?otp=${otp}`;
  }
  return `${publicUrl}/company/${grant.companyId}?link.otp=${otp}`;
}
