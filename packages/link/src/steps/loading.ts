import { html } from "lit";
import type { StepTemplate } from "./view.ts";

/**
 * While the element resumes, inspects or exchanges: the screen's shape at once (grey lines where
 * the words will be), so the first step does not appear out of an empty box.
 */
export const loadingStep: StepTemplate = ({ t }) => ({
  title: t.loading,
  body: html`<div aria-hidden="true"><div class="sk"></div><div class="sk"></div><div class="sk"></div></div>`,
});
