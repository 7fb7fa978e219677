// The catalogues as data, checked in Node: each translation has every key of English and the same
// placeholders in each string, and survives the compact form the build writes (src/bundle-size.test.ts
// checks the built files hold exactly those strings). Screens in each language are checked in Chromium (test/locales.test.ts).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CATALOGUES, catalogueFor, PAGE_TITLES } from "./all.ts";
import { en } from "./en.ts";
import { languageFor, lookupTags, withOverrides } from "./index.ts";
import { expand, flatten } from "./wire.ts";

const placeholders = (text: string | null) => [...(text ?? "").matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("catalogues", () => {
  const english = flatten(en, en);
  for (const [language, catalogue] of Object.entries(CATALOGUES)) {
    it(`${language}: every English string has its translation, with the same placeholders`, () => {
      const words = flatten(en, catalogue);
      assert.equal(words.length, english.length);
      words.forEach((text, index) => {
        assert.equal(typeof text, "string", `string ${index} (${english[index]}) is missing`);
        assert.deepEqual(placeholders(text), placeholders(english[index] ?? null), `${language}: ${text}`);
      });
      assert.equal(catalogue.lang, language);
      assert.equal(catalogue.dir, language === "ar" ? "rtl" : "ltr");
      assert.equal(typeof PAGE_TITLES[language], "string");
    });

    it(`${language}: the compact form the build writes expands to the same catalogue`, () => {
      assert.deepEqual(expand(en, flatten(en, catalogue)), catalogue);
    });
  }

  it("a string missing from a compact catalogue reads as English, not as a hole", () => {
    const words = flatten(en, CATALOGUES.fr ?? en);
    words[english.indexOf(en.consent.heading)] = null;
    const expanded = expand(en, words);
    assert.equal(expanded.consent.heading, en.consent.heading);
    assert.equal(expanded.consent.accept, CATALOGUES.fr?.consent.accept);
  });
});

describe("fallback", () => {
  it("looks up the exact tag, then shorter ones, then English (RFC 4647 lookup)", () => {
    assert.deepEqual(lookupTags("fr-CA"), ["fr-ca", "fr"]);
    assert.deepEqual(lookupTags("zh-Hant-TW"), ["zh-hant-tw", "zh-hant", "zh"]);
    assert.deepEqual(lookupTags("pt_BR"), ["pt-br", "pt"]);
    assert.deepEqual(lookupTags(undefined), []);
    assert.equal(languageFor("fr-CA"), "fr");
    assert.equal(languageFor("AR-eg"), "ar");
    assert.equal(languageFor("sv-SE"), "en");
    assert.equal(languageFor(""), "en");
    assert.equal(catalogueFor("nl-BE").lang, "nl");
    assert.equal(catalogueFor("xx").lang, "en");
  });

  it("lays a host's words over the catalogue: its language, then each more specific tag", () => {
    const fr = CATALOGUES.fr ?? en;
    const words = withOverrides(fr, "fr-CA", {
      fr: { consent: { accept: "A" }, back: "Précédent" },
      "fr-CA": { consent: { accept: "B" } },
      de: { back: "never" },
    });
    assert.equal(words.consent.accept, "B");
    assert.equal(words.back, "Précédent");
    assert.equal(words.consent.decline, fr.consent.decline);
    // The catalogue itself is untouched: other elements share it.
    assert.notEqual(fr.consent.accept, "B");
  });
});
