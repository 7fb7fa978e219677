import { type OnDemandStep, onDemand } from "./on-demand.ts";

/**
 * The 2FA code step, its own file beside the bundle (`otl-link.verify.js`, with its words in every
 * language): only links that ask for a second factor reach it. The landing screen of such a link
 * starts loading it, so it is here by the time the exchange has answered.
 */
export const VERIFY_STEP: OnDemandStep = onDemand(() => import("./verify.ts").then((module) => module.verifyStep));
