import { html } from "lit-html";
import { actions, localButton, type StepTemplate, text } from "./view.ts";

// Steps few flows reach (statement upload, a bank's OAuth redirect) are not in the bundle: each is
// its own file beside it (`otl-link.upload.js` …), imported by a URL relative to the bundle's own
// like the catalogues, so it comes from the same origin under the same public-asset headers and is
// listed with its integrity in the manifest. A credentials-only flow never downloads them.

/** A step whose template loads on demand: `step` renders it (a busy screen until it is here); `load` starts loading it early. */
export interface OnDemandStep {
  step: StepTemplate;
  /** Starts loading the template, e.g. as the customer chooses an integration that will need it. */
  load(): Promise<unknown>;
}

/**
 * Wraps `importer` (a dynamic `import()` of a step module) as a step. Until the module is here the
 * step shows the loading screen and asks `view.refresh` to render again once it is. If the file
 * cannot be loaded the customer reads the network failure's words with Back — or `fallback`, for a
 * screen Back cannot leave; the next time the step is needed (after Back, another `load`, or any
 * action the fallback offers) it is asked for again.
 */
export function onDemand(importer: () => Promise<StepTemplate>, fallback?: StepTemplate): OnDemandStep {
  let template: StepTemplate | undefined;
  let pending: Promise<unknown> | undefined;
  let failed = false;
  const load = () => {
    failed = false;
    pending ??= importer().then(
      (loaded) => {
        template = loaded;
      },
      () => {
        failed = true;
        pending = undefined;
      },
    );
    return pending;
  };
  return {
    load,
    step: (view) => {
      if (template) return template(view);
      const { t } = view;
      if (failed) {
        if (fallback) {
          // Asked for again when the customer next comes to this screen (after "Try again").
          failed = false;
          return fallback(view);
        }
        const back = () => {
          failed = false;
          view.flow.go("back");
        };
        return { title: t.offline.heading, body: html`${text(t.offline.body)}${actions(localButton(view, t.back, back))}` };
      }
      void load().then(view.refresh);
      return { title: t.loading, busy: true, body: html`<div aria-hidden="true"><div class="sk"></div><div class="sk"></div></div>` };
    },
  };
}
