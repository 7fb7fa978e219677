import { ar } from "./ar.ts";
import { de } from "./de.ts";
import { en, type Messages } from "./en.ts";
import { es } from "./es.ts";
import { fr } from "./fr.ts";
import { nl } from "./nl.ts";
import { pt } from "./pt.ts";
import { lookupTags } from "./tags.ts";

export { contentTag } from "./tags.ts";

// For the server, which renders the hosted link page around the element: every catalogue at once,
// and the few words of the page itself that the element never shows (so they stay out of its bundle).

/** Every shipped catalogue, by language tag. */
export const CATALOGUES: Readonly<Record<string, Messages>> = { en, fr, de, es, nl, pt, ar };

/** The hosted link page's `<title>` in each shipped language. */
export const PAGE_TITLES: Readonly<Record<string, string>> = {
  en: "Share your accounts",
  fr: "Partagez vos comptes",
  de: "Ihre Konten freigeben",
  es: "Comparta sus cuentas",
  nl: "Uw rekeningen delen",
  pt: "Compartilhe suas contas",
  ar: "مشاركة حساباتك",
};

/** The shipped catalogue for a locale, synchronously: `fr-CA` → fr, `sv` → en (the same lookup as the element's). */
export function catalogueFor(locale: string | null | undefined): Messages {
  const tag = lookupTags(locale).find((candidate) => candidate in CATALOGUES);
  return CATALOGUES[tag ?? "en"] ?? en;
}
