import { html } from "hono/html";
import type { EmailContent, SmsContent } from "./delivery-message.ts";

/** What a 2FA message says: the code, whose it is, and how long it lives. */
export interface CodeFacts {
  companyName: string;
  code: string;
  /** Minutes the code lives. */
  minutes: number;
}

// The code leads the SMS, so phones that offer "copy code" find it; no link, so nothing to phish with.

/** The SMS that carries a 2FA code. */
export function codeSms(to: string, facts: CodeFacts): SmsContent {
  return {
    to,
    body: `${facts.code} is your verification code for ${facts.companyName}'s secure link. It expires in ${facts.minutes} minutes. Never share it.`,
    purpose: "second_factor",
  };
}

/** The e-mail that carries a 2FA code (when the company has no phone on file): plain text and HTML saying the same. */
export function codeEmail(to: string, facts: CodeFacts): EmailContent {
  const subject = `Your verification code for ${facts.companyName}`;
  const expiry = `Enter it on the page that asked for it; it expires in ${facts.minutes} minutes.`;
  const warning = "If you did not ask for it, ignore this message and never share the code.";
  const text = [`Hello ${facts.companyName},`, "", `Your verification code is ${facts.code}. ${expiry}`, "", warning].join("\n");
  const body = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${subject}</title></head>
<body><p>Hello ${facts.companyName},</p><p>Your verification code is <strong>${facts.code}</strong>. ${expiry}</p><p>${warning}</p></body></html>`;
  return { to, subject, text, html: String(body) };
}
