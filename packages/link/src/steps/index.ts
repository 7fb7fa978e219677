import type { Screen } from "../flow/transition.ts";
import { connectStep } from "./connect.ts";
import { consentStep } from "./consent.ts";
import { declinedStep } from "./declined.ts";
import { doneStep } from "./done.ts";
import { failureScreen } from "./failure-on-demand.ts";
import { landingStep } from "./landing.ts";
import { loadingStep } from "./loading.ts";
import { reviewStep } from "./review.ts";
import { selectStep } from "./select.ts";
import { VERIFY_STEP } from "./verify-on-demand.ts";
import type { StepTemplate } from "./view.ts";

/** The template of every screen. */
export const SCREENS: Readonly<Record<Screen, StepTemplate>> = {
  idle: loadingStep,
  loading: loadingStep,
  landing: landingStep,
  verify: VERIFY_STEP.step,
  consent: consentStep,
  declined: declinedStep,
  select: selectStep,
  connect: connectStep,
  review: reviewStep,
  done: doneStep,
  failure: failureScreen,
};

export type { Step, StepTemplate, View } from "./view.ts";
