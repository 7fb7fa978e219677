import { MEMORY } from "../store/sqlite/store.ts";
import { newOutboxKey, type OutboxKey } from "./cipher.ts";
import type { EmailSettings } from "./email.ts";
import { loadOrCreateOutboxKeys, parseOutboxKeys } from "./key-file.ts";
import type { SmsSettings } from "./sms.ts";

/** The outbox's server options as the environment gives them. */
export interface OutboxEnvironment {
  mail?: EmailSettings;
  sms?: SmsSettings;
  outboxKeys: OutboxKey[];
}

const DEFAULT_FROM = "OTL <no-reply@localhost>";

/**
 * Reads `OTL_SMTP_URL`, `OTL_MAIL_FROM`, `OTL_SMS_WEBHOOK_URL` (or `console`), `OTL_SMS_WEBHOOK_SECRET`
 * and `OTL_OUTBOX_KEYS`. Without `OTL_OUTBOX_KEYS` the keys live in the data directory's
 * `outbox-keys.json`; with PostgreSQL (`shared`) they must be given, since every process must open
 * the messages the others queued. Throws an `Error` naming the variable that is wrong.
 */
export function outboxFromEnvironment(env: NodeJS.ProcessEnv, dataDir: string, shared: boolean): OutboxEnvironment {
  const result: OutboxEnvironment = { outboxKeys: [] };
  if (env.OTL_SMTP_URL) {
    if (!/^smtps?:\/\//.test(env.OTL_SMTP_URL)) throw new Error("OTL_SMTP_URL must be an smtp:// or smtps:// URL");
    result.mail = { smtpUrl: env.OTL_SMTP_URL, from: env.OTL_MAIL_FROM || DEFAULT_FROM };
  }
  const relay = env.OTL_SMS_WEBHOOK_URL;
  if (relay === "console") {
    result.sms = "console";
  } else if (relay) {
    if (!/^https?:\/\//.test(relay)) throw new Error("OTL_SMS_WEBHOOK_URL must be an http(s) URL, or console");
    const secret = env.OTL_SMS_WEBHOOK_SECRET;
    if (!secret?.startsWith("whsec_")) throw new Error("OTL_SMS_WEBHOOK_SECRET (whsec_<base64>) is required with OTL_SMS_WEBHOOK_URL");
    result.sms = { webhookUrl: relay, secret };
  }
  if (env.OTL_OUTBOX_KEYS) result.outboxKeys = parseOutboxKeys(env.OTL_OUTBOX_KEYS);
  else if (shared && (result.mail || result.sms)) {
    throw new Error("OTL_OUTBOX_KEYS is required with --database-url: every process must open the messages the others queued");
  } else result.outboxKeys = dataDir === MEMORY || shared ? [newOutboxKey()] : loadOrCreateOutboxKeys(dataDir);
  return result;
}
