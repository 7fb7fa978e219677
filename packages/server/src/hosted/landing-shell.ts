import { createHash } from "node:crypto";
import { catalogueFor, contentTag } from "@otl/link/locales";
import { landingShell } from "@otl/link/shell";
import { styles } from "@otl/link/styles";
import { escapeHtml } from "./escape-html.ts";
import { staticHtml } from "./static-html.ts";

// The landing's shell, drawn by the server in the hosted page so the customer sees the landing as
// soon as the HTML is parsed, before the element's script has even arrived: the element's own shell
// template (@otl/link/shell, which the element shows while it loads on any other page), written as
// HTML: its heading (a grey bar where the company's name will be: a name is shown only to a valid
// code, by `inspect`), its words, grey lines for the facts and a disabled Start, in the element's own style sheet (inside a
// declarative shadow root, so it styles nothing else). The page holds <otl-link> `hidden` beside it
// until the element's first screen is ready (`otl-ready`); the page script then swaps the two in one
// task, so the customer never sees the element's loading screen, nor a blank box while a language's
// words load. The template is the element's own (it shows it while it loads), so it costs the
// bundle nothing more here.

/** The element's style sheet as the shell's `<style>` holds it (comments and runs of white space dropped). */
export const SHELL_STYLE = styles.cssText
  .replace(/\/\*[\s\S]*?\*\//g, "")
  .replace(/\s+/g, " ")
  .trim();

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
  const { title, body, notice } = landingShell(t);
  return `<div data-otl-shell><template shadowrootmode="open"><style>${SHELL_STYLE}</style><div part="container" class="c ${scheme}" lang="${escapeHtml(lang)}" dir="${t.dir}" data-screen="landing" aria-busy="true"><h2 part="heading" tabindex="-1">${staticHtml(title)}</h2>${staticHtml(body)}<p class="sr" role="status" aria-live="polite">${staticHtml(notice)}</p></div></template></div>`;
}
