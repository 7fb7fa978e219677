import type { CredentialField, Integration } from "@otl/protocol";

// The integration interface a host implements (CONTRACT.md, ◇ Integration kinds). Three kinds:
// `credentials` (a form the server forwards once), `redirect` (OAuth 2 authorization code with
// PKCE S256, driven by the server) and `upload` (statements the customer sends as files).

/**
 * How an integration answered: linked, or failed with a message the customer reads on the connect
 * step (plain words, no codes, no secrets).
 */
export type ConnectOutcome = { ok: true } | { ok: false; message: string };

/** What a credentials integration answered to the customer's values. */
export type CredentialsOutcome = ConnectOutcome;

/**
 * An integration the customer connects with a credentials form. Hosts add their own beside the
 * built-in sandbox ones; `connect` receives the values once and must not keep them.
 */
export interface CredentialsIntegration extends Integration {
  kind: "credentials";
  /** The form the element renders, in order. */
  fields: CredentialField[];
  /** Checks the values at the provider. Rejecting (throwing) is answered 502 `integration_failed`. */
  connect(values: Readonly<Record<string, string>>): Promise<CredentialsOutcome>;
}

/**
 * The OAuth 2 client registration of a redirect integration, at one authorization server. The
 * server sends the customer to `authorizationEndpoint` with `response_type=code`, PKCE S256
 * (RFC 7636) and a one-time `state`, and exchanges the code at `tokenEndpoint` itself (RFC 6749 §4.1).
 * The redirect URI to register at the provider is `<publicUrl>/v1/oauth/callback`.
 */
export interface OAuthClientSettings {
  /** The authorization server's issuer identifier (RFC 8414), e.g. `https://auth.bank.example`. */
  issuer: string;
  /** Where the customer's browser is sent to approve or deny. */
  authorizationEndpoint: string;
  /** Where the server exchanges the code, with the PKCE verifier. */
  tokenEndpoint: string;
  /** The client identifier the provider issued to the host. */
  clientId: string;
  /** The client secret, sent as HTTP Basic (`client_secret_basic`); omit for a public client (`none`). */
  clientSecret?: string;
  /** Space-separated scopes to ask for; omitted when absent. */
  scope?: string;
}

/** The token response of a successful exchange (RFC 6749 §5.1), as the provider sent it. */
export interface OAuthTokens {
  accessToken: string;
  tokenType: string;
  /** Lifetime in seconds, when the provider said. */
  expiresIn?: number;
  refreshToken?: string;
  scope?: string;
}

/**
 * An integration the customer connects by an OAuth 2 redirect to their bank (authorization code +
 * PKCE S256). The server builds the authorize URL, checks `state`, exchanges the code and then calls
 * `linked` with the tokens; the host keeps them (OTL never stores provider tokens). A denial or
 * cancel at the provider leaves the connection `failed` with a message, without calling `linked`.
 */
export interface RedirectIntegration extends Integration {
  kind: "redirect";
  oauth: OAuthClientSettings;
  /**
   * Receives the tokens once, right after the exchange; answering `{ok: false, message}` fails
   * the connection with that message. Absent: every successful exchange links.
   */
  linked?(tokens: OAuthTokens): Promise<ConnectOutcome>;
}

/** A file the customer uploaded, after the server decided its type from its bytes. */
export interface UploadedFile {
  /** The name the browser sent, for display only (never a path). */
  name: string;
  /** The media type found in the bytes, one of the integration's `accept`. */
  mediaType: string;
  /** Size in bytes. */
  size: number;
  /** The whole file. */
  bytes: Uint8Array;
}

/**
 * An integration the customer connects by uploading statements (Basiq-style) instead of a login.
 * The server streams each file with a hard limit, decides its type from the bytes and stores it
 * outside any served path; the host downloads files through the admin API.
 */
export interface UploadIntegration extends Integration {
  kind: "upload";
  /** Media types accepted, e.g. `["application/pdf", "text/csv"]`. */
  accept: string[];
  /** The largest file accepted, in bytes. Default 20 MB (20 × 1024 × 1024). */
  maxBytes?: number;
  /**
   * An optional host check of each stored file; `{ok: false, message}` refuses it with 422
   * `upload_rejected` carrying the message.
   */
  check?(file: UploadedFile): Promise<ConnectOutcome>;
}

/** Every kind of integration the server can drive, told apart by `kind`. */
export type IntegrationProvider = CredentialsIntegration | RedirectIntegration | UploadIntegration;
