import type { FlowController } from "./controller.ts";

// The 2FA step's actions. They ship with that step (`otl-link.verify.js`, src/steps/verify-on-demand.ts),
// not in the bundle: a link without a second factor never runs them.

/** Sends the 2FA code. */
export function verify(flow: FlowController, code: string): void {
  flow.act((session, signal) => session.verify(code, { signal }));
}

/** Asks for a new 2FA code, then reads the flow again for the new code's resend time. */
export function resend(flow: FlowController): void {
  flow.act(async (session, signal, report) => {
    await session.resendCode({ signal });
    await session.refresh({ signal });
    report({ type: "resent" });
  }, true);
}
