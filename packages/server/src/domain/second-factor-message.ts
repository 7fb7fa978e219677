import { html } from "hono/html";
import type { EmailContent, SmsContent } from "./delivery-message.ts";
import { fillWords, messageWords } from "./message-words.ts";

/** What a 2FA message says: the code, whose it is, and how long it lives. */
export interface CodeFacts {
  companyName: string;
  code: string;
  /** Minutes the code lives. */
  minutes: number;
  /** BCP 47: the company's language; its words if shipped, else English. */
  locale?: string | null | undefined;
}

// The code leads the SMS, so phones that offer "copy code" find it; no link, so nothing to phish with.

/** The SMS that carries a 2FA code, in the company's language. */
export function codeSms(to: string, facts: CodeFacts): SmsContent {
  const words = messageWords(facts.locale);
  return {
    to,
    body: fillWords(words.codeSms, { code: facts.code, company: facts.companyName, minutes: facts.minutes }),
    purpose: "second_factor",
  };
}

/** The e-mail that carries a 2FA code (when the company has no phone on file), in its language: plain text and HTML saying the same. */
export function codeEmail(to: string, facts: CodeFacts): EmailContent {
  const words = messageWords(facts.locale);
  const values = { company: facts.companyName, minutes: facts.minutes };
  const subject = fillWords(words.codeSubject, values);
  const hello = fillWords(words.hello, values);
  const expiry = fillWords(words.codeExpiry, values);
  const [before, after] = words.codeIs.split("{code}") as [string, string];
  const text = [hello, "", `${before}${facts.code}${after} ${expiry}`, "", words.codeWarning].join("\n");
  const body = html`<!doctype html>
<html lang="${words.lang}" dir="${words.dir}"><head><meta charset="utf-8"><title>${subject}</title></head>
<body><p>${hello}</p><p>${before}<strong>${facts.code}</strong>${after} ${expiry}</p><p>${words.codeWarning}</p></body></html>`;
  return { to, subject, text, html: String(body) };
}
