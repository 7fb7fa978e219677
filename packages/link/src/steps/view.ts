import type { DataKind } from "@otl/protocol/browser";
import { html, nothing, type TemplateResult } from "lit-html";
import type { FlowController, Problems } from "../flow/controller.ts";
import type { FlowState } from "../flow/transition.ts";
import type { Messages } from "../locales/index.ts";
import type { Words } from "../locales/isolate.ts";

// What every step template gets, and the few pieces they share. Host-supplied strings (names,
// messages) only ever reach the DOM through Lit bindings, so they render as text, never as HTML.

/** A rendered screen: its heading, its content, and what the live region should say if not the heading. */
export interface Step {
  title: Words;
  body: TemplateResult | typeof nothing;
  notice?: Words | null | undefined;
  /** The screen is not ready yet (its file is loading): the element is `aria-busy` meanwhile. */
  busy?: boolean;
}

/** What a step template reads and calls. */
export interface View {
  state: FlowState;
  t: Messages;
  flow: FlowController;
  /** The element runs on a host's own page with an access token, not on a link's hosted page. */
  embedded: boolean;
  /**
   * The screen the element is loading towards, drawn in shape meanwhile (./shell.ts): `landing` for a
   * link code, `consent` for an access token, null when it can only be resuming a session.
   */
  coming: "landing" | "consent" | null;
  /** A spent link's screens may offer "Send me a new link" (the `renew` attribute, with a link code). */
  renewable: boolean;
  /** The integration search box's text. */
  query: string;
  search(query: string): void;
  /** Renders the element again: a step that loads on demand (./on-demand.ts) calls it once it is here. */
  refresh(): void;
  /**
   * A time (ISO 8601) in the customer's words and time zone, or null until it is ready: the first
   * `Intl.DateTimeFormat` of a page loads time-zone data (about 100 ms of main thread on a phone), so
   * it is made after the screen is shown.
   */
  when(iso: string): string | null;
}

/** A step template. */
export type StepTemplate = (view: View) => Step;

/**
 * A real button that reaches the server, disabled while an action runs; with no `onClick` it submits
 * its form. The primary one carries the accent, and a spinner while an action runs. While the server
 * has said to wait (`Retry-After`, ../flow/hold.ts) it is disabled too, the primary one counting the
 * seconds down (./problem.ts), and it comes back by itself when the wait is over. `resend` is "Send a
 * new code", held on its own (../flow/hold.ts).
 */
export function button(
  view: View,
  label: Words,
  onClick: (() => void) | null,
  primary = false,
  disabled = false,
  resend = false,
): TemplateResult {
  const { flow } = view;
  const wait = flow.wait(resend);
  // A wait is only ever set once its file is here (`flow.problems`, ./problem.ts).
  const shown = wait > 0 && (primary || resend) ? (flow.problems as Problems).counted(view, label, wait) : label;
  return localButton(view, shown, onClick, primary, disabled || wait > 0);
}

/** A button whose action stays on this page (Back, "Connect another"): never held by a wait for the server. */
export function localButton(view: View, label: Words, onClick: (() => void) | null, primary = false, disabled = false): TemplateResult {
  const busy = view.state.busy;
  return html`<button part=${primary ? "button primary-button" : "button"} class=${primary ? "p" : ""} type=${onClick ? "button" : "submit"} ?disabled=${busy || disabled} @click=${onClick ?? nothing}>${primary && busy ? html`<span class="spin" aria-hidden="true"></span>` : nothing}${label}</button>`;
}

/** A row of buttons that wraps on narrow screens. */
export function actions(...buttons: TemplateResult[]): TemplateResult {
  return html`<div part="actions" class="row">${buttons}</div>`;
}

/** A paragraph of text. */
export function text(value: Words): TemplateResult {
  return html`<p part="text">${value}</p>`;
}

/** The kinds of data the customer is asked to share. */
export function dataList(view: View, kinds: readonly DataKind[]): TemplateResult {
  return html`<ul part="list">${kinds.map((kind) => html`<li part="item">${view.t.dataKinds[kind]}</li>`)}</ul>`;
}

/**
 * The customer's words for the last error, when the step can go on (../flow/problems.ts says which),
 * then when the server said to wait, how long, once: "Too many attempts. You can try again in 30
 * seconds." The span is the one the server named, said as the error comes (assistive technology
 * reads it once, in the polite status); the held buttons count it down (`button`).
 */
export function errorMessage(view: View): Words | null {
  const { error } = view.state;
  const problems = view.flow.problems;
  // Only the network's error comes without the file that words errors (./problem.ts): it cannot be loaded then.
  if (!error || !problems) return error && view.t.offline.body;
  const words = problems.errorWords(view, error.code);
  const wait = problems.waitWords(view);
  return wait ? html`${words} ${wait}` : words;
}

/**
 * The last error beside the step, if any. It can take focus (not tab stops), so focus lands on it
 * after a failed action, and inputs point at it with `aria-describedby="error"`. `alert`: an error
 * that blocks the step until the customer acts (a wrong 2FA code) is a `role="alert"`.
 */
export function errorLine(view: View, message: Words | null = errorMessage(view), alert = false): TemplateResult | typeof nothing {
  return message ? html`<p part="error" class="e" id="error" tabindex="-1" role=${alert ? "alert" : nothing}>${message}</p>` : nothing;
}
