import { type StepTemplate, text } from "./view.ts";

/** The flow is finished. */
export const doneStep: StepTemplate = ({ t }) => ({ title: t.done.heading, body: text(t.done.body) });
