/** What our backend's `GET /api/otl-session` answers: the OTL server and a fresh single-use access token. */
export interface OtlSession {
  baseUrl: string;
  accessToken: string;
  companyId: string;
}

/**
 * Asks our backend (same origin, through Vite's proxy) for a new access token. The API key stays in
 * the backend. Also the `fetchAccessToken` of the flow: when the session expires mid-flow, a new
 * token is wanted, never the spent one.
 */
export async function fetchSession(signal?: AbortSignal): Promise<OtlSession> {
  const response = await fetch("/api/otl-session", { cache: "no-store", signal });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
    throw new Error(problem?.detail ?? `GET /api/otl-session answered ${response.status}`);
  }
  return (await response.json()) as OtlSession;
}

/** For `fetchAccessToken`: a new token from our backend. */
export async function renewAccessToken(): Promise<string> {
  return (await fetchSession()).accessToken;
}
