import { html, type TemplateResult } from "lit-html";
import { fill } from "../locales/fill.ts";
import type { Messages } from "../locales/index.ts";
import type { Step } from "./view.ts";

// The first step's shape while the link's facts or the exchange are on their way: its heading, its
// words, grey bars where the answer's facts will be and a disabled main button with a spinner. The
// element shows it from the moment it connects (./loading.ts); the hosted page's server draws the very
// same template in the page's HTML (@otl/server's hosted/landing-shell.ts), before any script runs.
// So it holds static markup and words only, no attribute bindings: the server writes it as text.

/** Grey bars for the facts still to come, hidden from assistive technology (the status line says "Loading…"). */
export const BARS: TemplateResult = html`<div aria-hidden="true"><div class="sk"></div><div class="sk"></div><div class="sk"></div></div>`;

/** The screen's main button, disabled and turning until the answer comes. */
function waiting(label: string): TemplateResult {
  return html`<div part="actions" class="row"><button part="button primary-button" class="p" type="button" disabled><span class="spin" aria-hidden="true"></span>${label}</button></div>`;
}

/**
 * The landing of a link code before `inspect` answers: the heading with a bar where the company's
 * name goes (a name is only for a valid code, so neither the page nor the shell has it), the intro,
 * the facts as bars, a disabled Start.
 */
export function landingShell(t: Messages): Step {
  return {
    title: fill(t.landing.heading, { company: html`<bdi class="sk skn" aria-hidden="true"></bdi>` }, t.lang),
    body: html`<p part="text">${t.landing.intro}</p>${BARS}${waiting(t.landing.start)}`,
    notice: t.loading,
  };
}

/** The consent step an access token opens at, before the exchange answers: its heading, the facts as bars, a disabled "I agree". */
export function consentShell(t: Messages): Step {
  return { title: t.consent.heading, body: html`${BARS}${waiting(t.consent.accept)}`, notice: t.loading };
}
