import { html } from "lit-html";
import { fill } from "../locales/fill.ts";
import { isolate } from "../locales/isolate.ts";
import { loadLogos } from "./logo-slot.ts";
import { recipientFacts } from "./recipient.ts";
import { actions, button, errorLine, type StepTemplate, text } from "./view.ts";

/** What will be shared, with whom, why and for how long, and the customer's yes or no. */
export const consentStep: StepTemplate = (view) => {
  const { t, state } = view;
  const flow = state.flow;
  const company = isolate(flow?.companyName ?? "");
  const recipient = flow?.recipient ?? null;
  const intro = recipient
    ? fill(t.consent.introTo, { company, recipient: isolate(recipient.name) }, t.lang)
    : fill(t.consent.intro, { company }, t.lang);
  // Select comes next: its logos load meanwhile (./logo-slot.ts).
  void loadLogos();
  return {
    title: t.consent.heading,
    body: html`${text(intro)}${recipientFacts(view, recipient, flow?.dataShared ?? [])}${errorLine(view)}
      ${actions(
        button(view, t.consent.accept, () => view.flow.consent(true, { textVersion: t.consent.version, locale: t.lang }), true),
        button(view, t.consent.decline, () => view.flow.consent(false)),
      )}`,
  };
};
