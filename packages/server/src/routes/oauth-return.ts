import type { OtlContext } from "../context.ts";
import type { RedirectContext } from "../domain/oauth.ts";
import { validationProblem } from "../problem.ts";

/** The path of the OAuth 2 redirect URI, under the public URL; register `<publicUrl>/v1/oauth/callback` at each provider. */
export const OAUTH_CALLBACK_PATH = "/v1/oauth/callback";

/** The domain's view of the server for redirects: its options, keyring and callback URL. */
export function redirectContext(ctx: OtlContext): RedirectContext {
  return { ...ctx, redirectUri: ctx.publicUrl + OAUTH_CALLBACK_PATH };
}

/** The hosted page of a company's flow, where a redirect started without `returnTo` comes back. */
export function hostedPageUrl(ctx: OtlContext, companyId: string): string {
  return `${ctx.publicUrl}/company/${encodeURIComponent(companyId)}`;
}

/**
 * `returnTo` as given, when its origin is the server's own or an allow-listed one (SECURITY.md: the
 * callback redirects nowhere else); 400 naming `returnTo` otherwise. The fragment is dropped.
 */
export function allowedReturnTo(ctx: OtlContext, returnTo: string): string {
  const url = new URL(returnTo);
  if (url.origin !== ctx.publicOrigin && !ctx.allowedOrigins.has(url.origin)) {
    throw validationProblem([{ field: "returnTo", message: "must be on the server's own origin or an allowed origin" }]);
  }
  url.hash = "";
  return url.href;
}
