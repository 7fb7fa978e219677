import { type RecipientView, text } from "@otl/protocol";
import * as z from "zod/mini";

// Who receives the customer's data, and why: the consent screen must name them (CONTRACT.md,
// "Recipient and consent receipts"). A host sets it once, as the `recipient` option or from the
// environment, and every landing and consent screen carries it.

const webUrl = (field: string) => z.url({ protocol: /^https?$/, error: `${field} must be an http(s) URL` });

/** The `recipient` server option, checked when the server is built. */
export const RecipientOption = z.object({
  /** Who receives the data, as the customer knows them, e.g. "Acme Lending Pty Ltd". */
  name: text(120),
  /** A square logo shown beside the name (https, or http in development). */
  logoUrl: z.optional(webUrl("recipient.logoUrl")),
  /** Their privacy policy: what they do with the data and how to withdraw. */
  privacyUrl: z.optional(webUrl("recipient.privacyUrl")),
  /** Why they need the data, in one sentence the customer reads, e.g. "to assess your loan application". */
  purpose: z.optional(text(300)),
});
/** The `recipient` server option. */
export type RecipientOption = z.infer<typeof RecipientOption>;

/** The environment twins of the `recipient` option (CONTRACT.md): none set means no recipient. */
export function recipientFromEnv(env: Record<string, string | undefined>): RecipientOption | undefined {
  const name = env.OTL_RECIPIENT_NAME;
  const logoUrl = env.OTL_RECIPIENT_LOGO_URL;
  const privacyUrl = env.OTL_RECIPIENT_PRIVACY_URL;
  const purpose = env.OTL_RECIPIENT_PURPOSE;
  if (name === undefined && logoUrl === undefined && privacyUrl === undefined && purpose === undefined) return undefined;
  // A logo or a purpose without a name is a half-configured recipient: the option's check names the missing name.
  return { name: name ?? "", ...(logoUrl && { logoUrl }), ...(privacyUrl && { privacyUrl }), ...(purpose && { purpose }) };
}

/** The wire view of the recipient; access lasts at most as long as a flow, in whole days. */
export function recipientView(option: RecipientOption | undefined, flowSeconds: number): RecipientView | null {
  if (!option) return null;
  return {
    name: option.name,
    logoUrl: option.logoUrl ?? null,
    privacyUrl: option.privacyUrl ?? null,
    purpose: option.purpose ?? null,
    accessDays: Math.ceil(flowSeconds / 86_400),
  };
}
