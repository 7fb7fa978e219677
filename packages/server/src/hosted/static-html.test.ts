// The server writes the element's own templates into a page (the landing's shell): text escaped,
// nesting kept, and no binding the element would fill in that a string cannot.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CATALOGUES } from "@otl/link/locales";
import { landingShell } from "@otl/link/shell";
import { staticHtml } from "./static-html.ts";

// What Lit's `html` and `nothing` are (the server does not depend on Lit itself): a marked record of
// the literal strings and the values, and a symbol.
const html = (strings: TemplateStringsArray, ...values: unknown[]) => ({ _$litType$: 1, strings, values });
const nothing = Symbol("lit-nothing");

describe("staticHtml", () => {
  it("writes markup as written, text escaped, templates and arrays in place, nothing as nothing", () => {
    const name = `<b>"Acme" & 'Co'</b>`;
    assert.equal(
      staticHtml(html`<p part="text">${name}${[html`<bdi>${1}</bdi>`, " and ", nothing, null]}</p>`),
      `<p part="text">&lt;b&gt;&quot;Acme&quot; &amp; &#39;Co&#39;&lt;/b&gt;<bdi>1</bdi> and </p>`,
    );
  });

  it("refuses a binding inside a tag, which has no static form", () => {
    assert.throws(() => staticHtml(html`<p class=${"x"}>y</p>`), /a binding inside a tag/);
    assert.throws(() => staticHtml(html`<button ?disabled=${true}>y</button>`), /a binding inside a tag/);
  });

  it("writes the element's landing shell in every language", () => {
    for (const t of Object.values(CATALOGUES)) {
      const { title, body } = landingShell(t);
      const heading = staticHtml(title);
      assert.ok(heading.includes('<bdi class="sk skn" aria-hidden="true"></bdi>'), t.lang);
      assert.ok(!heading.includes("{company}"), t.lang);
      assert.match(staticHtml(body), /<button part="button primary-button" class="p" type="button" disabled>/);
    }
  });
});
