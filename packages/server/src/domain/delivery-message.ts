import type { DataKind } from "@otl/protocol";
import { html } from "hono/html";

/** An e-mail as the outbox sends it: plain text and HTML saying the same. */
export interface EmailContent {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** An SMS as the relay receives it (CONTRACT.md: `{to, body, purpose}`). */
export interface SmsContent {
  to: string;
  body: string;
  purpose: "link" | "second_factor";
}

/** What a link message says: whom it is for, what the link does, where it goes and until when. */
export interface LinkMessageFacts {
  /** The company the link is for, named as the addressee. */
  companyName: string;
  /** What the customer will be asked to share. */
  dataShared: readonly DataKind[];
  url: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /**
   * BCP 47. Only English is written yet: the server has no message catalogue (the element's locales
   * live in @otl/link), so every message is in `en` whatever is asked; the dates follow the locale.
   */
  locale?: string;
}

const DATA_WORDS: Record<DataKind, string> = {
  accounts: "accounts",
  balances: "balances",
  transactions: "transactions",
  statements: "statements",
  accounting: "accounting records",
};

function expiry(expiresAt: number, locale: string): string {
  return `${new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(expiresAt)} UTC`;
}

function dataList(kinds: readonly DataKind[]): string {
  const words = kinds.map((kind) => DATA_WORDS[kind]);
  return words.length <= 1 ? (words[0] ?? "data") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

/**
 * The e-mail that carries a link. The URL appears as it is, in both parts, never rewritten or
 * shortened; no image, no tracking pixel, no remote content: mail scanners may open the link, and the
 * hosted page already resists that (SECURITY.md, "Link scanners"), but nothing here counts opens.
 * Host strings are escaped in the HTML part (hono's `html` template).
 */
export function linkEmail(to: string, facts: LinkMessageFacts): EmailContent {
  const until = expiry(facts.expiresAt, facts.locale ?? "en");
  const shared = dataList(facts.dataShared);
  const subject = `${facts.companyName}: your secure link to share your ${shared}`;
  const text = [
    `Hello ${facts.companyName},`,
    "",
    `You have been asked to connect your financial accounts and share your ${shared}. Open this secure link to review what is shared and to give or refuse your consent:`,
    "",
    facts.url,
    "",
    `The link works once and expires on ${until}. If you did not expect this message, you can ignore it: nothing is shared unless you open the link and agree.`,
  ].join("\n");
  const body = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${subject}</title></head>
<body>
<p>Hello ${facts.companyName},</p>
<p>You have been asked to connect your financial accounts and share your ${shared}. Open this secure link to review what is shared and to give or refuse your consent:</p>
<p><a href="${facts.url}">${facts.url}</a></p>
<p>The link works once and expires on ${until}. If you did not expect this message, you can ignore it: nothing is shared unless you open the link and agree.</p>
</body></html>`;
  return { to, subject, text, html: String(body) };
}

/** The SMS that carries a link: short, the URL whole. */
export function linkSms(to: string, facts: LinkMessageFacts): SmsContent {
  const until = expiry(facts.expiresAt, facts.locale ?? "en");
  return {
    to,
    body: `${facts.companyName}: your secure link to share your ${dataList(facts.dataShared)}: ${facts.url} (works once, expires ${until})`,
    purpose: "link",
  };
}
