import { html } from "lit-html";
import { openBankPopup } from "../flow/bank-popup.ts";
import type { FlowController } from "../flow/controller.ts";
import { fill } from "../locales/fill.ts";
import { isolate } from "../locales/isolate.ts";
import { REDIRECT_WORDS } from "../locales/redirect-words.ts";
import { addWords } from "../locales/step-words.ts";
import { actions, button, errorLine, errorMessage, localButton, type StepTemplate, text } from "./view.ts";

// The language files leave this step's words out (../locales/wire.ts): loading the step brings them.
addWords("redirect", REDIRECT_WORDS);

/**
 * The element (by its controller) whose "Try again" awaits a fresh authorize URL to go on with: one
 * customer presses one button at a time, so one is enough.
 */
let retrying: FlowController | undefined;

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
  const back = localButton(view, t.back, () => view.flow.go("back"));
  // The server's message is English: a customer reading another language gets the catalogue's words.
  const own = /^en(-|$)/i.test(t.lang) ? connecting?.connection.message : null;
  const refused = connecting?.connection.status === "failed" ? (own ?? t.connect.failed) : null;
  const message = refused ?? errorMessage(view);
  const url = connecting?.next.kind === "redirect" ? connecting.next.url : null;
  const integration = connecting?.connection.integration;
  // Embedded, a popup keeps the host's page; otherwise (or when it is blocked) the link navigates the page.
  const popup = () => !!url && view.embedded && openBankPopup(view.flow, url);
  const leave = (event: MouseEvent) => {
    if (popup()) event.preventDefault();
  };
  // "Try again" asks for a fresh URL and, once it is here, goes on to the bank as the link would (the
  // click a moment ago still counts as the customer's gesture for a popup): one click, not a second
  // one on "Continue to …", whose words they already read.
  if (retrying === view.flow && !state.busy) {
    retrying = undefined;
    if (url) queueMicrotask(() => popup() || location.assign(url));
  }
  const retry = () => {
    retrying = view.flow;
    if (integration) view.flow.choose(integration);
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
