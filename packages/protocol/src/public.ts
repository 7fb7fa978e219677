import * as z from "zod/mini";
import { Connection, Consent, FlowStep, IntegrationKey, LinkStatus } from "./admin.ts";
import { AccessToken, CompanyId, ConnectionId, FlowId, LinkCode, SessionToken } from "./ids.ts";
import { LocaleTag, safeRecord, Timestamp } from "./text.ts";

/** The kinds of data a flow shares, as keys the element translates. */
export const DataKind = z.enum(["accounts", "balances", "transactions", "statements", "accounting"]);
/** A kind of data a flow shares. */
export type DataKind = z.infer<typeof DataKind>;

/** `POST /v1/link/inspect` body: look at a link without consuming it. */
export const InspectRequest = z.strictObject({
  code: LinkCode,
  companyId: CompanyId,
  connectionId: z.optional(ConnectionId),
});
/** `POST /v1/link/inspect` body. */
export type InspectRequest = z.infer<typeof InspectRequest>;

/**
 * Who receives the customer's data and why (server option `recipient`, `OTL_RECIPIENT_*`), as landing
 * and consent name them. `accessDays` is how long the access lasts at most: the server's flow lifetime.
 */
export const RecipientView = z.object({
  name: z.string(),
  logoUrl: z.nullable(z.string()),
  privacyUrl: z.nullable(z.string()),
  purpose: z.nullable(z.string()),
  accessDays: z.int(),
});
/** Who receives the customer's data and why. */
export type RecipientView = z.infer<typeof RecipientView>;

/** `POST /v1/link/inspect` answer: enough for a landing screen, nothing more. */
export const InspectResult = z.object({
  status: LinkStatus,
  companyName: z.string(),
  expiresAt: Timestamp,
  require2fa: z.boolean(),
  dataShared: z.array(DataKind),
  /** Null when the server names no recipient. */
  recipient: z.nullable(RecipientView),
});
/** `POST /v1/link/inspect` answer. */
export type InspectResult = z.infer<typeof InspectResult>;

/**
 * `POST /v1/link/exchange` body: a link code at its company (and connection), an access token,
 * or — only where the server allows reusable links — a bare company id.
 */
export const ExchangeRequest = z
  .strictObject({
    code: z.optional(LinkCode),
    companyId: z.optional(CompanyId),
    connectionId: z.optional(ConnectionId),
    accessToken: z.optional(AccessToken),
  })
  .check(
    z.superRefine((body, ctx) => {
      const fail = (field: string, message: string) => ctx.addIssue({ code: "custom", path: [field], message, input: body });
      if (body.accessToken !== undefined) {
        if (body.code !== undefined) fail("code", "is not allowed with accessToken");
        if (body.companyId !== undefined) fail("companyId", "is not allowed with accessToken");
        if (body.connectionId !== undefined) fail("connectionId", "is not allowed with accessToken");
      } else if (body.companyId === undefined) {
        fail(
          body.code === undefined ? "code" : "companyId",
          body.code === undefined ? "give code with companyId, or accessToken" : "is required with code",
        );
      } else if (body.code === undefined && body.connectionId !== undefined) {
        fail("code", "is required with connectionId");
      }
    }),
  );
/** `POST /v1/link/exchange` body. */
export type ExchangeRequest =
  | { code: string; companyId: string; connectionId?: string | undefined }
  | { accessToken: string }
  | { companyId: string };

/** A field of a credentials form, as an integration asks for it. */
export const CredentialField = z.object({
  name: z.string(),
  label: z.string(),
  type: z.enum(["text", "password"]),
  autocomplete: z.optional(z.string()),
});
/** A field of a credentials form. */
export type CredentialField = z.infer<typeof CredentialField>;

/**
 * What the customer does next to connect an integration, by its kind:
 * - `credentials`: fill in `fields` and send them once;
 * - `redirect`: go to `url`, the provider's OAuth 2 authorize URL (its `state` is usable once and
 *   expires with the session). `url` is null when the flow is read again later (after a reload or
 *   a return): start the same connection again for a fresh one;
 * - `upload`: send files of the media types in `accept`, each at most `maxBytes` bytes.
 */
export const ConnectNext = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("credentials"), fields: z.array(CredentialField) }),
  z.object({ kind: z.literal("redirect"), url: z.nullable(z.string()) }),
  z.object({ kind: z.literal("upload"), accept: z.array(z.string()), maxBytes: z.int() }),
]);
/** What the customer does next to connect an integration. */
export type ConnectNext = z.infer<typeof ConnectNext>;

/** A connection as the customer sees it in the flow. */
export const ConnectionView = z.pick(Connection, { id: true, integration: true, integrationName: true, status: true, message: true });
/** A connection as the customer sees it in the flow. */
export type ConnectionView = z.infer<typeof ConnectionView>;

/** A connection under way and what it needs next. */
export const Connecting = z.object({ connection: ConnectionView, next: ConnectNext });
/** A connection under way and what it needs next. */
export type Connecting = z.infer<typeof Connecting>;

/**
 * Where the 2FA code of a session at `verify` went, and when another may be asked for: `to` is masked
 * (`+61*******678`, `a***@example.com`); `resendAt` is the first instant a resend is accepted (30 s
 * after the last send).
 */
export const Verification = z.object({
  channel: z.enum(["email", "sms"]),
  to: z.string(),
  resendAt: Timestamp,
});
/** Where the 2FA code went, and when another may be asked for. */
export type Verification = z.infer<typeof Verification>;

/** The flow as the browser sees it: everything the element needs to render the current step. */
export const FlowView = z.object({
  id: FlowId,
  companyId: CompanyId,
  companyName: z.string(),
  step: FlowStep,
  require2fa: z.boolean(),
  consent: Consent,
  dataShared: z.array(DataKind),
  connections: z.array(ConnectionView),
  connecting: z.nullable(Connecting),
  expiresAt: Timestamp,
  /** Null when the server names no recipient. */
  recipient: z.nullable(RecipientView),
  /** At `verify`: where the code went and when a resend is allowed; absent or null at any other step. */
  verification: z.optional(z.nullable(Verification)),
});
/** The flow as the browser sees it. */
export type FlowView = z.infer<typeof FlowView>;

/** `POST /v1/link/exchange` answer. */
export const ExchangeResult = z.object({ sessionToken: SessionToken, expiresAt: Timestamp, flow: FlowView });
/** `POST /v1/link/exchange` answer. */
export type ExchangeResult = z.infer<typeof ExchangeResult>;

/**
 * `POST /v1/link/renew` body ("send me a new link"): the spent, expired or superseded link's code,
 * where it was opened. Always answered 202, whatever happened.
 */
export const RenewRequest = z.strictObject({
  code: LinkCode,
  companyId: CompanyId,
  connectionId: z.optional(ConnectionId),
});
/** `POST /v1/link/renew` body. */
export type RenewRequest = z.infer<typeof RenewRequest>;

/** `POST /v1/session/verify` body: the 6-digit code the customer received. */
export const VerifyRequest = z.strictObject({ code: z.string().check(z.regex(/^\d{6}$/, "must be 6 digits")) });
/** `POST /v1/session/verify` body. */
export type VerifyRequest = z.infer<typeof VerifyRequest>;

/** The version of the consent wording the customer read, e.g. `2026-11-30`: letters, digits, `.`, `_` and `-`. */
export const ConsentTextVersion = z.string().check(z.regex(/^[A-Za-z0-9._-]{1,64}$/, "must be 1 to 64 letters, digits, '.', '_' or '-'"));

/**
 * `POST /v1/session/consent` body. With `accept: true`, `textVersion` and `locale` say which wording
 * the customer agreed to; the server keeps them in the consent receipt.
 */
export const ConsentRequest = z.strictObject({
  accept: z.boolean(),
  textVersion: z.optional(ConsentTextVersion),
  locale: z.optional(LocaleTag),
});
/** `POST /v1/session/consent` body. */
export type ConsentRequest = z.infer<typeof ConsentRequest>;

/** An integration the customer can connect. */
export const Integration = z.object({
  key: IntegrationKey,
  name: z.string(),
  category: z.enum(["banking", "accounting", "commerce"]),
  kind: z.enum(["credentials", "redirect", "upload"]),
  sandbox: z.boolean(),
});
/** An integration the customer can connect. */
export type Integration = z.infer<typeof Integration>;

/**
 * `POST /v1/session/connections` body. `returnTo` is the page the flow runs on, where the OAuth
 * callback of a `redirect` integration sends the browser back: on the server's own origin or an
 * allow-listed one (else 400 naming `returnTo`). Default: the hosted page of the flow's company.
 */
export const StartConnectionRequest = z.strictObject({
  integration: IntegrationKey,
  returnTo: z.optional(
    z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).check(z.maxLength(2048, "must be at most 2048 characters")),
  ),
});
/** `POST /v1/session/connections` body. */
export type StartConnectionRequest = z.infer<typeof StartConnectionRequest>;

/** `POST /v1/session/connections` answer. */
export const StartConnectionResult = Connecting;
/** `POST /v1/session/connections` answer. */
export type StartConnectionResult = Connecting;

/** `POST /v1/session/connections/:id/credentials` body. */
export const CredentialsRequest = z.strictObject({
  values: safeRecord(
    z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, "must be a field name")),
    z.string().check(z.maxLength(1024, "must be at most 1024 characters")),
  ).check(z.refine((values) => Object.keys(values).length <= 20, "must have at most 20 fields")),
});
/** `POST /v1/session/connections/:id/credentials` body. */
export type CredentialsRequest = z.infer<typeof CredentialsRequest>;

/** `POST /v1/session/finish` body: the customer says they have disclosed all their accounts. */
export const FinishRequest = z.strictObject({ disclosedAll: z.literal(true, "must be true") });
/** `POST /v1/session/finish` body. */
export type FinishRequest = z.infer<typeof FinishRequest>;
