/** What our backend's `GET /api/otl-session` answers: the OTL server and a fresh single-use access token. */
export interface OtlSession {
  baseUrl: string;
  accessToken: string;
  companyId: string;
}

/** Asks our backend (same origin, through Vite's proxy) for a new access token. */
async function fetchSession(): Promise<OtlSession> {
  const response = await fetch("/api/otl-session", { cache: "no-store" });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
    throw new Error(problem?.detail ?? `GET /api/otl-session answered ${response.status}`);
  }
  return (await response.json()) as OtlSession;
}

// Why the promise lives here, outside any component: React's StrictMode (in development) runs every
// effect twice — mount, unmount, mount. Fetching inside the effect would mint two different tokens,
// and the element would exchange each of them (the SDK's single-flight only merges exchanges of one
// token). Both runs of the effect get this one promise, so one token is minted and exchanged once.
// A failure is forgotten, so trying again fetches anew. This page shows the flow once; an app that
// shows it again later (another route) must reset `pending` for a new token, as the old one is spent.
let pending: Promise<OtlSession> | undefined;

/** This page's session: fetched on the first call, the same promise on every later one. */
export function loadSession(): Promise<OtlSession> {
  pending ??= fetchSession().catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}

/** For `fetchAccessToken`: the session expired mid-flow, so a new token is wanted, never the cached one. */
export async function renewAccessToken(): Promise<string> {
  return (await fetchSession()).accessToken;
}
