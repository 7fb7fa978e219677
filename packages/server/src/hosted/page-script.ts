/// <reference lib="dom" />
// This one file runs in the browser, not in Node.

/** What a link's query holds once read: the code, if any, and the `link.*` options the page knows. */
export interface LinkQuery {
  /** The one-time code, with what mail clients add after it dropped; null when there is none. */
  code: string | null;
  /** Only the known options, each with a value of its own shape: nothing else can carry a code. */
  options: Record<string, string>;
}

/**
 * Reads a link's query however a mail or chat client mangled it (SECURITY.md, "Link scanners and
 * previews"): `&amp;` for `&`, a doubled or stray `?`, punctuation or white space glued after the code
 * (`!`, `.`, `)`, `>`, `"`, a space or a newline, percent-encoded or not). The code keeps its leading
 * run of base64url characters; a code still malformed then gets the element's "not valid" screen.
 * It must stay self-contained: its source text is served as part of the page script.
 */
export function readLinkQuery(search: string): LinkQuery {
  const OPTION_SHAPES: Record<string, RegExp> = {
    "link.locale": /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}$/,
    "link.theme": /^(?:light|dark|auto)$/,
    "link.showSandboxIntegrations": /^(?:true|false)$/,
  };
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text.replace(/\+/g, " "));
    } catch {
      return text;
    }
  };
  let code: string | null = null;
  const options: Record<string, string> = {};
  // `?`, `&` and the HTML-escaped `&amp;` (also `&#38;`) all end a parameter here.
  for (const part of search.split(/&amp;|&#0*38;|[?&]/i)) {
    const equals = part.indexOf("=");
    if (equals <= 0) continue;
    const key = decode(part.slice(0, equals)).trim();
    const value = decode(part.slice(equals + 1)).trim();
    if (key === "link.otp" || key === "otp") {
      code ??= /^[A-Za-z0-9_-]*/.exec(value)?.[0] || null;
      continue;
    }
    const shape = OPTION_SHAPES[key];
    // The first value of each option wins, and only when it has the option's shape.
    if (shape?.test(value) && !(key in options)) options[key] = value;
  }
  return { code, options };
}

/**
 * The hosted page's first script, served as a classic script so it runs before anything else:
 * it takes the one-time code out of the address bar at once (so it is not in history, bookmarks,
 * screenshots or a shared URL), keeping only the known `link.*` options, then hands the code and
 * the options to the element.
 */
export function hostedPageScript(): void {
  const { code: fromUrl, options } = readLinkQuery(location.search);
  // A reload finds the code in this tab's history entry, never in the address bar: the landing
  // screen survives a reload, and nothing leaks to history, bookmarks or other tabs.
  const saved = (history.state as { otlCode?: unknown } | null)?.otlCode;
  const code = fromUrl ?? (typeof saved === "string" ? saved : null);
  const query = new URLSearchParams(options).toString();
  // The hash goes too: nothing but the known options may stay, whatever else a client appended.
  history.replaceState({ ...(history.state as object | null), otlCode: code }, "", location.pathname + (query ? `?${query}` : ""));
  // The landing screen waits for the link's facts (`inspect`, which never consumes). Ask for them now,
  // while the element's script is still loading, and hand the pending answer over with the code: the
  // element uses it once, for this exact request, instead of asking again. Only a code of the right
  // shape is sent, as the element itself would (a malformed one is not a guess worth counting).
  const page = /^(.*)\/(?:company\/(co_[0-9a-f]{20})|companies\/(co_[0-9a-f]{20})\/connections\/(cn_[0-9a-f]{20})\/start)\/?$/.exec(
    location.pathname,
  );
  let prefetch: { url: string; body: string; response: Promise<Response> } | undefined;
  if (code && /^[A-Za-z0-9_-]{22,128}$/.test(code) && page) {
    const [, root, companyId, linkCompanyId, connectionId] = page;
    const url = `${location.origin}${root}/v1/link/inspect`;
    const body = JSON.stringify(connectionId ? { code, companyId: linkCompanyId, connectionId } : { code, companyId });
    const headers = { accept: "application/json", "content-type": "application/json" };
    // The answer is read at once, into a Response of its own: a body nobody reads (the element resumed
    // this tab's session instead, say) would otherwise hold the request open.
    const response = fetch(url, { method: "POST", headers, body, credentials: "omit" }).then(async (answer) => {
      const text = await answer.text();
      return new Response(text, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
    });
    prefetch = { url, body, response };
    // A failure is the element's to report when it reads the answer; here it is only noted as handled.
    prefetch.response.catch(() => {});
  }
  // Handed over as soon as the document is parsed ("interactive"), which is before the element's
  // module script runs: it then starts with its code, and its first start is its only one.
  const handOver = () => {
    if (document.readyState === "loading") return;
    document.removeEventListener("readystatechange", handOver);
    const element = document.querySelector("otl-link");
    if (!element) return;
    // The element's INSPECT_PREFETCH slot (@otl/link): a registered symbol, the same in both scripts.
    if (prefetch) Object.assign(element, { [Symbol.for("otl-link.inspect-prefetch")]: prefetch });
    if (code) element.setAttribute("code", code);
    const locale = options["link.locale"];
    if (locale) element.setAttribute("locale", locale);
    const theme = options["link.theme"];
    if (theme) element.setAttribute("theme", theme);
    if (options["link.showSandboxIntegrations"] === "false") element.setAttribute("show-sandbox-integrations", "false");
    // The landing's shell the server drew (./landing-shell.ts) stands in for the hidden element until
    // its first screen is ready: then the two swap within the task that rendered it, before a paint.
    const shell = document.querySelector("[data-otl-shell]");
    const preloaded = document.querySelector<HTMLLinkElement>("link[data-otl-element]");
    if (!shell || !preloaded) return;
    element.addEventListener(
      "otl-ready",
      () => {
        shell.remove();
        element.removeAttribute("hidden");
      },
      { once: true },
    );
    // The bundle, preloaded by the page, runs once the shell is painted: its script is added in the
    // next frame's animation callbacks, and a module runs in a task of its own, so after that frame's
    // paint. A hidden tab draws no frames: there it runs at once.
    const run = () => {
      const script = document.createElement("script");
      script.type = "module";
      script.src = preloaded.href;
      document.head.append(script);
    };
    if (document.visibilityState === "hidden") run();
    else requestAnimationFrame(run);
  };
  document.addEventListener("readystatechange", handOver);
  handOver();
}

/** The script as served: the query reader and the page script, in a block of their own. */
export const HOSTED_PAGE_SCRIPT = `"use strict";{const readLinkQuery=${readLinkQuery.toString()};(${hostedPageScript.toString()})();}\n`;
