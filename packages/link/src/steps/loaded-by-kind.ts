import type { Integration } from "@otl/protocol/browser";
import { type OnDemandStep, onDemand } from "./on-demand.ts";

/**
 * The connect steps of integrations that do not take a sign-in form here, by `Integration.kind`:
 * each is its own file beside the bundle (`otl-link.upload.js`, `otl-link.redirect.js`), loaded the
 * first time a flow needs it. Select starts loading one as the customer chooses such an
 * integration, so it arrives while the connection is being opened.
 */
export const LOADED_BY_KIND: Partial<Record<Integration["kind"], OnDemandStep>> = {
  // Each brings its words in every language: the language files leave them out (../locales/wire.ts).
  upload: onDemand(() => import("./upload.ts").then((module) => module.uploadStep)),
  redirect: onDemand(() => import("./redirect.ts").then((module) => module.redirectStep)),
};
