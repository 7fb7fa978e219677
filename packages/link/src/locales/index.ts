import type { MessageOverrides, Messages } from "./en.ts";
import { enInBundle } from "./en-core.ts";
import { stepWords } from "./step-words.ts";
import { lookupTags } from "./tags.ts";
import type { Expand } from "./wire.ts";

// English ships inside the bundle; every other catalogue is its own small file beside it
// (`otl-link.fr.js` …), fetched only by a page that asks for that language. Each has
// no imports, so it loads by URL relative to the bundle, from whatever origin the bundle came from.
// The build writes each as the bare list of its strings (and its refusal words, keyed) and the few
// lines that rebuild the catalogue on English's keys (./wire.ts), so the bundle carries no decoding
// of its own; from source it is the object.
const LOADERS: Readonly<Record<string, () => Promise<{ default: Messages | Expand }>>> = {
  ar: () => import("./ar.ts"),
  de: () => import("./de.ts"),
  es: () => import("./es.ts"),
  fr: () => import("./fr.ts"),
  nl: () => import("./nl.ts"),
  pt: () => import("./pt.ts"),
};

// One load per language per page, shared by every element: catalogues are immutable data. A
// language maps to its promise while it loads, then to the catalogue itself.
// English is the bundle's own, less the words of the steps that load on demand and of a refusal: each
// such file lays its words (English too) over the catalogues as it loads (./step-words.ts, `addWords`),
// before anything shows them.
const english = enInBundle as Messages;
const catalogues = new Map<string, Messages | Promise<Messages>>([["en", english]]);

/** The shipped language a locale falls back to: `fr-CA` → `fr`, `sv` → `en`. */
export function languageFor(locale: string | null | undefined): string {
  return lookupTags(locale).find((tag) => tag === "en" || tag in LOADERS) ?? "en";
}

/**
 * The catalogue of a shipped language, with the words steps brought (`addWords`), if it is here
 * already; or null while its file loads — `then` runs once it has (or once it failed: English stands
 * in, so a lost file never blanks the flow). A new object each time: the element makes its words
 * afresh at each render.
 */
export function catalogue(language: string, then: () => void): Messages | null {
  let found = catalogues.get(language);
  if (!found) {
    const load = LOADERS[language] ?? (() => Promise.resolve({ default: english }));
    const pending: Promise<Messages> = load().then(
      ({ default: data }) => (typeof data === "function" ? data(english) : data),
      () => english,
    );
    void pending.then((messages) => catalogues.set(language, messages));
    catalogues.set(language, pending);
    found = pending;
  }
  if (!(found instanceof Promise)) return { ...found, ...stepWords.get(language) };
  void found.then(then);
  return null;
}

/**
 * A catalogue with a host's overrides laid over it: those of its language, then those of each more
 * specific tag of the locale (`fr`, then `fr-CA`), so the closest words win. Overrides for a language
 * the kit does not ship (`sv`) are laid over English (and its `en` overrides): a host can bring a
 * whole catalogue of its own.
 */
export function withOverrides(
  base: Messages,
  locale: string | null | undefined,
  overrides: Readonly<Record<string, MessageOverrides>> | undefined,
): Messages {
  if (!overrides) return base;
  const byTag = new Map(Object.entries(overrides).map(([tag, words]) => [lookupTags(tag)[0], words]));
  let messages = base;
  // The catalogue's own language first (English for `sv`, or for no locale at all), then each tag.
  const tags = new Set([base.lang, ...lookupTags(locale).reverse()]);
  for (const tag of tags) {
    const words = byTag.get(tag);
    if (words) messages = merge(messages, words) as Messages;
  }
  return messages;
}

function merge(base: object, over: object): object {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = result[key];
    result[key] = value && typeof value === "object" && current && typeof current === "object" ? merge(current, value) : value;
  }
  return result;
}

export type { MessageOverrides, Messages } from "./en.ts";
export { fill, list, type Placeholder, plural } from "./fill.ts";
export { contentTag, lookupTags } from "./tags.ts";
