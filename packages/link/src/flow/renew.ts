import type { FlowController } from "./controller.ts";

// Ships with the failure screens (`otl-link.failure.js`, src/steps/failure-on-demand.ts), the only
// ones that offer it: a flow that goes well never runs it.

/**
 * "Send me a new link", on the screen of a link that was used, expired or replaced, or whose session
 * timed out: the server sends a fresh link to the contact it has on file, if it may. It answers the
 * same whatever it did, so the screen then says only that a link is on its way if one can be sent.
 */
export function renew(flow: FlowController): void {
  const link = flow.link();
  if (link)
    flow.act((_, signal, report) =>
      flow
        .client()
        .renew(link, { signal })
        .then(() => report({ type: "renewed" })),
    );
}
