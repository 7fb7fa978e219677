import { html } from "lit-html";
import { fill, plural } from "../locales/fill.ts";
import { isolate } from "../locales/isolate.ts";
import { LOADED_BY_KIND } from "./loaded-by-kind.ts";
import { logoOf, logosSettled } from "./logo-slot.ts";
import { searchIntegrations } from "./search.ts";
import { actions, button, errorLine, localButton, type StepTemplate, text } from "./view.ts";

/** The integrations to choose from, each with its logo, narrowed as the customer types. */
export const selectStep: StepTemplate = (view) => {
  const { t, state } = view;
  const items = searchIntegrations(state.integrations ?? [], view.query);
  const searching = view.query.trim() !== "";
  const list = state.integrations
    ? html`<ul part="list" class="choices" id="choices" aria-label=${t.select.heading}>
        ${items.map(
          (item) =>
            html`<li part="item">${button(
              view,
              html`${logoOf(item, view.refresh)}<span>${item.sandbox ? fill(t.select.sandbox, { integration: isolate(item.name) }, t.lang) : isolate(item.name)}</span>`,
              () => {
                // The step's own file (if it has one) loads while the connection opens.
                void LOADED_BY_KIND[item.kind]?.load();
                view.flow.choose(item.key);
              },
            )}</li>`,
        )}
      </ul>
      ${items.length === 0 ? text(t.select.none) : ""}`
    : state.error
      ? actions(button(view, t.retry, () => view.flow.retry(), true))
      : text(t.loading);
  return {
    title: t.select.heading,
    // The list is not ready until its logos are (they were asked for on the screen before).
    busy: Boolean(state.integrations) && !logosSettled(),
    // As the list narrows, screen readers hear how many remain.
    notice: searching && state.integrations ? plural(t.select.results, items.length, t.lang, { count: items.length }) : null,
    body: html`<label part="label" for="search">${t.select.search}</label>
      <input part="input" id="search" type="search" autocomplete="off" aria-controls="choices" .value=${view.query} @input=${(event: InputEvent) => view.search((event.target as HTMLInputElement).value)} />
      ${errorLine(view)}${list}
      ${state.flow?.step === "review" ? actions(localButton(view, t.back, () => view.flow.go("back"))) : ""}`,
  };
};
