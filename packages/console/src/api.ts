/**
 * The console's only way to the server: the admin API at /v1 and the console session at
 * /console/session, same origin, with the HttpOnly session cookie the browser sends by itself and
 * the CSRF token in a header on every change. The API key passes through here once, at sign-in,
 * and is kept nowhere.
 */

/** The header the server reads the CSRF token from (packages/server/src/console/session-cookie.ts). */
const CSRF_HEADER = "x-otl-csrf";

/**
 * Where the server's routes start: "" when it serves the console at `/console`, `/otl` when a host
 * mounted it under `/otl` (the page is then at `/otl/console`), so every call stays on the same mount.
 */
export const SERVER_ROOT = location.pathname.replace(/\/console\/?$/, "");

/** A problem+json answer (RFC 9457), or a network failure (status 0). */
export class ApiError extends Error {
  /** The HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  /** The problem's stable `code`, e.g. `not_found`. */
  readonly code: string;
  /** The fields a 400 names. */
  readonly errors: { field: string; message: string }[];

  constructor(status: number, code: string, message: string, errors: { field: string; message: string }[] = []) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.errors = errors;
  }

  /** Whether this server has no such route at all (a part of the contract it does not build yet), not a missing resource. */
  get routeMissing(): boolean {
    return this.status === 404 && this.message.startsWith("No route for");
  }
}

/** A page of a list the admin API answers with a cursor. */
export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

/**
 * Calls the server for the console. Fires `signed-out` when the server refuses the session
 * (idle timeout, sign-out in another tab, a new API key), so the app can ask for the key again.
 */
export class ConsoleApi extends EventTarget {
  #csrf = "";

  /** Resumes the browser's console session, if it has one; true when signed in. */
  async resume(): Promise<boolean> {
    const answer = await fetch(`${SERVER_ROOT}/console/session`, { credentials: "same-origin" });
    if (!answer.ok) return false;
    this.#csrf = ((await answer.json()) as { csrfToken: string }).csrfToken;
    return true;
  }

  /** Exchanges the API key for a session cookie. Throws ApiError (401 for any wrong key, 429 when rate-limited). */
  async signIn(apiKey: string): Promise<void> {
    const answer = await this.#send("POST", "/console/session", { apiKey });
    this.#csrf = (answer as { csrfToken: string }).csrfToken;
  }

  /** Ends the session: the server clears the cookie. */
  async signOut(): Promise<void> {
    try {
      await this.#send("DELETE", "/console/session");
    } finally {
      this.#csrf = "";
    }
  }

  /** GET an admin API path, e.g. `/v1/companies/co_…`. */
  get<T>(path: string): Promise<T> {
    return this.#send("GET", path) as Promise<T>;
  }

  /** POST a JSON body to an admin API path. */
  post<T>(path: string, body: unknown): Promise<T> {
    return this.#send("POST", path, body) as Promise<T>;
  }

  /** DELETE an admin API path. */
  delete<T>(path: string): Promise<T> {
    return this.#send("DELETE", path) as Promise<T>;
  }

  async #send(method: string, path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (method !== "GET") headers[CSRF_HEADER] = this.#csrf;
    if (body !== undefined) headers["content-type"] = "application/json";
    let answer: Response;
    try {
      answer = await fetch(`${SERVER_ROOT}${path}`, {
        method,
        headers,
        credentials: "same-origin",
        body: body === undefined ? null : JSON.stringify(body),
      });
    } catch (cause) {
      throw new ApiError(0, "network", `The server could not be reached: ${String(cause)}`);
    }
    if (answer.status === 204) return undefined;
    const json = (await answer.json().catch(() => ({}))) as Record<string, unknown>;
    if (answer.ok) return json;
    const problem = new ApiError(
      answer.status,
      String(json.code ?? "unknown"),
      String(json.detail ?? json.title ?? answer.statusText),
      Array.isArray(json.errors) ? (json.errors as { field: string; message: string }[]) : [],
    );
    // Sign-in's own 401 means a wrong key; anywhere else it means the session is gone.
    if (answer.status === 401 && path !== "/console/session") this.dispatchEvent(new Event("signed-out"));
    throw problem;
  }
}
