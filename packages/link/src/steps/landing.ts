import { html } from "lit";
import { isShell } from "../flow/transition.ts";
import { fill } from "../locales/fill.ts";
import { type Isolated, isolate } from "../locales/isolate.ts";
import { recipientFacts } from "./recipient.ts";
import { VERIFY_STEP } from "./verify-on-demand.ts";
import { actions, button, errorLine, type StepTemplate, text } from "./view.ts";

/** Where the company's name goes in the shell's heading until `inspect` brings it: a grey bar, not read out. */
const NAME_TO_COME = html`<bdi class="sk sk-name" aria-hidden="true"></bdi>` as Isolated;

/** The grey lines that stand for the facts in the shell. */
const FACTS_TO_COME = html`<div aria-hidden="true"><div class="sk"></div><div class="sk"></div><div class="sk"></div></div>`;

/**
 * A link before it is spent: who asks, who receives what and why, until when, and a Start button.
 * Only that click exchanges the code. Until the link's facts come (`inspect`), its shell: the same
 * heading and words with grey bars for the facts, and Start disabled, while the live region says
 * only that the screen is loading.
 */
export const landingStep: StepTemplate = (view) => {
  const { t, state } = view;
  const link = state.link;
  const shell = isShell(state);
  // A link that asks for a code opens at verify: its step file loads while the customer reads this.
  if (link?.require2fa) void VERIFY_STEP.load();
  // The line is there from the start (an empty one keeps its height), so nothing moves when the time fills in.
  const when = link ? view.when(link.expiresAt) : null;
  const expires = link
    ? html`<p part="text" class="when"><time datetime=${link.expiresAt}>${when ? fill(t.landing.expires, { time: html`${when}` }, t.lang) : ""}</time></p>`
    : "";
  return {
    title: fill(t.landing.heading, { company: link ? isolate(link.companyName) : NAME_TO_COME }, t.lang),
    notice: shell ? t.loading : null,
    body: html`${text(t.landing.intro)}${shell ? FACTS_TO_COME : recipientFacts(view, link?.recipient ?? null, link?.dataShared ?? [])}${link?.require2fa ? text(fill(t.landing.twoFactor, { digits: 6 }, t.lang)) : ""}${expires}${errorLine(view)}
      ${actions(button(view, t.landing.start, () => view.flow.begin(), true))}`,
  };
};
