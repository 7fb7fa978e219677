// Where the journeys' servers listen, shared by playwright.config.ts and the specs.
// The ports are e2e-only (not the dev defaults 8787, 5173), so a developer's running servers never answer a journey.
// OTL_E2E_PORT_OFFSET shifts them all, so two checkouts on one machine can run their journeys at once
// without one reusing the other's servers.

const offset = Number(process.env.OTL_E2E_PORT_OFFSET ?? 0);
const local = (port: number) => `http://127.0.0.1:${port + offset}`;

/** The OTL server: built from packages/server, memory:// store, fixed public URL. */
export const OTL_URL = local(18787);
/** The example host backend that mints access tokens. */
export const HOST_BACKEND_URL = local(18788);
/** The vanilla example page (Vite). */
export const VANILLA_URL = local(15173);
/** The React example app (Vite). */
export const REACT_URL = local(15174);

/** A host page on an origin of its own, served by the cross-origin journey itself (on the allow-list). */
export const EMBED_HOST_URL = local(15175);

/**
 * The SMTP server the OTL server sends mail to: a mail catcher that the delivery journeys start in the
 * test process itself (scripts/mail-catcher.mjs), so they can read what was sent. Until one listens, the
 * outbox retries.
 */
export const E2E_SMTP_PORT = 12525 + offset;

/** The admin API key of the journeys' OTL server. Not a secret: the server only lives for the run, on 127.0.0.1. */
export const E2E_API_KEY = "otl_sk_e2e-journeys-only-not-a-secret";
