import { html, type TemplateResult } from "lit-html";

/**
 * A host-supplied string (a company or integration name) set apart inside one of the kit's sentences.
 * `<bdi>` gives it its own direction: a name in Arabic, or one holding a right-to-left override such
 * as U+202E, cannot reorder the words around it. Catalogue functions take only this type, so a
 * translation cannot place a raw name in a sentence.
 */
export type Isolated = TemplateResult & { readonly isolated: true };

/** Isolates a host string for a sentence; Lit renders it as text, never as HTML. */
export function isolate(value: string): Isolated {
  return html`<bdi>${value}</bdi>` as Isolated;
}

/** What a catalogue entry is: plain words, or words around isolated host strings. */
export type Words = string | TemplateResult;
