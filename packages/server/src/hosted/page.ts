import { createHash } from "node:crypto";
import { catalogueFor, contentTag, PAGE_TITLES } from "@otl/link/locales";
import { escapeHtml } from "./escape-html.ts";
import { landingShellHtml } from "./landing-shell.ts";

/** Where the assets are, as a path: under the public URL's own path, so a server mounted at `/otl` works. */
function assetsPath(publicUrl: string): string {
  return `${new URL(publicUrl).pathname.replace(/\/+$/, "")}/assets`;
}

/** What the hosted page embeds. Every value is escaped; the code is never part of the page. */
export interface HostedPage {
  publicUrl: string;
  companyId: string;
  connectionId: string | null;
  /** The `link.locale` of the link's query, already checked for shape, or null for English. */
  locale: string | null;
  /** The element offers "Send me a new link" on its spent-link screens (server option `renewLinks`). */
  renew: boolean;
  /** The `link.theme` of the link's query, already checked for shape, or null for light. */
  theme: string | null;
  /**
   * Whether to draw the landing's shell in the page (./landing-shell.ts): when the address carries a
   * code of the right shape, which the element lands with. Not on a reload (the code has left the
   * address, and the tab's session resumes at its own step), nor for a code the element will refuse.
   */
  shell: boolean;
}

/**
 * The page's own words, in the language the element will speak: the catalogue's `language`, the
 * `lang` to write it in (the link's own tag when it is a form of that language, as the element does),
 * its `dir` and the `<title>`.
 */
function pageLanguage(locale: string | null): { language: string; lang: string; dir: string; title: string } {
  const t = catalogueFor(locale);
  return { language: t.lang, lang: contentTag(locale, t.lang), dir: t.dir, title: PAGE_TITLES[t.lang] ?? (PAGE_TITLES.en as string) };
}

/**
 * The HTML of a link page: no inline script, only the page script and the element from this server;
 * its two inline styles, the page's and the landing shell's (./landing-shell.ts), are allowed by their hashes.
 */
export function hostedPageHtml(page: HostedPage): string {
  const assets = escapeHtml(assetsPath(page.publicUrl));
  const connection = page.connectionId ? ` connection-id="${escapeHtml(page.connectionId)}"` : "";
  const renew = page.renew ? " renew" : "";
  const { language, lang, dir, title } = pageLanguage(page.locale);
  const shell = page.shell ? landingShellHtml({ locale: page.locale, theme: page.theme }) : "";
  // The page's own few rules are in the page, allowed by their hash (PAGE_STYLE_SOURCE): a style sheet
  // of its own was one more request that held the first paint back (render-blocking) until it came.
  // The element fetches its catalogue only once the page script has handed it `locale`: preloading
  // the file now fetches it beside the bundle instead of after it. No external style sheet comes
  // before the page script, which a classic script would wait for: it sends the link's `inspect` the
  // moment it arrives, and the landing waits for that answer.
  const catalogue = language === "en" ? "" : `\n<link rel="modulepreload" href="${assets}/otl-link.${escapeHtml(language)}.js">`;
  // With a shell, the bundle is fetched now (modulepreload) but run by the page script once the shell
  // is painted: a module script would run as soon as parsing ends, before any paint, and the customer
  // would see nothing until the element had booted. Without one, the element is the first thing shown.
  const element = shell
    ? `<link rel="modulepreload" href="${assets}/otl-link.js" data-otl-element>`
    : `<script type="module" src="${assets}/otl-link.js"></script>`;
  return `<!doctype html>
<html lang="${escapeHtml(lang)}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<script src="${assets}/otl-hosted.js"></script>
${element}${catalogue}
<style>${HOSTED_PAGE_CSS}</style>
</head>
<body>
<main>
${shell}<otl-link base-url="${escapeHtml(page.publicUrl)}" company-id="${escapeHtml(page.companyId)}"${connection}${renew}${shell ? " hidden" : ""}></otl-link>
</main>
</body>
</html>
`;
}

/** A plain page for a link that cannot be opened at all, in the link's language (`link.locale`, or English). */
export function hostedInvalidLinkHtml(locale: string | null): string {
  const t = catalogueFor(locale);
  return hostedErrorHtml(t.failure.invalid.heading, t.failure.invalid.body, contentTag(locale, t.lang), t.dir);
}

/** A plain page for a failure, with its title and message in `lang`, written in direction `dir`. */
function hostedErrorHtml(title: string, message: string, lang = "en", dir = "ltr"): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}" dir="${escapeHtml(dir)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${HOSTED_PAGE_CSS}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main></body>
</html>
`;
}

/**
 * The hosted page's own style sheet: a centred column, the element does the rest. The pages hold it
 * in a `<style>`; `/assets/otl-hosted.css` still serves it for pages built before.
 */
export const HOSTED_PAGE_CSS = `html{color-scheme:light dark}body{margin:0;font-family:system-ui,sans-serif;display:flex;justify-content:center;padding:clamp(0px,4vw,48px) 0}main{width:min(480px,100%);padding:0 16px;box-sizing:border-box}\n`;

/** The Content-Security-Policy source that allows the pages' `<style>` of HOSTED_PAGE_CSS. */
export const PAGE_STYLE_SOURCE = `'sha256-${createHash("sha256").update(HOSTED_PAGE_CSS).digest("base64")}'`;
