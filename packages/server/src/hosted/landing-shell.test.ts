// The landing's shell in the hosted page: drawn by the server so the first step is painted before the
// element's script runs (issue 10), and revealing nothing that only `inspect` may tell a valid code.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, it } from "node:test";
import { CATALOGUES } from "@otl/link/locales";
import { TestServer } from "../test/harness.ts";
import { escapeHtml } from "./escape-html.ts";
import { SHELL_STYLE } from "./landing-shell.ts";
import { HOSTED_PAGE_CSS } from "./page.ts";

describe("the hosted page's landing shell", () => {
  let server: TestServer;
  let companyId: string;
  beforeEach(async () => {
    server = new TestServer();
    companyId = (await server.company("Acme <b>Pty</b> Ltd")).id;
  });
  afterEach(() => server.close());

  async function open(query: string) {
    const link = await server.link(companyId);
    const url = new URL(link.url);
    return { code: link.code, page: await server.request<string>("GET", `${url.pathname}${url.search}${query}`) };
  }

  /** The shell's markup: the declarative shadow root of `<div data-otl-shell>`, or null. */
  function shellOf(body: string): string | null {
    return /<div data-otl-shell><template shadowrootmode="open">([\s\S]*?)<\/template><\/div>/.exec(body)?.[1] ?? null;
  }

  it("draws the landing's heading, words and a disabled Start before the hidden element, in the link's language", async () => {
    for (const [query, language] of [
      ["", "en"],
      ["&link.locale=fr-CA", "fr"],
      ["&link.locale=ar", "ar"],
    ] as const) {
      const { code, page } = await open(query);
      const t = CATALOGUES[language];
      assert.ok(t);
      const shell = shellOf(page.body);
      assert.ok(shell, `a shell for ${language}`);
      // The element waits, hidden, right after it; the page script swaps the two on otl-ready.
      assert.match(page.body, /<\/template><\/div><otl-link [^>]*company-id="co_[^>]* hidden><\/otl-link>/);
      const [before, after] = t.landing.heading.split("{company}") as [string, string];
      assert.ok(
        shell.includes(
          `<h2 part="heading" tabindex="-1">${escapeHtml(before)}<bdi class="sk skn" aria-hidden="true"></bdi>${escapeHtml(after)}</h2>`,
        ),
      );
      assert.ok(shell.includes(escapeHtml(t.landing.intro)));
      assert.match(shell, new RegExp(`<button [^>]*disabled>.*${escapeHtml(t.landing.start)}</button>`));
      assert.ok(shell.includes(`dir="${t.dir}"`));
      assert.ok(shell.includes(`aria-busy="true"`), "busy until the element has the link's facts");
      // The company's name is for a valid code only (inspect): the page, which anyone with the address gets, has none.
      assert.ok(!page.body.includes("Acme"), "no company name in the page");
      assert.ok(!page.body.includes(code), "no code in the page");
    }
  });

  it("takes the link's theme, and the element's own style sheet, allowed by its hash beside the page's own rules", async () => {
    const { page } = await open("&link.theme=dark");
    const shell = shellOf(page.body) ?? "";
    assert.match(shell, /<div part="container" class="c dark"/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(shell)?.[1];
    assert.equal(style, SHELL_STYLE);
    assert.ok(SHELL_STYLE.includes(".c{") || SHELL_STYLE.includes(".c {"), "the element's rules");
    const csp = page.headers.get("content-security-policy") ?? "";
    const hash = createHash("sha256")
      .update(style ?? "")
      .digest("base64");
    // Its hash, and the page's own `<style>`'s: nothing else inline.
    const pageStyle = createHash("sha256").update(HOSTED_PAGE_CSS).digest("base64");
    const quoted = (digest: string) => digest.replace(/[+/]/g, "\\$&");
    assert.match(csp, new RegExp(`style-src 'self' 'sha256-${quoted(pageStyle)}' 'sha256-${quoted(hash)}';`));
    assert.ok(page.body.includes(`<style>${HOSTED_PAGE_CSS}</style>\n</head>`), "the page's own rules, in its head");
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.match(csp, /script-src 'self';/, "still no inline script");
  });

  it("is left out when the address has no code of the right shape: a reload (the code left the address) or a broken code", async () => {
    const link = new URL((await server.link(companyId)).url);
    for (const search of ["", "?link.otp=tooShort", "?link.locale=fr"]) {
      const page = await server.request<string>("GET", `${link.pathname}${search}`);
      assert.equal(page.status, 200);
      assert.equal(shellOf(page.body), null, search);
      // The element is the first thing shown: a module script, not hidden.
      assert.match(page.body, /<script type="module" src="\/assets\/otl-link\.js"><\/script>/, search);
      assert.match(page.body, /<otl-link [^>]*company-id="co_[0-9a-f]+"( renew)?><\/otl-link>/, search);
    }
  });
});
