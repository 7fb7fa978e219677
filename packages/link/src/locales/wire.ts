import type { Messages } from "./en.ts";

// A catalogue file loaded on demand carries only its strings, in the order of the English
// catalogue's keys: the key names are what every language shares, so the bundle (which has English)
// already knows them. Dropping them takes a quarter off each file: fr 1,770 → 1,373 bytes gzipped.
// The sections of steps that load on demand are not in it either: they ship with their step
// (./upload-words.ts, ./redirect-words.ts, ./verify-words.ts, and the failure screens' ./failure-words.ts),
// and English stands in until the step has brought them (`addWords`).

/** The catalogue's sections that ship with the step that shows them, not in each language's file. */
export const STEP_SECTIONS = ["upload", "redirect", "verify", "failure", "embedded", "renew"] as const;

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
 * reads as in English (`ltr`, `{integration}: {status}`…), which `expand` puts back.
 */
export function wireStrings(english: Messages, catalogue: Messages): string[] {
  const shape = wireShape(english);
  const own = flatten(shape, english);
  return flatten(shape, catalogue).map((value, index) => (value === own[index] ? "" : (value ?? "")));
}

/**
 * A language's file as the build writes it: one template literal, a line per string, split at
 * load. Catalogue strings are one line each (src/locales/catalogues.test.ts), so a newline is the
 * cheapest separator: no quotes or commas around each of a hundred strings.
 */
export function wireModule(strings: readonly string[]): string {
  const lines = strings.map((line) => line.replace(/[\\`]|\$\{/g, (match) => `\\${match}`));
  return `export default\`${lines.join("\n")}\`.split("\\n");\n`;
}

/**
 * The catalogue that `wireStrings` (or `flatten(wireShape(shape), …)`) wrote, rebuilt on `shape`: a
 * string it lacks ("" or null), and the step sections, are `shape`'s own (English).
 */
export function expand(shape: Messages, values: ReadonlyArray<string | null>): Messages {
  let next = 0;
  const build = (model: object): object =>
    Object.fromEntries(
      Object.entries(model).map(([key, value]) => [key, value && typeof value === "object" ? build(value) : values[next++] || value]),
    );
  return { ...shape, ...build(wireShape(shape)) } as Messages;
}
