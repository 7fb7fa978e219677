import { html, type TemplateResult } from "lit-html";
import { type Isolated, isolate } from "./isolate.ts";

/**
 * What a `{placeholder}` can stand for: markup (an isolated host string, or catalogue words in `html`)
 * — never a raw string, so no host string skips `isolate` — or a number, which `Intl` writes in the
 * catalogue's language. A date comes already written (`html` around it): the first
 * `Intl.DateTimeFormat` of a page is slow enough that the element writes it after the screen shows.
 */
export type Placeholder = TemplateResult | number;

/**
 * A catalogue string with its `{placeholders}` put in place, as Lit renders it. Host strings arrive
 * already isolated (`<bdi>`), so no name can reorder the sentence; numbers are written by
 * `Intl` for `lang` (`ar-EG` writes Arabic-Indic digits); a placeholder with no value stays visible
 * as `{name}`, which the locale tests look for.
 */
export function fill(template: string, values: Readonly<Record<string, Placeholder>>, lang: string): TemplateResult {
  const parts = template.split(/\{(\w+)\}/).map((part, index) => {
    // `split` with one capture group alternates text and placeholder names.
    if (index % 2 === 0) return part;
    const value = values[part];
    if (typeof value === "number") return new Intl.NumberFormat(lang).format(value);
    return value ?? `{${part}}`;
  });
  return html`${parts}`;
}

/** Host strings as one phrase in the catalogue's language ("A, B and C"), each isolated, joined by `Intl.ListFormat`. */
export function list(names: readonly string[], lang: string): Isolated {
  const parts = new Intl.ListFormat(lang, { type: "conjunction" }).formatToParts(names);
  return html`${parts.map((part) => (part.type === "element" ? isolate(part.value) : part.value))}` as Isolated;
}

/**
 * The form of a plural entry that fits `count` in `lang`, filled: entries read
 * `one:{count} result|other:{count} results`, one form per `Intl.PluralRules` category the language
 * has (Arabic: zero, one, two, few, many, other), `other` standing in for any category left out.
 */
export function plural(forms: string, count: number, lang: string, values: Readonly<Record<string, Placeholder>> = {}): TemplateResult {
  // "one:{count} day" splits at its first colon into the category and the words.
  const byCategory: Record<string, string | undefined> = Object.fromEntries(forms.split("|").map((form) => form.split(/:(.*)/)));
  const category = new Intl.PluralRules(lang).select(count);
  return fill(byCategory[category] ?? byCategory.other ?? forms, { ...values, count }, lang);
}
