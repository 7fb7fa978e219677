import { BARS, consentShell, landingShell } from "./shell.ts";
import type { StepTemplate } from "./view.ts";

/**
 * While the element resumes, inspects or exchanges: the screen that is coming, in shape (./shell.ts)
 * — a link code's landing, or an access token's consent — so the first step does not appear out of an
 * empty box; with neither (a tab resuming its session) grey lines under "Loading…".
 */
export const loadingStep: StepTemplate = (view) => {
  const { t } = view;
  if (view.coming === "landing") return landingShell(t);
  if (view.coming === "consent") return consentShell(t);
  return { title: t.loading, body: BARS };
};
