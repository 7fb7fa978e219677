// BCP 47 tags as the catalogues use them: no Lit and no catalogue here, so the server can read them too.

/**
 * The tags to look up for a BCP 47 locale, most specific first: `fr-CA` → `["fr-ca", "fr"]`, and
 * `zh-Hant-TW` → `["zh-hant-tw", "zh-hant", "zh"]` (RFC 4647 §3.4 lookup, lower-cased). English, the
 * last resort, is not listed.
 */
export function lookupTags(locale: string | null | undefined): string[] {
  const subtags = (locale ?? "").trim().toLowerCase().split(/[-_]/).filter(Boolean);
  return subtags.map((_, index) => subtags.slice(0, subtags.length - index).join("-"));
}

/**
 * The tag to write the content in: the customer's own when it is a form of the catalogue's language
 * (`fr-CA` for fr, `ar-EG` for ar), so `Intl` writes regional numbers (Egyptian Arabic-Indic digits,
 * Swiss thousands) and a screen reader picks the right voice; else the catalogue's (`sv` shown in English is `en`).
 */
export function contentTag(locale: string | null | undefined, language: string): string {
  if (!lookupTags(locale).includes(language.toLowerCase())) return language;
  try {
    return Intl.getCanonicalLocales(locale?.trim())[0] ?? language;
  } catch {
    // Not a well-formed tag (`de_AT`): the catalogue's language will do.
    return language;
  }
}
