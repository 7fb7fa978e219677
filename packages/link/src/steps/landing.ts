import { html } from "lit";
import { isolate } from "../locales/isolate.ts";
import { actions, button, dataList, errorLine, type StepTemplate, text } from "./view.ts";

/** A link before it is spent: what it is for, and a Start button. Only that click exchanges the code. */
export const landingStep: StepTemplate = (view) => {
  const { t, state } = view;
  const link = state.link;
  return {
    title: t.landing.heading(isolate(link?.companyName ?? "")),
    body: html`${text(t.landing.intro)}${dataList(view, link?.dataShared ?? [])}${link?.require2fa ? text(t.landing.twoFactor) : ""}${errorLine(view)}
      ${actions(button(view, t.landing.start, () => view.flow.begin(), true))}`,
  };
};
