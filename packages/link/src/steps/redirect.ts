import { html } from "lit";
import { prefersFullPage, watchBankPopup } from "../flow/bank-popup.ts";
import { fill } from "../locales/fill.ts";
import { addWords } from "../locales/index.ts";
import { isolate } from "../locales/isolate.ts";
import { REDIRECT_WORDS } from "../locales/redirect-words.ts";
import type { FlowController } from "../flow/controller.ts";
import { actions, button, errorLine, errorMessage, type StepTemplate, text, type View } from "./view.ts";

// The language files leave this step's words out (../locales/wire.ts): loading the step brings them.
addWords("redirect", REDIRECT_WORDS);

/** The elements (by controller) whose "Try again" is waiting for a fresh authorize URL to go on with. */
const retrying = new WeakSet<FlowController>();

/**
 * Leaves for the bank without a click on the link: in a popup where the click would have opened one
 * (the customer's "Try again" a moment ago still counts as their gesture), else by navigating the page.
 */
function toBank(view: View, url: string): void {
  if (!(view.embedded && view.flow.openBankPopup(url, { prefersFullPage, watchBankPopup }))) location.assign(url);
}

/**
 * Connecting a bank by OAuth redirect. With a fresh authorize URL, a link takes the customer to the
 * bank: embedded on a desktop browser in a popup (the page stays; the flow is read until the bank has
 * answered), otherwise — on the hosted page, on touch devices, or when the popup is blocked — in
 * this tab, a full-page redirect; the bank sends them back to this page, where the tab's session
 * resumes at review, or here with the bank's refusal.
 * Without one (the flow was read again after a return or a reload) "Try again" asks for a new URL
 * (each is usable once) and goes on to the bank with it.
 */
export const redirectStep: StepTemplate = (view) => {
  const { t, state } = view;
  const connecting = state.flow?.connecting;
  const name = isolate(connecting?.connection.integrationName ?? "");
  const back = button(view, t.back, () => view.flow.go("back"));
  // The server's message is English: a customer reading another language gets the catalogue's words.
  const own = /^en(-|$)/i.test(t.lang) ? connecting?.connection.message : null;
  const refused = connecting?.connection.status === "failed" ? (own ?? t.connect.failed) : null;
  const message = refused ?? errorMessage(view);
  const url = connecting?.next.kind === "redirect" ? connecting.next.url : null;
  const integration = connecting?.connection.integration;
  // Embedded, a popup keeps the host's page; otherwise (or when it is blocked) the link navigates the page.
  const leave = (event: MouseEvent) => {
    if (url && view.embedded && view.flow.openBankPopup(url, { prefersFullPage, watchBankPopup })) event.preventDefault();
  };
  // "Try again" asks for a fresh URL and, once it is here, goes on to the bank: one click, not a
  // second one on "Continue to …" (the customer already read where it leads).
  if (!state.busy && retrying.delete(view.flow) && url) queueMicrotask(() => toBank(view, url));
  const retry = () => {
    if (!integration) return;
    retrying.add(view.flow);
    view.flow.choose(integration);
  };
  const go = url
    ? html`<a part="button primary-button" class="p" href=${url} rel="noreferrer" @click=${leave}>${fill(t.redirect.goTo, { integration: name }, t.lang)}</a>`
    : button(view, t.retry, retry, true);
  return {
    title: fill(t.connect.heading, { integration: name }, t.lang),
    notice: message,
    body: html`${text(fill(t.redirect.intro, { integration: name }, t.lang))}${errorLine(view, message)}${actions(go, back)}`,
  };
};
