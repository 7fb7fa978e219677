import { html } from "lit";
import { fill } from "../locales/fill.ts";
import { isolate } from "../locales/isolate.ts";
import { actions, button, dataList, errorLine, type StepTemplate, text } from "./view.ts";

/** What will be shared, and the customer's yes or no. */
export const consentStep: StepTemplate = (view) => {
  const { t, state } = view;
  return {
    title: t.consent.heading,
    body: html`${text(fill(t.consent.intro, { company: isolate(state.flow?.companyName ?? "") }, t.lang))}${dataList(view, state.flow?.dataShared ?? [])}${errorLine(view)}
      ${actions(
        button(view, t.consent.accept, () => view.flow.consent(true), true),
        button(view, t.consent.decline, () => view.flow.consent(false)),
      )}`,
  };
};
