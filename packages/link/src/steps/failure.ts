import { html } from "lit-html";
import { renew as renewLink } from "../flow/renew.ts";
import type { Failure } from "../flow/transition.ts";
import { EMBEDDED_WORDS, FAILURE_WORDS, RENEW_WORDS } from "../locales/failure-words.ts";
import type { Messages } from "../locales/index.ts";
import type { Words } from "../locales/isolate.ts";
import { addWords } from "../locales/step-words.ts";
import { actions, button, errorLine, errorMessage, type StepTemplate, text, type View } from "./view.ts";

// The language files leave these screens' words out (../locales/wire.ts): loading the step brings them.
addWords("failure", FAILURE_WORDS);
addWords("embedded", EMBEDDED_WORDS);
addWords("renew", RENEW_WORDS);

// The screens of a link code that was real but can no longer open the flow: the customer may ask for
// a fresh one, which goes to the contact on file (never to an address typed here). That includes a
// link spent by five wrong 2FA codes: the server renews a consumed link whose flow is not done.
const RENEWABLE: ReadonlySet<Failure> = new Set(["used", "expired", "superseded", "session", "locked"]);

/**
 * A link or session that cannot go on, in the customer's words, with what to do next. The message is
 * an alert, as it blocks, and takes focus when the screen comes (../flow/controller.ts). Loaded on
 * demand as `otl-link.failure.js` (./failure-on-demand.ts), but for the network's own screen.
 */
export const failureStep: StepTemplate = (view) => {
  const { t, state } = view;
  const kind = state.failure === "network" || !state.failure ? "problem" : state.failure;
  // Only a failure of the server can be cured by trying again here (the network's screen is
  // ./failure-on-demand.ts'); when the server said when, the body says that instead of "in a
  // moment", and "Try again" counts down to it.
  const retry = kind === "problem";
  const renew = view.renewable && RENEWABLE.has(kind);
  const words = wordsOf(t, kind, view.embedded);
  // The server answers the same whatever it did, so this says only what happens if a link can be sent.
  // Beside the button, "Ask the sender for a new link" would send the customer away from it.
  const body = renew ? (state.renewed ? t.renew.sent : (words.renew ?? t.renew.body)) : words.body;
  return {
    title: words.heading,
    // The status says what the alert says: a wait's words, not the error's generic ones.
    notice: renew && state.renewed ? t.renew.sent : retry ? waited(view) : null,
    body: html`<div part="error" role="alert" tabindex="-1">${text(retry ? waited(view) || body : body)}</div>${
      // A refused "Send me a new link" (too many asked from here) says so beside it.
      state.error && !retry ? errorLine(view, errorMessage(view)) : ""
    }${
      retry
        ? actions(button(view, t.retry, () => view.flow.retry(), true))
        : renew && !state.renewed
          ? actions(button(view, t.renew.button, () => renewLink(view.flow), true))
          : ""
    }`,
  };
};

/** Before any step, a refusal that said when to come back: why if it was a limit, and how long; else null. */
function waited(view: View): Words | null {
  // A wait is only ever set once its file is here (../flow/controller.ts, `problems`).
  const wait = view.flow.problems?.waitWords(view) ?? null;
  return wait && view.state.error?.code === "rate_limited" ? html`${view.t.errors.rate_limited} ${wait}` : wait;
}

/** A failure's heading and body (and its body beside "Send me a new link", if it has its own). */
function wordsOf(t: Messages, kind: Exclude<Failure, "network">, embedded: boolean): { heading: Words; body: Words; renew?: Words } {
  if (kind === "locked") {
    // Five wrong codes: why, then what to do now. An embedded session's host page gives a fresh one on reload.
    const { heading, body } = t.failure.locked;
    if (embedded) return { heading, body: t.embedded.expired.body };
    return { heading, body: html`${body} ${t.failure.revoked.body}`, renew: html`${body} ${t.renew.body}` };
  }
  const own = embedded ? t.embedded[kind as keyof Messages["embedded"]] : undefined;
  return own ?? t.failure[kind];
}
