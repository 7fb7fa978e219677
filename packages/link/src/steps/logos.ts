import type { Integration } from "@otl/protocol/browser";

// Integration logos drawn inline, so they need no image request and no `img-src` in the host's
// Content-Security-Policy. The sandbox integrations ship their own marks; any other integration
// gets its category's icon. This file is plain data, the paths of a 24-unit square: the templates
// that draw them are in the bundle (./logo-slot.ts), so the file beside it imports nothing.

/** Columns under a roof: a bank. */
const BANK = "M12 4l8 4v2H4V8zM6 11h2v6H6zm5 0h2v6h-2zm5 0h2v6h-2zM4 18h16v2H4z";

/** The sandbox integrations' marks, by key: a tile of the integration's colour, a white path on it. */
export const TILES: Readonly<Record<string, readonly [colour: string, path: string]>> = {
  "sandbox-bank": ["#1d4ed8", BANK],
  // An open ledger: accounting software.
  "sandbox-books": ["#047857", "M5 6c2.5-1 4.5-1 6.5.5V19c-2-1.3-4-1.3-6.5-.5zm14 0c-2.5-1-4.5-1-6.5.5V19c2-1.3 4-1.3 6.5-.5z"],
  // The OAuth sandbox bank: the bank's columns on a tile of its own colour.
  "sandbox-oauth-bank": ["#b45309", BANK],
  // A page with a folded corner: a statement upload (the server's sandbox key).
  "sandbox-statements": ["#7c3aed", "M7 4h7l4 4v12H7zm7 0v4h4M9 12h7v1.5H9zm0 3h7v1.5H9z"],
};

/** Every other integration's mark, by category: a path drawn in the text's colour, as a line. */
export const ICONS: Readonly<Record<Integration["category"], string>> = {
  banking: "M3 9l9-5 9 5M5 10v7m4.7-7v7m4.6-7v7m4.7-7v7M3 20h18",
  accounting: "M6 3h12v18H6zM9 7h6m-6 4h6m-6 4h3",
  commerce: "M3 4h2l2.4 11h11L21 7H6.3M9 20a1 1 0 100-2 1 1 0 000 2zm9 0a1 1 0 100-2 1 1 0 000 2z",
};
