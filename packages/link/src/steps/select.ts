import { html } from "lit";
import { fill } from "../locales/fill.ts";
import { isolate } from "../locales/isolate.ts";
import { actions, button, errorLine, type StepTemplate, text } from "./view.ts";

/** The integrations to choose from, filtered as the customer types. */
export const selectStep: StepTemplate = (view) => {
  const { t, state } = view;
  const query = view.query.trim().toLowerCase();
  const items = (state.integrations ?? []).filter((item) => item.name.toLowerCase().includes(query));
  const list = state.integrations
    ? html`<ul part="list" aria-label=${t.select.heading}>
        ${items.map(
          (item) =>
            html`<li part="item">${button(view, item.sandbox ? fill(t.select.sandbox, { integration: isolate(item.name) }, t.lang) : isolate(item.name), () => view.flow.choose(item.key))}</li>`,
        )}
      </ul>
      ${items.length === 0 ? text(t.select.none) : ""}`
    : state.error
      ? actions(button(view, t.retry, () => view.flow.retry(), true))
      : text(t.loading);
  return {
    title: t.select.heading,
    body: html`<label part="label" for="search">${t.select.search}</label>
      <input part="input" id="search" type="search" autocomplete="off" .value=${view.query} @input=${(event: InputEvent) => view.search((event.target as HTMLInputElement).value)} />
      ${errorLine(view)}${list}
      ${state.flow?.step === "review" ? actions(button(view, t.back, () => view.flow.go("back"))) : ""}`,
  };
};
