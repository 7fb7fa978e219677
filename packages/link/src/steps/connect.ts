import type { FlowView } from "@otl/protocol/browser";
import { html, nothing } from "lit-html";
import { fill } from "../locales/fill.ts";
import type { Messages } from "../locales/index.ts";
import { isolate } from "../locales/isolate.ts";
import { LOADED_BY_KIND } from "./loaded-by-kind.ts";
import type { OnDemandStep } from "./on-demand.ts";
import { actions, button, errorLine, errorMessage, localButton, type StepTemplate } from "./view.ts";

type Connecting = NonNullable<FlowView["connecting"]>;

/**
 * The credentials form the integration asks for. The connect screen always has a connection under
 * way (../flow/transition.ts, `screenOf`), and the protocol's other kinds of next step (redirect,
 * upload) each have their step file: what is left is a sign-in form.
 */
export const connectStep: StepTemplate = (view) => {
  const { t, state } = view;
  const connecting = state.flow?.connecting as Connecting;
  const next = connecting.next;
  if (next.kind !== "credentials") return (LOADED_BY_KIND[next.kind] as OnDemandStep).step(view);
  const name = isolate(connecting.connection.integrationName);
  const heading = fill(t.connect.heading, { integration: name }, t.lang);
  const back = localButton(view, t.back, () => view.flow.go("back"));
  // The integration's own words for a refused login come first, but they are written in the server's
  // language, English: a customer reading another language gets the catalogue's sentence instead.
  // Then come the words of a failed call.
  // A new try under way puts the last refusal aside: "Connecting…" is what is true now.
  const failed = !state.busy && connecting.connection.status === "failed";
  const own = /^en(-|$)/i.test(t.lang) ? connecting.connection.message : null;
  const refused = failed ? (own ?? fill(t.connect.refused, { integration: name }, t.lang)) : null;
  const message = refused ?? errorMessage(view);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const values: Record<string, string> = {};
    for (const [key, value] of new FormData(event.target as HTMLFormElement)) values[key] = String(value);
    view.flow.submit(values);
  };
  // While the integration checks the sign-in, say so in words, not only with a disabled button. The
  // words are one flex item: the name's <bdi> on its own would get the spinner's gap on each side.
  const connectingWords = fill(t.connect.connecting, { integration: name }, t.lang);
  const status = state.busy
    ? html`<p part="status" class="busy"><span class="spin" aria-hidden="true"></span><span>${connectingWords}</span></p>`
    : nothing;
  return {
    title: heading,
    notice: state.busy ? connectingWords : message,
    body: html`<form part="form" @submit=${submit}>
      ${next.fields.map(
        (field) => html`<div part="field">
          <label part="label" for="field-${field.name}">${fieldLabel(t, field)}</label>
          <input part="input" id="field-${field.name}" name=${field.name} type=${field.type} autocomplete=${field.autocomplete ?? "off"} autocapitalize="off" spellcheck="false" required aria-invalid=${refused ? "true" : "false"} aria-describedby=${message ? "error" : nothing} />
        </div>`,
      )}
      ${status}${errorLine(view, message)}
      ${actions(button(view, t.connect.submit, null, true), back)}
    </form>`,
  };
};

/** The catalogue's label for the sign-in fields every bank has; the integration's own (English) label for any other. */
function fieldLabel(t: Messages, field: { name: string; label: string }): string {
  const labels: Readonly<Record<string, string>> = t.connect.fields;
  return Object.hasOwn(labels, field.name) ? (labels[field.name] as string) : field.label;
}
