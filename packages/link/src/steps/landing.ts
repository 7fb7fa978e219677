import { html } from "lit-html";
import { fill } from "../locales/fill.ts";
import { isolate } from "../locales/isolate.ts";
import { recipientFacts } from "./recipient.ts";
import { VERIFY_STEP } from "./verify-on-demand.ts";
import { actions, button, errorLine, type StepTemplate, text } from "./view.ts";

/** A link before it is spent: who asks, who receives what and why, until when, and a Start button. Only that click exchanges the code. */
export const landingStep: StepTemplate = (view) => {
  const { t, state } = view;
  const link = state.link;
  // A link that asks for a code opens at verify: its step file loads while the customer reads this.
  if (link?.require2fa) void VERIFY_STEP.load();
  // The line is there from the start (an empty one keeps its height), so nothing moves when the time fills in.
  const when = link ? view.when(link.expiresAt) : null;
  const expires = link
    ? html`<p part="text" class="when"><time datetime=${link.expiresAt}>${when ? fill(t.landing.expires, { time: html`${when}` }, t.lang) : ""}</time></p>`
    : "";
  return {
    title: fill(t.landing.heading, { company: isolate(link?.companyName ?? "") }, t.lang),
    body: html`${text(t.landing.intro)}${recipientFacts(view, link?.recipient ?? null, link?.dataShared ?? [])}${link?.require2fa ? text(fill(t.landing.twoFactor, { digits: 6 }, t.lang)) : ""}${expires}${errorLine(view)}
      ${actions(button(view, t.landing.start, () => view.flow.begin(), true))}`,
  };
};
