import { html } from "lit-html";
import { type OnDemandStep, onDemand } from "./on-demand.ts";
import { actions, button, type StepTemplate, text } from "./view.ts";

/**
 * The network failure's screen, in the bundle: a page that cannot reach the server cannot load the
 * other failure screens' file either. "Try again" starts over; its message is an alert, as it blocks.
 */
export const offlineStep: StepTemplate = (view) => ({
  title: view.t.offline.heading,
  body: html`<div part="error" role="alert" tabindex="-1">${text(view.t.offline.body)}</div>${actions(button(view, view.t.retry, () => view.flow.retry(), true))}`,
});

/**
 * The screens of a link or session that cannot go on (./failure.ts), their own file beside the
 * bundle (`otl-link.failure.js`, with their words in every language): a flow that goes well never
 * shows one. Should the file itself not load, the network's screen stands in: "Try again" starts
 * over, and the file is asked for again.
 */
export const FAILURE_STEP: OnDemandStep = onDemand(() => import("./failure.ts").then((module) => module.failureStep), offlineStep);

/** The failure screen: the network's at once, any other once its file is here. */
export const failureScreen: StepTemplate = (view) => (view.state.failure === "network" ? offlineStep : FAILURE_STEP.step)(view);
