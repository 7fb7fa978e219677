import { en, type Messages } from "./en.ts";

// Catalogues bundled with the element, by lower-case language tag. Only English ships today;
// a translation is added here and stays typed by `Messages`.
const CATALOGUES: Readonly<Record<string, Messages>> = { en };

/** The catalogue for a locale such as `fr-CA`: the exact tag, then its language, then English. */
export function messagesFor(locale: string | null | undefined): Messages {
  const tag = (locale ?? "").toLowerCase();
  return CATALOGUES[tag] ?? CATALOGUES[tag.split("-")[0] ?? ""] ?? en;
}

export type { Messages } from "./en.ts";
