import type { Messages } from "./en.ts";

// A catalogue file loaded on demand carries only its strings, in the order of the English
// catalogue's keys: the key names are what every language shares, so the bundle (which has English)
// already knows them. Dropping them takes a quarter off each file: fr 1,770 → 1,373 bytes gzipped.

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

/** The catalogue `flatten` wrote, rebuilt on `shape`; a string it lacks is `shape`'s own (English). */
export function expand(shape: Messages, values: ReadonlyArray<string | null>): Messages {
  let next = 0;
  const build = (model: object): object =>
    Object.fromEntries(
      Object.entries(model).map(([key, value]) => [key, value && typeof value === "object" ? build(value) : (values[next++] ?? value)]),
    );
  return build(shape) as Messages;
}
