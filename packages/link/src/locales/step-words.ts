import type { Messages } from "./en.ts";
import type { STEP_SECTIONS } from "./wire.ts";

// The words the files loaded on demand bring (each step's, and the refusals'), apart from ./index.ts:
// a file that brings words depends on this module alone. (When the refusals' file, which the flow
// controller loads, took `addWords` from ./index.ts, the build split the catalogue code and Lit into
// a shared chunk every page would load: keep this module free of imports that run.)

/** Words a step brought for each language (`addWords`), laid over its catalogue at each look-up. */
export const stepWords = new Map<string, Partial<Messages>>();

/**
 * Lays a step's own section over each language's catalogue, from now on: the steps that load on
 * demand (and the file a refusal loads) bring their words in every language (./upload-words.ts,
 * ./redirect-words.ts, ./error-words.ts …), since the language files leave them out. A host's
 * `messages` still win: they are laid over the result at each render.
 */
export function addWords<K extends (typeof STEP_SECTIONS)[number]>(section: K, byLanguage: Readonly<Record<string, Messages[K]>>): void {
  for (const [language, words] of Object.entries(byLanguage)) stepWords.set(language, { ...stepWords.get(language), [section]: words });
}
