import { html } from "lit-html";
import { actions, localButton, type StepTemplate, text } from "./view.ts";

/** After "No, do not share": nothing was shared, and the way back if they change their mind. */
export const declinedStep: StepTemplate = (view) => ({
  title: view.t.declined.heading,
  body: html`${text(view.t.declined.body)}${actions(localButton(view, view.t.declined.back, () => view.flow.go("back")))}`,
});
