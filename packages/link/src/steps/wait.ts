import { html } from "lit-html";
import type { FlowController } from "../flow/controller.ts";
import { heldFor } from "../flow/hold.ts";
import { fill } from "../locales/index.ts";
import type { Words } from "../locales/isolate.ts";
import type { View } from "./view.ts";

// A wait the server asked for (`Retry-After` on a 429 or 503, ../flow/hold.ts) in the element: the
// countdown, the held buttons' count and the words. Its own file beside the bundle (`otl-link.wait.js`):
// a flow the server never refuses never runs it. The controller loads it when such a refusal comes
// (holding the action's busy state until it is here) and hands it to the screens as `flow.holds`, so
// whatever reads a hold has this file: `state.hold` is only ever set once it has loaded.

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
