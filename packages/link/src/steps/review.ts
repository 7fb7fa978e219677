import { html } from "lit-html";
import { fill } from "../locales/fill.ts";
import { isolate } from "../locales/isolate.ts";
import { loadLogos } from "./logo-slot.ts";
import { actions, button, errorLine, localButton, type StepTemplate, text } from "./view.ts";

/** The accounts connected so far, another one, or "I have disclosed all my accounts". */
export const reviewStep: StepTemplate = (view) => {
  const { t, state } = view;
  const connections = state.flow?.connections ?? [];
  // Select comes next: its logos load meanwhile (./logo-slot.ts).
  void loadLogos();
  return {
    title: t.review.heading,
    body: html`${
      connections.length
        ? html`<ul part="list">
            ${connections.map((connection) => html`<li part="item">${fill(t.review.item, { integration: isolate(connection.integrationName), status: html`${t.review.status[connection.status]}` }, t.lang)}</li>`)}
          </ul>`
        : text(t.review.none)
    }${errorLine(view)}
      ${actions(
        button(view, t.review.finish, () => view.flow.finish(), true),
        localButton(view, t.review.another, () => view.flow.go("another")),
      )}`,
  };
};
