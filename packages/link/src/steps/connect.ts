import { html, nothing } from "lit";
import { isolate } from "../locales/isolate.ts";
import { uploadStep } from "./upload.ts";
import { actions, button, errorLine, errorMessage, type StepTemplate, text } from "./view.ts";

/** The credentials form the integration asks for; other ways of connecting say they are not here yet. */
export const connectStep: StepTemplate = (view) => {
  const { t, state } = view;
  const connecting = state.flow?.connecting;
  if (connecting?.next.kind === "upload") return uploadStep(view);
  const name = isolate(connecting?.connection.integrationName ?? "");
  const back = button(view, t.back, () => view.flow.go("back"));
  if (connecting?.next.kind !== "credentials") {
    return { title: t.connect.heading(name), body: html`${text(t.connect.unavailable(name))}${actions(back)}` };
  }
  // The server's own words for a refused login come first; then those of a failed call.
  const refused = connecting.connection.status === "failed" ? (connecting.connection.message ?? t.connect.failed) : null;
  const message = refused ?? errorMessage(view);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const values: Record<string, string> = {};
    for (const [key, value] of new FormData(event.target as HTMLFormElement)) values[key] = String(value);
    view.flow.submit(values);
  };
  return {
    title: t.connect.heading(name),
    notice: message,
    body: html`<form part="form" @submit=${submit} aria-describedby=${message ? "error" : nothing}>
      ${connecting.next.fields.map(
        (field) => html`<div part="field">
          <label part="label" for="field-${field.name}">${field.label}</label>
          <input part="input" id="field-${field.name}" name=${field.name} type=${field.type} autocomplete=${field.autocomplete ?? "off"} autocapitalize="off" spellcheck="false" required aria-invalid=${refused ? "true" : "false"} />
        </div>`,
      )}
      ${errorLine(view, message)}
      ${actions(button(view, t.connect.submit, null, true), back)}
    </form>`,
  };
};
