import type { Integration } from "@otl/protocol/browser";
import { html, type SVGTemplateResult, svg, type TemplateResult } from "lit-html";

// Integration logos drawn inline, so they need no image request and no `img-src` in the host's
// Content-Security-Policy. The sandbox integrations ship their own marks; any other integration
// gets its category's icon.

const TILE = (fill: string, mark: SVGTemplateResult) => svg`<rect width="24" height="24" rx="6" fill=${fill}></rect>${mark}`;

const SANDBOX: Readonly<Record<string, SVGTemplateResult>> = {
  // Columns under a roof: a bank.
  "sandbox-bank": TILE("#1d4ed8", svg`<path fill="#fff" d="M12 4l8 4v2H4V8zM6 11h2v6H6zm5 0h2v6h-2zm5 0h2v6h-2zM4 18h16v2H4z"/>`),
  // An open ledger: accounting software.
  "sandbox-books": TILE(
    "#047857",
    svg`<path fill="#fff" d="M5 6c2.5-1 4.5-1 6.5.5V19c-2-1.3-4-1.3-6.5-.5zm14 0c-2.5-1-4.5-1-6.5.5V19c2-1.3 4-1.3 6.5-.5z"/>`,
  ),
  // The OAuth sandbox bank: the bank's columns on a tile of its own colour.
  "sandbox-oauth-bank": TILE("#b45309", svg`<path fill="#fff" d="M12 4l8 4v2H4V8zM6 11h2v6H6zm5 0h2v6h-2zm5 0h2v6h-2zM4 18h16v2H4z"/>`),
  // A page with a folded corner: a statement upload (the server's sandbox key).
  "sandbox-statements": TILE("#7c3aed", svg`<path fill="#fff" d="M7 4h7l4 4v12H7zm7 0v4h4M9 12h7v1.5H9zm0 3h7v1.5H9z"/>`),
};

const CATEGORY: Readonly<Record<Integration["category"], SVGTemplateResult>> = {
  banking: svg`<path fill="none" stroke="currentColor" stroke-width="1.6" d="M3 9l9-5 9 5M5 10v7m4.7-7v7m4.6-7v7m4.7-7v7M3 20h18"/>`,
  accounting: svg`<path fill="none" stroke="currentColor" stroke-width="1.6" d="M6 3h12v18H6zM9 7h6m-6 4h6m-6 4h3"/>`,
  commerce: svg`<path fill="none" stroke="currentColor" stroke-width="1.6" d="M3 4h2l2.4 11h11L21 7H6.3M9 20a1 1 0 100-2 1 1 0 000 2zm9 0a1 1 0 100-2 1 1 0 000 2z"/>`,
};

/** The integration's logo, 24 units square; hidden from assistive technology, as its name is beside it. */
export function logo(item: Pick<Integration, "key" | "category">): TemplateResult {
  return html`<svg part="logo" class="logo" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${SANDBOX[item.key] ?? CATEGORY[item.category]}</svg>`;
}
