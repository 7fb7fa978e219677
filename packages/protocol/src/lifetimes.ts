/** Default and maximum lifetimes, in seconds, as the contract and the security model set them. */
export const LIFETIME = {
  link: 24 * 60 * 60,
  linkMax: 7 * 24 * 60 * 60,
  accessToken: 60 * 60,
  accessTokenMax: 24 * 60 * 60,
  secondFactorCode: 10 * 60,
  sessionIdle: 30 * 60,
  sessionAbsolute: 24 * 60 * 60,
  flow: 30 * 24 * 60 * 60,
} as const;

/** The largest JSON body the API accepts, in bytes. */
export const MAX_BODY_BYTES = 64 * 1024;
