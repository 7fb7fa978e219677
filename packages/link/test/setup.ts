// Shared by every component test: one msw worker per test page, a fresh fake server per test,
// and small queries into the element's shadow root.
import { fixture, html, waitUntil } from "@open-wc/testing";
import type { TemplateResult } from "lit";
import { setupWorker } from "msw/browser";
import "../src/otl-link.ts";
import type { OtlLink } from "../src/link.element.ts";
import { BASE_URL, type FakeOptions, FakeOtlServer, GOOD_LOGIN } from "./handlers.ts";

export { BASE_URL };

const worker = setupWorker();
let started: Promise<unknown> | undefined;

/** A fresh fake server for one test, with the service worker answering for it; the tab's session is forgotten. */
export async function serve(options: FakeOptions = {}): Promise<FakeOtlServer> {
  started ??= worker.start({ quiet: true, onUnhandledFrame: "bypass" });
  await started;
  sessionStorage.clear();
  const server = new FakeOtlServer(options);
  worker.resetHandlers(...server.handlers);
  return server;
}

/** Renders an element from a template and waits for its first render. */
export function mount(template: TemplateResult): Promise<OtlLink> {
  return fixture<OtlLink>(template);
}

/** Builds an element, records its events from the very start, then puts it in the page. */
export async function create(attributes: Record<string, string>, properties: Partial<OtlLink> = {}) {
  const el = document.createElement("otl-link");
  const events = record(el);
  Object.assign(el, properties);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  await fixture(html`<div>${el}</div>`);
  return { el, events };
}

/** The attributes of a link: base URL, code and company. */
export function linkAttributes(server: FakeOtlServer): Record<string, string> {
  return { "base-url": BASE_URL, code: server.code, "company-id": server.companyId };
}

/** The attributes of an access-token start. */
export function tokenAttributes(server: FakeOtlServer, token = server.accessToken): Record<string, string> {
  return { "base-url": BASE_URL, "access-token": token };
}

function root(el: OtlLink): ShadowRoot {
  return el.shadowRoot as ShadowRoot;
}

/** The screen the element shows (`landing`, `consent`, `failure`, …). */
export function screenOf(el: OtlLink): string | null {
  return root(el).querySelector("[part~=container]")?.getAttribute("data-screen") ?? null;
}

/** Waits until the element shows this screen and is not busy. */
export async function reach(el: OtlLink, screen: string): Promise<void> {
  // A click has only asked for an update yet: let it render before looking.
  await el.updateComplete;
  await waitUntil(
    () => screenOf(el) === screen && root(el).querySelector("[part~=container]")?.getAttribute("aria-busy") === "false",
    `expected the ${screen} screen, saw ${screenOf(el)}`,
    { timeout: 4000 },
  );
  await el.updateComplete;
}

/** The current heading's text. */
export function heading(el: OtlLink): string {
  return root(el).querySelector("[part~=heading]")?.textContent?.trim() ?? "";
}

/** The text of the whole screen. */
export function textOf(el: OtlLink): string {
  return (root(el).querySelector("[part~=container]")?.textContent ?? "").replace(/\s+/g, " ");
}

/** What the polite live region says. */
export function announced(el: OtlLink): string {
  return root(el).querySelector("[aria-live=polite]")?.textContent?.trim() ?? "";
}

/** The button with this text; fails the test when there is none. */
export function button(el: OtlLink, name: string | RegExp): HTMLButtonElement {
  const found = [...root(el).querySelectorAll("button")].find((candidate) =>
    typeof name === "string" ? candidate.textContent?.trim() === name : name.test(candidate.textContent ?? ""),
  );
  if (!found) throw new Error(`no button "${name}" on the ${screenOf(el)} screen`);
  return found;
}

/** The input labelled with this text; fails the test when there is none. */
export function input(el: OtlLink, label: string): HTMLInputElement {
  const labelElement = [...root(el).querySelectorAll("label")].find((candidate) => candidate.textContent?.trim() === label);
  const found = labelElement ? root(el).getElementById(labelElement.htmlFor) : null;
  if (!(found instanceof HTMLInputElement)) throw new Error(`no input labelled "${label}" on the ${screenOf(el)} screen`);
  return found;
}

/** Types into an input as a person would: the value changes and an input event fires. */
export function type(field: HTMLInputElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true }));
}

/** Every `otl-*` event the element dispatches from now on, in order. */
export function record(el: HTMLElement): Array<{ type: string; detail: unknown }> {
  const seen: Array<{ type: string; detail: unknown }> = [];
  for (const name of ["otl-ready", "otl-step", "otl-connection", "otl-finish", "otl-close", "otl-error"]) {
    el.addEventListener(name, (event) => seen.push({ type: name, detail: (event as CustomEvent).detail }));
  }
  return seen;
}

/** Waits for pending requests and renders to settle. */
export async function settle(el: OtlLink): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  await el.updateComplete;
  // A request may still be on its way on a loaded machine: wait for the element to say it is done,
  // as a screen reader would, rather than for a fixed time.
  await waitUntil(
    () => root(el).querySelector("[part~=container]")?.getAttribute("aria-busy") !== "true",
    `the ${screenOf(el)} screen stayed busy`,
    { timeout: 4000 },
  );
  await el.updateComplete;
}

/** Landing → consent → select, as a customer does: Start, then I agree. */
export async function startAndAgree(el: OtlLink): Promise<void> {
  await reach(el, "landing");
  button(el, "Start").click();
  await reach(el, "consent");
  button(el, "I agree").click();
  await reach(el, "select");
}

/** Starts with an access token and walks to the select step with its list loaded, as the customer does. */
export async function atSelect() {
  const server = await serve();
  const started = await create(tokenAttributes(server));
  await reach(started.el, "consent");
  button(started.el, "I agree").click();
  await reach(started.el, "select");
  await waitUntil(() => textOf(started.el).includes("Sandbox Bank"), "integrations should load");
  return { server, ...started };
}

/** Select → review: connects Sandbox Bank with the good login, as the customer does. */
export async function connectSandboxBank(el: OtlLink): Promise<void> {
  button(el, /Sandbox Bank/).click();
  await reach(el, "connect");
  type(input(el, "Username"), GOOD_LOGIN.username);
  type(input(el, "Password"), GOOD_LOGIN.password);
  button(el, "Connect").click();
  await reach(el, "review");
}

/** Select → done through Sandbox Bank, then "I have disclosed all my accounts". */
export async function connectSandboxBankAndFinish(el: OtlLink): Promise<void> {
  await connectSandboxBank(el);
  button(el, "I have disclosed all my accounts").click();
  await reach(el, "done");
}
