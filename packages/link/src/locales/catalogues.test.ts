// The catalogues as data, checked in Node: each translation has every key of English and the same
// placeholders in each string, and survives the compact form the build writes (src/bundle-size.test.ts
// checks the built files hold exactly those strings). Screens in each language are checked in Chromium (test/locales.test.ts).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CATALOGUES, catalogueFor, PAGE_TITLES } from "./all.ts";
import { en } from "./en.ts";
import { enInBundle } from "./en-core.ts";
import { ERROR_WORDS } from "./error-words.ts";
import { EMBEDDED_WORDS, FAILURE_WORDS, RENEW_WORDS } from "./failure-words.ts";
import { contentTag, languageFor, lookupTags, plural, withOverrides } from "./index.ts";
import { REDIRECT_WORDS } from "./redirect-words.ts";
import { UPLOAD_WORDS } from "./upload-words.ts";
import { VERIFY_WORDS } from "./verify-words.ts";
import { type Expand, flatten, KEYED_SECTIONS, STEP_SECTIONS, wireFile, wireModule, wireShape, wireStrings } from "./wire.ts";

/** A language file's code, loaded as a browser would, and its default export. */
async function load(code: string): Promise<Expand> {
  const module = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as { default: Expand };
  return module.default;
}

/** The language file `wireModule` writes for `strings` (and no keyed section), loaded. */
const loadWire = (strings: readonly string[]) => load(wireModule(strings));

const placeholders = (text: string | null) => [...(text ?? "").matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("catalogues", () => {
  const english = flatten(en, en);
  for (const [language, catalogue] of Object.entries(CATALOGUES)) {
    it(`${language}: every English string has its translation, with the same placeholders`, () => {
      const words = flatten(en, catalogue);
      assert.equal(words.length, english.length);
      words.forEach((text, index) => {
        const source = english[index] ?? "";
        assert.equal(typeof text, "string", `string ${index} (${source}) is missing`);
        if (source.includes("|other:")) {
          // A plural entry: forms for the language's own categories, `other` among them, and no
          // placeholder English lacks ("one result" may spell its number out).
          assert.match(text ?? "", /(^|\|)other:/, `${language}: ${text}`);
          for (const name of placeholders(text)) assert.ok(placeholders(source).includes(name), `${language}: {${name}} in ${text}`);
        } else {
          assert.deepEqual(placeholders(text), placeholders(source), `${language}: ${text}`);
        }
      });
      // The built language file is a line per string (wire.ts, wireModule).
      assert.ok(!words.some((text) => text?.includes("\n")), "a catalogue string is one line");
      assert.equal(catalogue.lang, language);
      assert.equal(catalogue.dir, language === "ar" ? "rtl" : "ltr");
      assert.equal(typeof PAGE_TITLES[language], "string");
    });

    it(`${language}: the file the build writes rebuilds the same catalogue on the bundle's English, but for the on-demand steps' words`, async () => {
      const wire = wireStrings(en, catalogue);
      const expand = await load(wireFile(en, catalogue));
      // What the bundle lays the steps' words over (locales/index.ts): every other section, whole,
      // and the refusals' words (whose English the bundle lacks) with their keys.
      const { upload, redirect, verify, failure, embedded, renew, ...rest } = catalogue;
      assert.deepEqual(expand(enInBundle), rest);
      assert.deepEqual(KEYED_SECTIONS, ["errors"]);
      assert.deepEqual(Object.keys(expand(enInBundle)), [...Object.keys(enInBundle), "errors"], "in the bundle English's key order");
      // Each call is afresh: a second element (or a second call) gets the same catalogue.
      assert.deepEqual(expand(enInBundle), rest);
      const whole = await load(
        wireModule(
          flatten(wireShape(en), catalogue).map((word) => word ?? ""),
          { errors: catalogue.errors },
        ),
      );
      assert.deepEqual(whole(enInBundle), expand(enInBundle), "a string said as in English may be left out");
      // Those ship with their steps, which lay them over the catalogue (locales/index.ts, addWords).
      assert.deepEqual(STEP_SECTIONS, ["upload", "redirect", "verify", "failure", "embedded", "renew", "errors"]);
      if (language !== "en") {
        const lang = language as keyof typeof UPLOAD_WORDS;
        assert.equal(catalogue.upload, UPLOAD_WORDS[lang]);
        assert.equal(catalogue.redirect, REDIRECT_WORDS[lang]);
        assert.equal(catalogue.verify, VERIFY_WORDS[lang]);
        assert.equal(catalogue.failure, FAILURE_WORDS[lang]);
        assert.equal(catalogue.embedded, EMBEDDED_WORDS[lang]);
        assert.equal(catalogue.renew, RENEW_WORDS[lang]);
        assert.equal(catalogue.errors, ERROR_WORDS[lang]);
      }
      assert.ok(!wire.includes(catalogue.upload.intro), "the upload step's words are not in the language's file");
      assert.ok(!wire.includes(catalogue.redirect.intro), "nor the redirect step's");
      assert.ok(!wire.includes(catalogue.verify.intro), "nor the 2FA code step's");
      assert.ok(!wire.includes(catalogue.failure.used.body), "nor the failure screens'");
      assert.ok(!wire.includes(catalogue.renew.body), 'nor those of "Send me a new link"');
      assert.ok(!wire.includes(catalogue.errors.other), "the refusals' are not among the strings: they come keyed");
      assert.ok(
        wire.includes(catalogue.offline.body) || language === "en",
        "but the network failure's are: that file could not load offline",
      );
    });
  }

  it("picks the plural form of each language's own categories", () => {
    const text = (result: { values: readonly unknown[] }) => (result.values[0] as unknown[]).join("");
    const english = "one:{count} result|other:{count} results";
    const french = "one:{count} résultat|other:{count} résultats";
    const arabic = "zero:لا توجد نتائج|one:نتيجة واحدة|two:نتيجتان|few:{count} نتائج|other:{count} نتيجة";
    assert.equal(text(plural(english, 1, "en")), "1 result");
    assert.equal(text(plural(english, 0, "en")), "0 results");
    assert.equal(text(plural(english, 1234, "en")), "1,234 results");
    assert.equal(text(plural(french, 0, "fr")), "0 résultat");
    assert.equal(text(plural(french, 2, "fr")), "2 résultats");
    const digits = (count: number) => new Intl.NumberFormat("ar").format(count);
    assert.equal(text(plural(arabic, 0, "ar")), "لا توجد نتائج");
    assert.equal(text(plural(arabic, 2, "ar")), "نتيجتان");
    assert.equal(text(plural(arabic, 3, "ar")), `${digits(3)} نتائج`);
    // Arabic's `many` (11) is left out, so `other` stands in.
    assert.equal(text(plural(arabic, 11, "ar")), `${digits(11)} نتيجة`);
  });

  it("counts days in each shipped language's own plural forms (Arabic: one, two, few, many and other)", () => {
    const text = (result: { values: readonly unknown[] }) => (result.values[0] as unknown[]).join("");
    const days = (language: string, count: number) => text(plural(CATALOGUES[language]?.recipient.days ?? "", count, language));
    const digits = (count: number) => new Intl.NumberFormat("ar").format(count);
    // 30 and 365 days take the singular accusative (many: 11–99 in the last two digits), 100 the genitive.
    assert.deepEqual(
      [1, 2, 3, 30, 365, 100].map((count) => days("ar", count)),
      ["يوم واحد", "يومان", `${digits(3)} أيام`, `${digits(30)} يومًا`, `${digits(365)} يومًا`, `${digits(100)} يوم`],
    );
    assert.equal(days("fr", 1), "1 jour");
    assert.equal(days("fr", 30), "30 jours");
    assert.equal(days("de", 1), "1 Tag");
    assert.equal(days("pt", 30), "30 dias");
  });

  it("a string missing from a compact catalogue reads as English, not as a hole", async () => {
    const words = flatten(wireShape(en), CATALOGUES.fr ?? en);
    words[flatten(wireShape(en), en).indexOf(en.consent.heading)] = null;
    const expanded = (await loadWire(words.map((word) => word ?? "")))(enInBundle);
    assert.equal(expanded.consent.heading, en.consent.heading);
    assert.equal(expanded.consent.accept, CATALOGUES.fr?.consent.accept);
  });

  it("a string with a backquote, a backslash or `${` survives the file's template literal", async () => {
    const words = flatten(wireShape(en), en).map(() => "");
    words[0] = `a \`quoted\` \\ $\{not} a placeholder`;
    assert.equal((await loadWire(words))(enInBundle).lang, words[0]);
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

describe("content tag", () => {
  it("is the customer's own tag when it is a form of the language shown, else the language", () => {
    assert.equal(contentTag("fr-ca", "fr"), "fr-CA");
    assert.equal(contentTag("ar-EG", "ar"), "ar-EG");
    assert.equal(contentTag("fr", "fr"), "fr");
    assert.equal(contentTag("sv-SE", "en"), "en");
    assert.equal(contentTag("de_AT", "de"), "de");
    assert.equal(contentTag(undefined, "en"), "en");
  });
});
