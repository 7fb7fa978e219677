import * as z from "zod/mini";

/** The prefixes that make every OTL identifier and secret recognisable on sight. */
export const PREFIX = {
  company: "co_",
  link: "ln_",
  flow: "fl_",
  connection: "cn_",
  file: "fi_",
  accessToken: "otl_at_",
  sessionToken: "otl_st_",
  apiKey: "otl_sk_",
} as const;

function prefixedId(prefix: string) {
  return z.string().check(z.regex(new RegExp(`^${prefix}[0-9a-f]{20}$`), `must be an id starting with ${prefix}`));
}

/** A company id, `co_…`. */
export const CompanyId = prefixedId(PREFIX.company);
/** A link id, `ln_…`. */
export const LinkId = prefixedId(PREFIX.link);
/** A flow id, `fl_…`. */
export const FlowId = prefixedId(PREFIX.flow);
/** A connection id, `cn_…`. */
export const ConnectionId = prefixedId(PREFIX.connection);
/** An uploaded file's id, `fi_…`. */
export const FileId = prefixedId(PREFIX.file);

/** A link code as it appears in a link URL: base64url, at least 128 bits. */
export const LinkCode = z.string().check(z.regex(/^[A-Za-z0-9_-]{22,128}$/, "must be a link code"));
/** An access token for SDK init, `otl_at_…`. */
export const AccessToken = z.string().check(z.regex(/^otl_at_[A-Za-z0-9_-]{22,128}$/, "must be an access token (otl_at_…)"));
/** A session token, `otl_st_…`. */
export const SessionToken = z.string().check(z.regex(/^otl_st_[A-Za-z0-9_-]{22,128}$/, "must be a session token (otl_st_…)"));
