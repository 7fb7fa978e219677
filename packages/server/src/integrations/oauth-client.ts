import * as oauth from "oauth4webapi";
import type { OAuthClientSettings, OAuthTokens } from "./types.ts";

// The server side of an OAuth 2 authorization code flow with PKCE S256 (RFC 6749 §4.1, RFC 7636),
// on `oauth4webapi`: the authorize URL out, the callback's parameters and the code exchange back.

/** What the provider's callback and token endpoint came to. */
export type ExchangeOutcome =
  | { ok: true; tokens: OAuthTokens }
  /** `denied`: the customer denied or cancelled at the provider; `failed`: anything else went wrong. */
  | { ok: false; reason: "denied" | "failed"; detail: string };

function authorizationServer(settings: OAuthClientSettings): oauth.AuthorizationServer {
  return {
    issuer: settings.issuer,
    authorization_endpoint: settings.authorizationEndpoint,
    token_endpoint: settings.tokenEndpoint,
  };
}

// Plain http is allowed only to the loopback address (the sandbox bank); a real provider is https.
function isLoopbackHttp(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === "http:" && (hostname === "127.0.0.1" || hostname === "localhost" || hostname === "[::1]");
}

/** The URL that sends the customer to the provider: `response_type=code`, the one-time `state` and the S256 challenge of `verifier`. */
export async function authorizeUrl(settings: OAuthClientSettings, redirectUri: string, state: string, verifier: string): Promise<string> {
  const url = new URL(settings.authorizationEndpoint);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", settings.clientId);
  url.searchParams.set("redirect_uri", redirectUri);
  url.searchParams.set("state", state);
  url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(verifier));
  url.searchParams.set("code_challenge_method", "S256");
  if (settings.scope) url.searchParams.set("scope", settings.scope);
  return url.href;
}

/**
 * Reads the callback's parameters (`code`, or `error` for a denial) and exchanges the code at the
 * token endpoint with `verifier`, from the server. The caller has already checked and spent `state`.
 * Never throws: a denial, a provider error or an unreachable provider each come back as an outcome.
 */
export async function exchangeCode(
  settings: OAuthClientSettings,
  callback: URLSearchParams,
  redirectUri: string,
  verifier: string,
): Promise<ExchangeOutcome> {
  const as = authorizationServer(settings);
  const client: oauth.Client = { client_id: settings.clientId };
  const auth = settings.clientSecret === undefined ? oauth.None() : oauth.ClientSecretBasic(settings.clientSecret);
  const insecure = isLoopbackHttp(settings.tokenEndpoint);
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(as, client, callback, oauth.skipStateCheck);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError) {
      const reason = error.error === "access_denied" ? "denied" : "failed";
      return { ok: false, reason, detail: `the provider answered ${error.error}` };
    }
    return { ok: false, reason: "failed", detail: error instanceof Error ? error.message : String(error) };
  }
  try {
    const response = await oauth.authorizationCodeGrantRequest(as, client, auth, params, redirectUri, verifier, {
      [oauth.allowInsecureRequests]: insecure,
      signal: AbortSignal.timeout(10_000),
    });
    const body = await oauth.processAuthorizationCodeResponse(as, client, response);
    const tokens: OAuthTokens = { accessToken: body.access_token, tokenType: body.token_type };
    if (body.expires_in !== undefined) tokens.expiresIn = body.expires_in;
    if (body.refresh_token !== undefined) tokens.refreshToken = body.refresh_token;
    if (body.scope !== undefined) tokens.scope = body.scope;
    return { ok: true, tokens };
  } catch (error) {
    const detail = error instanceof oauth.ResponseBodyError ? `the token endpoint answered ${error.error}` : String(error);
    return { ok: false, reason: "failed", detail };
  }
}
