import { escapeHtml } from "./escape-html.ts";

/** A Lit `TemplateResult` as far as writing it goes: the template's literal strings and the values between them. */
interface Template {
  strings: readonly string[];
  values: readonly unknown[];
}

/**
 * A Lit template of static markup and text, written as an HTML string: how the server draws the
 * element's own templates (the landing's shell, @otl/link/shell) into a page before any script runs.
 * Text values are escaped; nested templates and arrays are written in place; `nothing`, null,
 * undefined and false write nothing. A value bound inside a tag (an attribute, property or event
 * binding) has no static form, so it throws instead of writing something the element would not.
 */
export function staticHtml(value: unknown): string {
  if (value === null || value === undefined || value === false || typeof value === "symbol") return "";
  if (Array.isArray(value)) return value.map(staticHtml).join("");
  if (isTemplate(value)) {
    let out = value.strings[0] ?? "";
    value.values.forEach((part, index) => {
      // Inside a tag when the last `<` comes after the last `>`.
      if (out.lastIndexOf("<") > out.lastIndexOf(">"))
        throw new Error(`staticHtml: a binding inside a tag, after ${JSON.stringify(out.slice(-40))}`);
      out += staticHtml(part) + (value.strings[index + 1] ?? "");
    });
    return out;
  }
  return escapeHtml(String(value));
}

/** Lit marks its template results with `_$litType$` (1 for `html`). */
function isTemplate(value: unknown): value is Template {
  return typeof value === "object" && value !== null && "strings" in value && "values" in value && "_$litType$" in value;
}
