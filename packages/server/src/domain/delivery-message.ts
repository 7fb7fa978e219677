import type { DataKind } from "@otl/protocol";
import { html } from "hono/html";
import { fillWords, type MessageWords, messageWords } from "./message-words.ts";

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
  /** BCP 47: the company's language (CONTRACT.md ◇ Delivery); its words if shipped, else English. Dates follow it. */
  locale?: string | null | undefined;
}

function expiry(expiresAt: number, locale: string): string {
  return `${new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(expiresAt)} UTC`;
}

/** What is shared, as one phrase in the message's language ("accounts, balances and transactions"). */
function dataList(words: MessageWords, kinds: readonly DataKind[]): string {
  return new Intl.ListFormat(words.lang, { type: "conjunction" }).format(kinds.map((kind) => words.data[kind]));
}

/** The locale dates are written in: the company's own tag when it is a form of the words' language. */
function dateLocale(words: MessageWords, locale: string | null | undefined): string {
  return locale?.toLowerCase().startsWith(words.lang) ? locale : words.lang;
}

/**
 * The e-mail that carries a link, in the company's language. The URL appears as it is, in both parts,
 * never rewritten or shortened; no image, no tracking pixel, no remote content: mail scanners may open
 * the link, and the hosted page already resists that (SECURITY.md, "Link scanners"), but nothing here
 * counts opens. Host strings are escaped in the HTML part (hono's `html` template).
 */
export function linkEmail(to: string, facts: LinkMessageFacts): EmailContent {
  const words = messageWords(facts.locale);
  const values = {
    company: facts.companyName,
    shared: dataList(words, facts.dataShared),
    until: expiry(facts.expiresAt, dateLocale(words, facts.locale)),
  };
  const [subject, hello, intro, until] = [words.linkSubject, words.hello, words.linkIntro, words.linkExpiry].map((line) =>
    fillWords(line, values),
  );
  const text = [hello, "", intro, "", facts.url, "", until].join("\n");
  const body = html`<!doctype html>
<html lang="${words.lang}" dir="${words.dir}"><head><meta charset="utf-8"><title>${subject}</title></head>
<body>
<p>${hello}</p>
<p>${intro}</p>
<p><a href="${facts.url}">${facts.url}</a></p>
<p>${until}</p>
</body></html>`;
  return { to, subject: subject as string, text, html: String(body) };
}

/** The SMS that carries a link, in the company's language: short, the URL whole. */
export function linkSms(to: string, facts: LinkMessageFacts): SmsContent {
  const words = messageWords(facts.locale);
  const values = {
    company: facts.companyName,
    shared: dataList(words, facts.dataShared),
    url: facts.url,
    until: expiry(facts.expiresAt, dateLocale(words, facts.locale)),
  };
  return { to, body: fillWords(words.linkSms, values), purpose: "link" };
}
