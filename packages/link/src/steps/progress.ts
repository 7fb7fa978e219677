import { html, nothing, type TemplateResult } from "lit-html";
import type { Screen } from "../flow/transition.ts";
import { fill } from "../locales/fill.ts";
import type { View } from "./view.ts";

// The flow's four stages as the customer thinks of them: agree, connect, review, done. The 2FA code,
// the landing and the failure screens come before or outside them, so they show no indicator.
const STAGE: Partial<Record<Screen, number>> = { consent: 1, declined: 1, select: 2, connect: 2, review: 3, done: 4 };
const STAGES = [1, 2, 3, 4] as const;

/** The step indicator: "Step 2 of 4" and a bar per stage; the bars are decoration, the words are read. */
export function progress(view: View): TemplateResult | typeof nothing {
  const step = STAGE[view.state.screen];
  if (!step) return nothing;
  return html`<div part="progress" class="steps">
    <ol aria-hidden="true">${STAGES.map((stage) => html`<li class=${stage < step ? "d" : stage === step ? "on" : ""}></li>`)}</ol>
    <span>${fill(view.t.progress, { step, count: STAGES.length }, view.t.lang)}</span>
  </div>`;
}
