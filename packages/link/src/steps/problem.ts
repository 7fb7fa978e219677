import { html } from "lit-html";
import type { FlowController } from "../flow/controller.ts";
import { WORDS } from "../flow/error-words.ts";
import { heldFor } from "../flow/hold.ts";
import type { ErrorInfo } from "../flow/transition.ts";
import { ENGLISH_ERRORS } from "../locales/error-words.ts";
import { fill } from "../locales/index.ts";
import type { Words } from "../locales/isolate.ts";
import { addWords } from "../locales/step-words.ts";
import type { View } from "./view.ts";

// What the element does with a refusal of the server's: the words beside a step for each error code
// (../flow/error-words.ts), and a wait it asked for (`Retry-After` on a 429 or 503, ../flow/hold.ts),
// its countdown, the held buttons' count and its words. Its own file beside the bundle
// (`otl-link.problem.js`): a flow the server never refuses never runs it. The controller loads it when
// any failure but the network's comes (the action stays busy until it is here: a page that cannot
// reach the server cannot load it either) and hands it to the screens as `flow.problems`; `state.hold`
// and any error but the network's are only ever set once it is here.

// The bundle's English leaves the refusals' words out: loading this file brings them. Each other
// language's file carries its own (../locales/wire.ts, KEYED_SECTIONS).
addWords("errors", { en: ENGLISH_ERRORS });

export { holdFor } from "../flow/hold.ts";

/**
 * Whole seconds until the server takes the held action again, 0 when it would now; while held, asks
 * the element to render again as each second passes and at the moment it ends, so the buttons count
 * down and come back by themselves. `resend` asks for "Send a new code".
 */
export function secondsLeft(flow: FlowController, resend: boolean): number {
  const left = heldFor(flow.state.hold, resend, Date.now());
  if (left > 0) flow.updateIn(left % 1000 || 1000);
  return Math.ceil(left / 1000);
}

/**
 * A held button's label: the primary one's (and "Send a new code"'s) counts the seconds down. A
 * disabled button is out of the tab order, so the count is never read out each second; the error
 * says once how long.
 */
export function counted(view: View, label: Words, seconds: number): Words {
  return html`${label} (${new Intl.NumberFormat(view.t.lang).format(seconds)})`;
}

/** The customer's words for the error beside a step (../flow/error-words.ts); any code without its own says `errors.other`. */
export function errorWords(view: View, code: ErrorInfo["code"]): Words {
  const { t } = view;
  const key = WORDS[code] ?? "other";
  return key === "network" ? t.offline.body : t.errors[key];
}

/** "You can try again in 30 seconds.", when the server said to wait; else null. */
export function waitWords(view: View): Words | null {
  const { hold } = view.state;
  const { t } = view;
  return hold && fill(t.errors.wait, { time: html`${duration(hold.seconds, t.lang)}` }, t.lang);
}

/** A span of seconds in the customer's words, in its largest whole unit rounded up: "30 seconds", "2 minutes", "23 hours". */
export function duration(seconds: number, lang: string): string {
  const [unit, size] = seconds >= 3600 ? (["hour", 3600] as const) : seconds >= 60 ? (["minute", 60] as const) : (["second", 1] as const);
  return new Intl.NumberFormat(lang, { style: "unit", unit, unitDisplay: "long" }).format(Math.ceil(seconds / size));
}
