/** `OTL_RECIPIENT_*` for the demo server. */
export declare const DEMO_RECIPIENT_ENV: {
  OTL_RECIPIENT_NAME: string;
  OTL_RECIPIENT_PRIVACY_URL: string;
  OTL_RECIPIENT_PURPOSE: string;
};
