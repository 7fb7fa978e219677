import type { ServerResponse } from "node:http";
import { OAuth2Server } from "oauth2-mock-server";
import { escapeHtml } from "../../hosted/escape-html.ts";
import type { RedirectIntegration } from "../types.ts";

// "Sandbox OAuth Bank" (CONTRACT.md ◇ Integration kinds): a real OAuth 2 authorization server
// (`oauth2-mock-server`: authorization code, PKCE S256 checked at the token endpoint, each code
// good once) in front of which sit an approve and a deny page, so demos and tests can do both.

/** The sandbox client's registration at the sandbox bank: letters only, since the mock server does not
 * undo the form-encoding RFC 6749 §2.3.1 asks of HTTP Basic client credentials (`-` → `%2D`). */
const CLIENT_ID = "otlsandbox";
const CLIENT_SECRET = "otlsandboxsecret";

/** A running Sandbox OAuth Bank and the integration that connects to it. */
export interface SandboxOAuthBank {
  /** The `redirect` integration to pass in `integrations` (key `sandbox-oauth-bank`). */
  integration: RedirectIntegration;
  /** The authorization server's issuer, e.g. `http://127.0.0.1:43123`. */
  issuer: string;
  /** Stops the authorization server. */
  stop(): Promise<void>;
}

/** The consent page: what is asked, and Approve or Deny, each carrying the authorize request on. */
function consentPage(query: URLSearchParams): string {
  const hidden = [...query]
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sandbox OAuth Bank</title>
<style>body{font:16px system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}form{display:inline}button{font:inherit;padding:.5rem 1rem;margin-right:.5rem}</style>
</head><body><h1>Sandbox OAuth Bank</h1>
<p>An app wants to read your accounts, balances and transactions. This is a sandbox: nothing real is shared.</p>
<form method="get" action="/authorize/approve">${hidden}<button type="submit">Approve</button></form>
<form method="get" action="/authorize/deny">${hidden}<button type="submit">Deny</button></form>
</body></html>`;
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body = ""): void {
  res.writeHead(status, { "cache-control": "no-store", ...headers });
  res.end(body);
}

/**
 * Starts the Sandbox OAuth Bank on `host` (default 127.0.0.1) and `port` (default: any free one).
 * `GET /authorize` shows the consent page; Approve goes on to the server's own authorize endpoint,
 * which redirects back with a code; Deny redirects back with `error=access_denied` (RFC 6749 §4.1.2.1).
 */
export async function startSandboxOAuthBank(options: { host?: string; port?: number } = {}): Promise<SandboxOAuthBank> {
  const server = new OAuth2Server(undefined, undefined, { endpoints: { authorize: "/authorize/approve" } });
  await server.issuer.keys.generate("RS256");
  server.service.addRoute("GET", "/authorize", (req, res) => {
    const query = new URL(req.url ?? "/", "http://sandbox").searchParams;
    send(res, 200, { "content-type": "text/html; charset=utf-8", "x-frame-options": "DENY" }, consentPage(query));
  });
  server.service.addRoute("GET", "/authorize/deny", (req, res) => {
    const query = new URL(req.url ?? "/", "http://sandbox").searchParams;
    const back = URL.parse(query.get("redirect_uri") ?? "");
    if (!back) return send(res, 400, { "content-type": "text/plain" }, "redirect_uri is required");
    back.searchParams.set("error", "access_denied");
    back.searchParams.set("error_description", "The customer denied access");
    const state = query.get("state");
    if (state) back.searchParams.set("state", state);
    send(res, 302, { location: back.href });
  });
  const host = options.host ?? "127.0.0.1";
  await server.start(options.port ?? 0, host);
  // The address it listens on, not the mock's default "localhost", which may resolve to ::1 first.
  const issuer = `http://${host.includes(":") ? `[${host}]` : host}:${server.address().port}`;
  server.issuer.url = issuer;
  return {
    issuer,
    integration: {
      key: "sandbox-oauth-bank",
      name: "Sandbox OAuth Bank",
      category: "banking",
      kind: "redirect",
      sandbox: true,
      oauth: {
        issuer,
        authorizationEndpoint: `${issuer}/authorize`,
        tokenEndpoint: `${issuer}/token`,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        scope: "accounts",
      },
    },
    stop: () => server.stop(),
  };
}
