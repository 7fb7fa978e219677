import { nothing } from "lit";
import type { StepTemplate } from "./view.ts";

/** While the element resumes, inspects or exchanges, and before it has what it needs to start. */
export const loadingStep: StepTemplate = ({ t }) => ({ title: t.loading, body: nothing });
