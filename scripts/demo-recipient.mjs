// The recipient that `pnpm start` and the end-to-end journeys give the OTL server, so the demo's
// landing and consent screens read as a real one does: who receives the data, why, how to withdraw.
// A fictional lender; example.com is reserved for documentation, so the privacy link leads nowhere real.

/** `OTL_RECIPIENT_*` for the demo server. */
export const DEMO_RECIPIENT_ENV = {
  OTL_RECIPIENT_NAME: "Demo Lending Co",
  OTL_RECIPIENT_PRIVACY_URL: "https://example.com/privacy",
  OTL_RECIPIENT_PURPOSE: "to assess your application for a business loan",
};
