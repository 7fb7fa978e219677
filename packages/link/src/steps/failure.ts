import { html } from "lit";
import type { Failure } from "../flow/transition.ts";
import type { Messages } from "../locales/index.ts";
import { actions, button, type StepTemplate, text } from "./view.ts";

// The screens of a link code that was real but can no longer open the flow: the customer may ask for
// a fresh one, which goes to the contact on file (never to an address typed here).
const RENEWABLE: ReadonlySet<Failure> = new Set(["used", "expired", "superseded", "session"]);

/** A link or session that cannot go on, in the customer's words, with what to do next; the message is an alert, as it blocks. */
export const failureStep: StepTemplate = (view) => {
  const kind = view.state.failure ?? "problem";
  const embedded = view.embedded ? view.t.embedded[kind as keyof Messages["embedded"]] : undefined;
  const words = embedded ?? view.t.failure[kind];
  // Only a failure of the network or of the server can be cured by trying again.
  const retry = kind === "network" || kind === "problem";
  const renew = view.renewable && RENEWABLE.has(kind);
  // The server answers the same whatever it did, so this says only what happens if a link can be sent.
  // Beside the button, "Ask the sender for a new link" would send the customer away from it.
  const body = renew ? (view.state.renewed ? view.t.renew.sent : view.t.renew.body) : words.body;
  return {
    title: words.heading,
    notice: renew && view.state.renewed ? view.t.renew.sent : null,
    body: html`<div part="error" role="alert">${text(body)}</div>${
      retry
        ? actions(button(view, view.t.retry, () => view.flow.retry(), true))
        : renew && !view.state.renewed
          ? actions(button(view, view.t.renew.button, () => view.flow.renew(), true))
          : ""
    }`,
  };
};
