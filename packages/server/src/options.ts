import { DataKind, LIFETIME, type RecipientView } from "@otl/protocol";
import type { Context } from "hono";
import * as z from "zod/mini";
import { type Clock, systemClock } from "./clock.ts";
import { SANDBOX_INTEGRATIONS } from "./integrations/sandbox.ts";
import type { IntegrationProvider } from "./integrations/types.ts";
import { createLogger, type Logger } from "./logger.ts";
import type { BackoffPolicy } from "./outbox/backoff.ts";
import type { OutboxKey } from "./outbox/cipher.ts";
import type { EmailSettings } from "./outbox/email.ts";
import type { SmsSettings } from "./outbox/sms.ts";
import type { WebhookOptions } from "./outbox/webhooks-setup.ts";
import { RecipientOption, recipientView } from "./recipient.ts";
import type { OtlStore } from "./store/types.ts";
import { type HashKey, newHashKey } from "./tokens.ts";

/** Lifetimes in seconds; each overrides the contract's default. */
export interface Lifetimes {
  link: number;
  accessToken: number;
  sessionIdle: number;
  sessionAbsolute: number;
  flow: number;
  /** A 2FA code (default 10 minutes, NIST SP 800-63B). */
  secondFactorCode: number;
}

/** Options of `createOtlServer`. Only `store`, `apiKey` and `publicUrl` are required. */
export interface OtlServerOptions {
  /** Where everything is kept: `new SqliteStore({ dataDir })`, or the PostgreSQL store. */
  store: OtlStore;
  /** The admin API key hosts send as `Authorization: Bearer …`. At least 16 characters. */
  apiKey: string;
  /** The public origin (and optional path) link URLs are built from; never the request's Host. */
  publicUrl: string;
  /** HMAC keys for stored secrets, newest first. Keep them across restarts, or issued secrets stop working. */
  hashKeys?: HashKey[];
  /** Origins whose pages may call the browser API, beside the server's own. */
  allowedOrigins?: string[];
  /** A new company link supersedes the company's earlier active ones. Default true. */
  latestLinkOnly?: boolean;
  /** Allow the bare reusable company link, with no code. Default false. */
  allowReusableLinks?: boolean;
  /**
   * "Send me a new link" (`POST /v1/link/renew`, and its button on the hosted page's used, expired,
   * superseded and timed-out screens). Default true; `false` (CLI `--no-renew`, `OTL_RENEW=off`)
   * hides the button and makes the call do nothing (it still answers 202).
   */
  renewLinks?: boolean;
  /** Lifetimes in seconds. */
  lifetimes?: Partial<Lifetimes>;
  /**
   * Where 2FA codes go first (CONTRACT.md ◇ Second factor): `"sms"` (default) to the company's phone,
   * by e-mail when it has none (or the server has no SMS sender); `"email"` the other way round.
   */
  secondFactor?: "sms" | "email";
  /** What the consent screen says will be shared. */
  dataShared?: DataKind[];
  /** Who receives the customer's data and why, named on landing and consent (`OTL_RECIPIENT_*` in the CLI). */
  recipient?: RecipientOption;
  /** The integrations customers can connect. Default: the sandbox ones. */
  integrations?: readonly IntegrationProvider[];
  /** Failed inspects and exchanges allowed per client address in each window. */
  rateLimit?: { maxFailures: number; windowSeconds: number };
  /** Where the server reads the time. */
  clock?: Clock;
  /** Where log records go (default: `createLogger()`, pino on stdout); `false` for none. Records never carry a secret. */
  logger?: Logger | false;
  /** The client's address for rate limits and the audit log; by default the socket's peer. */
  clientAddress?: (c: Context) => string;
  /** E-mail over SMTP (`OTL_SMTP_URL`, `OTL_MAIL_FROM`): links with `deliver: {email}`, 2FA codes by e-mail. */
  mail?: EmailSettings;
  /** SMS through the host's relay (`OTL_SMS_WEBHOOK_URL`, `OTL_SMS_WEBHOOK_SECRET`), or `console` in development. */
  sms?: SmsSettings;
  /**
   * AES-256-GCM keys sealing queued messages, newest first. Keep them across restarts (the CLI keeps
   * them in `outbox-keys.json` or `OTL_OUTBOX_KEYS`), or messages queued before a restart cannot be sent.
   */
  outboxKeys?: OutboxKey[];
  /** The outbox worker: how often it looks for due messages (ms, default 1000) and how it backs off. */
  outbox?: { pollMs?: number; backoff?: BackoffPolicy };
  /** Signed webhooks: an endpoint from the environment, the keys that seal secrets, the retry window. */
  webhooks?: WebhookOptions;
}

const seconds = (max: number) => z.optional(z.int().check(z.minimum(1), z.maximum(max)));

const OptionsShape = z.object({
  apiKey: z.string().check(z.minLength(16, "apiKey must be at least 16 characters")),
  publicUrl: z.url({ protocol: /^https?$/, error: "publicUrl must be an http(s) URL" }),
  allowedOrigins: z.optional(z.array(z.url({ protocol: /^https?$/, error: "allowedOrigins must be http(s) origins" }))),
  lifetimes: z.optional(
    z.object({
      link: seconds(LIFETIME.linkMax),
      accessToken: seconds(LIFETIME.accessTokenMax),
      sessionIdle: seconds(LIFETIME.sessionAbsolute),
      sessionAbsolute: seconds(7 * 24 * 60 * 60),
      flow: seconds(365 * 24 * 60 * 60),
      secondFactorCode: seconds(60 * 60),
    }),
  ),
  dataShared: z.optional(z.array(DataKind)),
  webhooks: z.optional(
    z.object({
      endpoint: z.optional(
        z.object({
          url: z.url({ protocol: /^https?$/, error: "webhooks.endpoint.url must be an http(s) URL" }),
          secret: z.string().check(z.regex(/^whsec_[A-Za-z0-9+/=]{24,}$/, "webhooks.endpoint.secret must be whsec_<base64>")),
        }),
      ),
      retryForSeconds: seconds(30 * 24 * 60 * 60),
    }),
  ),
  recipient: z.optional(RecipientOption),
  rateLimit: z.optional(z.object({ maxFailures: z.int().check(z.minimum(1)), windowSeconds: z.int().check(z.minimum(1)) })),
});

/** Options with every default filled in. */
export interface ResolvedOptions {
  store: OtlStore;
  apiKey: string;
  publicUrl: string;
  publicOrigin: string;
  hashKeys: HashKey[];
  allowedOrigins: Set<string>;
  latestLinkOnly: boolean;
  allowReusableLinks: boolean;
  renewLinks: boolean;
  lifetimes: Lifetimes;
  secondFactor: "sms" | "email";
  dataShared: DataKind[];
  /** The recipient as landing and consent show it, or null for none. */
  recipient: RecipientView | null;
  integrations: ReadonlyMap<string, IntegrationProvider>;
  rateLimit: { maxFailures: number; windowSeconds: number };
  clock: Clock;
  logger: Logger;
  clientAddress: ((c: Context) => string) | undefined;
  mail: EmailSettings | undefined;
  sms: SmsSettings | undefined;
  outboxKeys: OutboxKey[] | undefined;
  outboxWorker: { pollMs?: number; backoff?: BackoffPolicy };
  webhookOptions: WebhookOptions;
}

/** Checks options once, when the server is built, and fills in the defaults. */
export function resolveOptions(options: OtlServerOptions): ResolvedOptions {
  const checked = z.safeParse(OptionsShape, options);
  if (!checked.success) {
    throw new TypeError(
      `Invalid OTL server options: ${checked.error.issues.map((issue) => `${issue.path.join(".") || "options"}: ${issue.message}`).join("; ")}`,
    );
  }
  if (!options.store) throw new TypeError("Invalid OTL server options: store is required");
  const publicUrl = options.publicUrl.replace(/\/+$/, "");
  const integrations = new Map((options.integrations ?? SANDBOX_INTEGRATIONS).map((integration) => [integration.key, integration]));
  return {
    store: options.store,
    apiKey: options.apiKey,
    publicUrl,
    publicOrigin: new URL(publicUrl).origin,
    hashKeys: options.hashKeys ?? [newHashKey()],
    allowedOrigins: new Set((options.allowedOrigins ?? []).map((origin) => new URL(origin).origin)),
    latestLinkOnly: options.latestLinkOnly ?? true,
    allowReusableLinks: options.allowReusableLinks ?? false,
    renewLinks: options.renewLinks ?? true,
    lifetimes: {
      link: options.lifetimes?.link ?? LIFETIME.link,
      accessToken: options.lifetimes?.accessToken ?? LIFETIME.accessToken,
      sessionIdle: options.lifetimes?.sessionIdle ?? LIFETIME.sessionIdle,
      sessionAbsolute: options.lifetimes?.sessionAbsolute ?? LIFETIME.sessionAbsolute,
      flow: options.lifetimes?.flow ?? LIFETIME.flow,
      secondFactorCode: options.lifetimes?.secondFactorCode ?? LIFETIME.secondFactorCode,
    },
    secondFactor: options.secondFactor ?? "sms",
    dataShared: options.dataShared ?? ["accounts", "balances", "transactions"],
    recipient: recipientView(checked.data.recipient, options.lifetimes?.flow ?? LIFETIME.flow),
    integrations,
    rateLimit: options.rateLimit ?? { maxFailures: 60, windowSeconds: 600 },
    clock: options.clock ?? systemClock,
    logger: options.logger === false ? { info() {}, error() {}, infoEnabled: false } : (options.logger ?? createLogger()),
    clientAddress: options.clientAddress,
    mail: options.mail,
    sms: options.sms,
    outboxKeys: options.outboxKeys,
    outboxWorker: options.outbox ?? {},
    // Webhooks seal with the outbox keys unless given their own: one set of keys to keep and to share.
    webhookOptions: { keys: options.outboxKeys, ...options.webhooks },
  };
}
