/// <reference lib="dom" />
// This one file runs in the browser, not in Node.
/**
 * The hosted page's first script, served as a classic script so it runs before anything else:
 * it takes the one-time code out of the address bar at once (so it is not in history, bookmarks,
 * screenshots or a shared URL), then hands it and the `link.*` options to the element.
 * It must stay self-contained: its source text is what the browser receives.
 */
export function hostedPageScript(): void {
  const url = new URL(location.href);
  // A reload finds the code in this tab's history entry, never in the address bar: the landing
  // screen survives a reload, and nothing leaks to history, bookmarks or other tabs.
  const saved = (history.state as { otlCode?: unknown } | null)?.otlCode;
  const code = url.searchParams.get("link.otp") ?? url.searchParams.get("otp") ?? (typeof saved === "string" ? saved : null);
  url.searchParams.delete("link.otp");
  url.searchParams.delete("otp");
  history.replaceState({ ...(history.state as object | null), otlCode: code }, "", url.pathname + url.search + url.hash);
  const options = url.searchParams;
  document.addEventListener("DOMContentLoaded", () => {
    const element = document.querySelector("otl-link");
    if (!element) return;
    if (code) element.setAttribute("code", code);
    const locale = options.get("link.locale");
    if (locale) element.setAttribute("locale", locale);
    const theme = options.get("link.theme");
    if (theme) element.setAttribute("theme", theme);
    if (options.get("link.showSandboxIntegrations") === "false") element.setAttribute("show-sandbox-integrations", "false");
  });
}

/** The script as served. */
export const HOSTED_PAGE_SCRIPT = `"use strict";(${hostedPageScript.toString()})();\n`;
