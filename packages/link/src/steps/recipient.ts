import type { DataKind, RecipientView } from "@otl/protocol/browser";
import { html, nothing, type TemplateResult } from "lit-html";
import { fill, plural } from "../locales/fill.ts";
import { isolate } from "../locales/isolate.ts";
import { dataList, type View } from "./view.ts";

// The terms of sharing, as landing and consent state them: who receives which data, why, for how long,
// and how to withdraw (CONTRACT.md, "Recipient and consent receipts"; the GDPR's and Australia's CDR
// consent rules ask for these same four facts before a customer agrees).

/** `url` if it is a web address, else null: a `javascript:` URL from a misconfigured server never becomes a link or an image. */
function web(url: string | null | undefined): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

/** One fact: a term and its description. */
function fact(term: string, description: unknown): TemplateResult {
  return html`<div><dt>${term}</dt><dd>${description}</dd></div>`;
}

/** The recipient's facts as a description list, or the plain list of data when the server names no recipient. */
export function recipientFacts(view: View, recipient: RecipientView | null, kinds: readonly DataKind[]): TemplateResult {
  if (!recipient) return dataList(view, kinds);
  const t = view.t.recipient;
  const lang = view.t.lang;
  const name = isolate(recipient.name);
  const logoUrl = web(recipient.logoUrl);
  const privacyUrl = web(recipient.privacyUrl);
  const logo = logoUrl ? html`<img part="logo" class="logo" src=${logoUrl} alt="" />` : nothing;
  const privacy = privacyUrl
    ? html`<a part="link" href=${privacyUrl} target="_blank" rel="noopener noreferrer">${fill(t.privacy, { recipient: name }, lang)}</a>`
    : nothing;
  return html`<dl part="facts" class="facts">
    ${fact(t.who, html`<span class="who">${logo}${name}</span>`)}
    ${fact(t.what, dataList(view, kinds))}
    ${recipient.purpose ? fact(t.why, html`<bdi>${recipient.purpose}</bdi>`) : nothing}
    ${fact(t.howLong, fill(t.howLongBody, { days: plural(t.days, recipient.accessDays, lang) }, lang))}
    ${fact(t.withdraw, html`${fill(t.withdrawBody, { recipient: name }, lang)}${privacy}`)}
  </dl>`;
}
