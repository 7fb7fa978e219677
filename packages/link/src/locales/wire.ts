import type { Messages } from "./en.ts";

// A catalogue file loaded on demand carries only its strings, in the order of the English
// catalogue's keys: the key names are what every language shares, so the bundle (which has English)
// already knows them. Dropping them takes a quarter off each file: fr 1,770 → 1,373 bytes gzipped.
// The sections of steps that load on demand are not in it either: they ship with their step
// (./upload-words.ts, ./redirect-words.ts, ./verify-words.ts, the failure screens' ./failure-words.ts,
// and the refusals' ./error-words.ts, with the file a refusal loads),
// and English stands in until the step has brought them (`addWords`).
// The file also carries the few lines that rebuild the catalogue from its strings (`wireModule`):
// only a page in another language runs them, so the bundle, which an English page loads, does not.

/** The catalogue's sections that ship with the step that shows them, not in each language's file. */
export const STEP_SECTIONS = ["upload", "redirect", "verify", "failure", "embedded", "renew", "errors"] as const;

/** What a language's file carries: the catalogue without `STEP_SECTIONS`. */
export function wireShape(catalogue: Messages): object {
  const shape: Record<string, unknown> = { ...catalogue };
  for (const section of STEP_SECTIONS) delete shape[section];
  return shape;
}

/** Every string of `catalogue`, in the order of `shape`'s keys, depth first; a missing one is null. */
export function flatten(shape: object, catalogue: object): Array<string | null> {
  const values: Array<string | null> = [];
  for (const [key, model] of Object.entries(shape)) {
    const value = (catalogue as Record<string, unknown>)[key];
    if (model && typeof model === "object") values.push(...flatten(model, value && typeof value === "object" ? value : {}));
    else values.push(typeof value === "string" ? value : null);
  }
  return values;
}

/**
 * What a language's file holds (the build writes it, src/bundle-size.test.ts reads it back): its
 * strings in the order of `english`'s keys, without the step sections, and "" for each one that
 * reads as in English (`ltr`, `{integration}: {status}`…), which the file's `Expand` puts back.
 */
export function wireStrings(english: Messages, catalogue: Messages): string[] {
  const shape = wireShape(english);
  const own = flatten(shape, english);
  return flatten(shape, catalogue).map((value, index) => (value === own[index] ? "" : (value ?? "")));
}

/**
 * The sections each language's file carries whole, keys and all, though the bundle's English lacks
 * them: English's come with the file that shows them (the refusals' words with `otl-link.problem.js`,
 * in English only), and a page in another language needs its own as soon as that file is here.
 */
export const KEYED_SECTIONS = ["errors"] as const;

/**
 * What a language's file exports, built: the function that rebuilds its catalogue on the English one
 * the bundle carries (keys and all; src/locales/en-core.ts), taking each string it lacks ("") from
 * English, with `KEYED_SECTIONS` as they are. The other step sections are not in `english` nor in the
 * file: each step lays its own over the result as it loads (`addWords`).
 */
export type Expand = (english: object) => Messages;

/**
 * The code that rebuilds a catalogue from the list `s` of its strings and the keyed sections `x`,
 * written as is into each language's file (`wireModule`): walk the English catalogue's keys depth
 * first, as `flatten` does, and take the next string, or English's own where it is "". (Hand-written
 * and compact: it ships in six files; src/locales/catalogues.test.ts runs it on every catalogue.)
 */
const EXPAND =
  "e=>{let i=0,b=m=>Object.fromEntries(Object.entries(m).map(([k,v])=>[k,typeof v==`object`?b(v):s[i++]||v]));return{...b(e),...x}}";

/**
 * A language's file as the build writes it: one template literal, a line per string, split at
 * load, the keyed sections as an object, and the `Expand` function as its default export. Catalogue
 * strings are one line each (src/locales/catalogues.test.ts), so a newline is the cheapest separator:
 * no quotes or commas around each of a hundred strings. The file imports nothing: it loads beside
 * the bundle from any origin.
 */
export function wireModule(strings: readonly string[], keyed: object = {}): string {
  const lines = strings.map((line) => line.replace(/[\\`]|\$\{/g, (match) => `\\${match}`));
  return `const s=\`${lines.join("\n")}\`.split("\\n"),x=${JSON.stringify(keyed)};export default ${EXPAND};\n`;
}

/** The file the build writes for a language's catalogue: its strings (`wireStrings`) and its `KEYED_SECTIONS`. */
export function wireFile(english: Messages, catalogue: Messages): string {
  return wireModule(wireStrings(english, catalogue), Object.fromEntries(KEYED_SECTIONS.map((section) => [section, catalogue[section]])));
}
