import { html } from "lit";
import type { Messages } from "../locales/index.ts";
import { actions, button, type StepTemplate, text } from "./view.ts";

/** A link or session that cannot go on, in the customer's words, with what to do next; the message is an alert, as it blocks. */
export const failureStep: StepTemplate = (view) => {
  const kind = view.state.failure ?? "problem";
  const embedded = view.embedded ? view.t.embedded[kind as keyof Messages["embedded"]] : undefined;
  const words = embedded ?? view.t.failure[kind];
  // Only a failure of the network or of the server can be cured by trying again.
  const retry = kind === "network" || kind === "problem";
  return {
    title: words.heading,
    body: html`<div part="error" role="alert">${text(words.body)}</div>${retry ? actions(button(view, view.t.retry, () => view.flow.retry(), true)) : ""}`,
  };
};
