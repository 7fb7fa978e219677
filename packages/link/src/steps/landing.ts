import { html } from "lit";
import { fill } from "../locales/fill.ts";
import { isolate } from "../locales/isolate.ts";
import { actions, button, dataList, errorLine, type StepTemplate, text } from "./view.ts";

/** A link before it is spent: what it is for, and a Start button. Only that click exchanges the code. */
export const landingStep: StepTemplate = (view) => {
  const { t, state } = view;
  const link = state.link;
  return {
    title: fill(t.landing.heading, { company: isolate(link?.companyName ?? "") }, t.lang),
    body: html`${text(t.landing.intro)}${dataList(view, link?.dataShared ?? [])}${link?.require2fa ? text(fill(t.landing.twoFactor, { digits: 6 }, t.lang)) : ""}${errorLine(view)}
      ${actions(button(view, t.landing.start, () => view.flow.begin(), true))}`,
  };
};
