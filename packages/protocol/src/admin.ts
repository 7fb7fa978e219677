import * as z from "zod/mini";
import { CompanyId, ConnectionId, FlowId, LinkId } from "./ids.ts";
import { LIFETIME } from "./lifetimes.ts";
import { LocaleTag, Timestamp, text } from "./text.ts";

/** The key of an integration, e.g. `sandbox-bank`. */
export const IntegrationKey = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "must be an integration key such as sandbox-bank"));

/** How a company can be reached: where "send me a new link" delivers. */
export const Contact = z.strictObject({
  email: z.optional(z.email("must be an e-mail address")),
  phone: z.optional(z.e164("must be a phone number in E.164 form, such as +61400000000")),
});

/** `POST /v1/companies` body. */
export const CreateCompanyRequest = z.strictObject({
  name: text(200),
  contact: z.optional(Contact),
  externalRef: z.optional(text(200)),
  /**
   * The company's language (BCP 47), for the messages the server sends it: delivered links and 2FA
   * codes, in en, fr, de, es, nl, pt or ar (`fr-CA` → `fr`, any other → `en`). Default `en`.
   */
  locale: z.optional(LocaleTag),
});
/** `POST /v1/companies` body. */
export type CreateCompanyRequest = z.infer<typeof CreateCompanyRequest>;

/** A company: the customer whose consent the host asks for. */
export const Company = z.object({
  id: CompanyId,
  name: z.string(),
  contact: z.object({ email: z.nullable(z.string()), phone: z.nullable(z.string()) }),
  externalRef: z.nullable(z.string()),
  /** The language of the messages it is sent; null for the default (English). */
  locale: z.nullable(z.string()),
  createdAt: Timestamp,
});
/** A company. */
export type Company = z.infer<typeof Company>;

/** Where a connection stands. */
export const ConnectionStatus = z.enum(["pending", "linked", "failed"]);
/** Where a connection stands. */
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

/** `POST /v1/companies/:companyId/connections` and `POST /v1/session/connections` body. */
export const CreateConnectionRequest = z.strictObject({ integration: IntegrationKey });
/** Body that starts a connection. */
export type CreateConnectionRequest = z.infer<typeof CreateConnectionRequest>;

/** A company's connection to one integration. */
export const Connection = z.object({
  id: ConnectionId,
  companyId: CompanyId,
  integration: IntegrationKey,
  integrationName: z.string(),
  status: ConnectionStatus,
  /** Why the last attempt failed, in words the customer can read; null otherwise. */
  message: z.nullable(z.string()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
/** A company's connection to one integration. */
export type Connection = z.infer<typeof Connection>;

/** Every state a one-time link can be in. */
export const LinkStatus = z.enum(["active", "consumed", "expired", "revoked", "superseded"]);
/** Every state a one-time link can be in. */
export type LinkStatus = z.infer<typeof LinkStatus>;

/** The two shapes of one-time link. */
export const LinkType = z.enum(["company", "connection"]);
/** The two shapes of one-time link. */
export type LinkType = z.infer<typeof LinkType>;

const linkTtl = z
  .int("must be a whole number of seconds")
  .check(z.minimum(1, "must be at least 1 second"), z.maximum(LIFETIME.linkMax, `must be at most ${LIFETIME.linkMax} seconds (7 days)`));

/**
 * Where a new link is sent (CONTRACT.md ◇ Delivery): `true` for the company's contact on file, or an
 * address the host gives. Never an address a customer typed: only the admin API takes this.
 */
export const Delivery = z.union([
  z.strictObject({ email: z.union([z.literal(true), z.email("must be true (the contact on file) or an e-mail address")]) }),
  z.strictObject({ sms: z.union([z.literal(true), z.e164("must be true (the contact on file) or a phone number in E.164 form")]) }),
]);
/** Where a new link is sent. */
export type Delivery = z.infer<typeof Delivery>;

/** How the sending of a link stands: `queued` (waiting or being retried), `sent`, or `failed` (given up, or the link expired first). */
export const DeliveryStatus = z.enum(["queued", "sent", "failed"]);
/** How the sending of a link stands. */
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** A link's delivery as the admin API shows it: the address masked, the attempts made, the last error. */
export const LinkDelivery = z.object({
  channel: z.enum(["email", "sms"]),
  /** The address, masked (`a***@example.com`, `+61*******678`). */
  to: z.string(),
  status: DeliveryStatus,
  attempts: z.int(),
  lastError: z.nullable(z.string()),
});
/** A link's delivery. */
export type LinkDelivery = z.infer<typeof LinkDelivery>;

const linkOptions = {
  ttlSeconds: z.optional(linkTtl),
  require2fa: z.optional(z.boolean()),
  deliver: z.optional(Delivery),
};

/** `POST /v1/companies/:companyId/links` body. */
export const CreateLinkRequest = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("company"), ...linkOptions }),
  z.strictObject({ type: z.literal("connection"), connectionId: ConnectionId, ...linkOptions }),
]);
/** `POST /v1/companies/:companyId/links` body. */
export type CreateLinkRequest = z.infer<typeof CreateLinkRequest>;

/** A one-time link as the admin API lists it: never with its code. */
export const Link = z.object({
  id: LinkId,
  companyId: CompanyId,
  type: LinkType,
  connectionId: z.nullable(ConnectionId),
  status: LinkStatus,
  require2fa: z.boolean(),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  consumedAt: z.nullable(Timestamp),
  revokedAt: z.nullable(Timestamp),
  /** Present when the link was sent by e-mail or SMS (`deliver`). */
  delivery: z.optional(LinkDelivery),
});
/** A one-time link, without its code. */
export type Link = z.infer<typeof Link>;

/** A link just issued: the only time its code and URL are shown. */
export const IssuedLink = z.extend(Link, { code: z.string(), url: z.string() });
/** A link just issued. */
export type IssuedLink = z.infer<typeof IssuedLink>;

/** `POST /v1/companies/:companyId/access-tokens` body. */
export const CreateAccessTokenRequest = z.strictObject({
  ttlSeconds: z.optional(
    z
      .int("must be a whole number of seconds")
      .check(
        z.minimum(1, "must be at least 1 second"),
        z.maximum(LIFETIME.accessTokenMax, `must be at most ${LIFETIME.accessTokenMax} seconds (1 day)`),
      ),
  ),
});
/** `POST /v1/companies/:companyId/access-tokens` body. */
export type CreateAccessTokenRequest = z.infer<typeof CreateAccessTokenRequest>;

/** A single-use access token for SDK init. */
export const IssuedAccessToken = z.object({ accessToken: z.string(), expiresAt: Timestamp });
/** A single-use access token for SDK init. */
export type IssuedAccessToken = z.infer<typeof IssuedAccessToken>;

/** The steps of a flow, in order. `verify` appears only when the link asked for 2FA. */
export const FLOW_STEPS = ["verify", "consent", "select", "connect", "review", "done"] as const;
/** A step of the consent flow. */
export const FlowStep = z.enum(FLOW_STEPS);
/** A step of the consent flow. */
export type FlowStep = z.infer<typeof FlowStep>;

/** What the customer said to the consent screen. */
export const Consent = z.object({
  status: z.enum(["pending", "accepted", "declined"]),
  at: z.nullable(Timestamp),
});
/** What the customer said to the consent screen. */
export type Consent = z.infer<typeof Consent>;

/**
 * What the customer agreed to, kept when they accept: the consent wording's version and language,
 * when, and a keyed hash (HMAC-SHA-256 under the server's hash key, as the audit log keeps it) of
 * the client address it came from, so the host can show which text was agreed without the address.
 */
export const ConsentReceipt = z.object({
  textVersion: z.string(),
  locale: z.string(),
  acceptedAt: Timestamp,
  /** Null when the server could not tell the client's address. */
  clientHash: z.nullable(z.string()),
});
/** What the customer agreed to, kept when they accept. */
export type ConsentReceipt = z.infer<typeof ConsentReceipt>;

/** `GET /v1/companies/:companyId/flow`: the company's open or last flow. */
export const Flow = z.object({
  id: FlowId,
  companyId: CompanyId,
  status: z.enum(["open", "done", "expired"]),
  step: FlowStep,
  consent: Consent,
  /** The receipt of the last acceptance; null before the customer accepts (or after they decline). */
  consentReceipt: z.nullable(ConsentReceipt),
  connections: z.array(Connection),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  expiresAt: Timestamp,
  finishedAt: z.nullable(Timestamp),
});
/** A company's flow, as the admin API shows it. */
export type Flow = z.infer<typeof Flow>;

/** A list answer. */
export function listOf<T extends z.ZodMiniType>(item: T) {
  return z.object({ items: z.array(item) });
}
