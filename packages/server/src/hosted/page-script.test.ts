// Links as mail and chat clients deliver them: the code comes out whole (or visibly broken), and
// nothing but the known options is kept to go back in the address bar.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HOSTED_PAGE_SCRIPT, readLinkQuery } from "./page-script.ts";

const CODE = "AbCdEfGhIjKlMnOpQrStUv_-wxYZ09";

describe("reading a mangled link query", () => {
  // What a client glued after the code, as typed and as percent-encoded.
  const trailing: Array<[string, string]> = [
    ["!", "%21"],
    [".", "%2E"],
    [")", "%29"],
    [">", "%3E"],
    ['"', "%22"],
    [" ", "%20"],
    ["+", "%2B"],
    ["\n", "%0A"],
    ["\r\n", "%0D%0A"],
    ["'", "%27"],
    [",", "%2C"],
    [";", "%3B"],
    ["]", "%5D"],
    ["\u00a0", "%C2%A0"],
  ];
  for (const [raw, encoded] of trailing) {
    for (const glued of [raw, encoded, `${raw}${raw}`]) {
      it(`drops ${JSON.stringify(glued)} after the code`, () => {
        assert.equal(readLinkQuery(`?link.otp=${CODE}${glued}`).code, CODE);
        assert.equal(readLinkQuery(`?otp=${CODE}${glued}`).code, CODE);
      });
    }
  }

  const mangled: Array<[string, string, Record<string, string>]> = [
    ["&amp; between options", `?link.showSandboxIntegrations=false&amp;link.otp=${CODE}`, { "link.showSandboxIntegrations": "false" }],
    ["&amp; before the option", `?link.otp=${CODE}&amp;link.locale=fr`, { "link.locale": "fr" }],
    ["&#38; between options", `?link.otp=${CODE}&#38;link.theme=dark`, { "link.theme": "dark" }],
    ["a doubled ?", `??link.otp=${CODE}`, {}],
    ["a second ? instead of &", `?link.locale=fr?link.otp=${CODE}`, { "link.locale": "fr" }],
    ["options in any order", `?link.theme=dark&link.otp=${CODE}&link.locale=fr-CA`, { "link.theme": "dark", "link.locale": "fr-CA" }],
    ["a tracking parameter", `?link.otp=${CODE}&utm_source=mail&fbclid=x`, {}],
    ["an unknown link.* option", `?link.otp=${CODE}&link.foo=${CODE}`, {}],
    ["an option whose value is not its shape", `?link.locale=${CODE}x!&link.otp=${CODE}`, {}],
  ];
  for (const [kind, search, options] of mangled) {
    it(`reads ${kind}, keeping only the known options`, () => {
      const read = readLinkQuery(search);
      assert.equal(read.code, CODE);
      assert.deepEqual(read.options, options);
      assert.ok(!JSON.stringify(read.options).includes(CODE.slice(0, 10)), "no option carries the code");
    });
  }

  it("keeps a cut-short or broken code as it is, for the element's not-valid screen", () => {
    assert.equal(readLinkQuery(`?link.otp=${CODE.slice(0, 20)}`).code, CODE.slice(0, 20));
    assert.equal(readLinkQuery(`?link.otp=${CODE.slice(0, 10)}!${CODE.slice(10)}`).code, CODE.slice(0, 10));
    assert.equal(readLinkQuery("?link.otp=!!!").code, null);
    assert.equal(readLinkQuery("?link.otp=").code, null);
    assert.equal(readLinkQuery("").code, null);
    assert.equal(readLinkQuery("?link.otp=%E0%A4%A").code, null, "a broken escape is not a code");
  });

  it("serves the reader inside the page script, in a block that leaks no global", () => {
    assert.match(HOSTED_PAGE_SCRIPT, /^"use strict";\{const readLinkQuery=function readLinkQuery\(/);
    assert.ok(HOSTED_PAGE_SCRIPT.trimEnd().endsWith("}"));
    // The served text parses as a script.
    assert.doesNotThrow(() => new Function(HOSTED_PAGE_SCRIPT));
  });
});
