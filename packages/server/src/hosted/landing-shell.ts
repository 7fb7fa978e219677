import { createHash } from "node:crypto";
import { catalogueFor, contentTag } from "@otl/link/locales";
import { styles } from "@otl/link/styles";
import { escapeHtml } from "./escape-html.ts";

// The landing's shell, drawn by the server in the hosted page so the customer sees the landing as
// soon as the HTML is parsed, before the element's script has even arrived: its heading (a grey bar
// where the company's name will be: a name is shown only to a valid code, by `inspect`), its words,
// grey lines for the facts and a disabled Start, in the element's own style sheet (inside a
// declarative shadow root, so it styles nothing else). The page holds <otl-link> `hidden` beside it
// until the element's first screen is ready (`otl-ready`); the page script then swaps the two in one
// task, so the customer never sees the element's loading screen, nor a blank box while a language's
// words load. It costs the element's bundle nothing.

/**
 * The element's style sheet as the shell's `<style>` holds it (comments and runs of white space
 * dropped), and the one rule of the shell's own: the bar in the heading's line.
 */
export const SHELL_STYLE = `${styles.cssText
  .replace(/\/\*[\s\S]*?\*\//g, "")
  .replace(/\s+/g, " ")
  .trim()} .skn{display:inline-block;width:6em;margin:0}`;

/** The Content-Security-Policy source that allows exactly that `<style>` (and no other inline style). */
export const SHELL_STYLE_SOURCE = `'sha256-${createHash("sha256").update(SHELL_STYLE).digest("base64")}'`;

/** What the shell is drawn from: the link's `link.locale` and `link.theme`, already checked for shape, or null. */
export interface ShellOptions {
  locale: string | null;
  theme: string | null;
}

/** The shell's HTML: a `<div data-otl-shell>` holding a declarative shadow root, to stand before the hidden element. */
export function landingShellHtml({ locale, theme }: ShellOptions): string {
  const t = catalogueFor(locale);
  const lang = contentTag(locale, t.lang);
  // As the element's theme attribute: `dark` and `auto` as written, anything else light.
  const scheme = theme === "dark" || theme === "auto" ? theme : "light";
  const heading = t.landing.heading
    .split(/\{(\w+)\}/)
    .map((part, index) => (index % 2 === 0 ? escapeHtml(part) : '<bdi class="sk skn" aria-hidden="true"></bdi>'))
    .join("");
  const lines = '<div class="sk"></div>'.repeat(3);
  return `<div data-otl-shell><template shadowrootmode="open"><style>${SHELL_STYLE}</style><div part="container" class="c ${scheme}" lang="${escapeHtml(lang)}" dir="${t.dir}" data-screen="landing" aria-busy="true"><h2 part="heading" tabindex="-1">${heading}</h2><p part="text">${escapeHtml(t.landing.intro)}</p><div aria-hidden="true">${lines}</div><div part="actions" class="row"><button part="button primary-button" class="p" type="button" disabled><span class="spin" aria-hidden="true"></span>${escapeHtml(t.landing.start)}</button></div><p class="sr" role="status" aria-live="polite">${escapeHtml(t.loading)}</p></div></template></div>`;
}
