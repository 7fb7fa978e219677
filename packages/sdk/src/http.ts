import type { Verdict } from "@otl/protocol/browser/answers";
import { OtlError } from "./errors.ts";

/** A request's method and path, as one string: `POST /v1/link/inspect`. */
export type Route = `${"GET" | "POST" | "DELETE"} /v1/${string}`;

/** Options of a single call. */
export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * Sends a call — `body` as JSON, if any, with the session `token`, if any — and judges its answer with
 * `verdict` (omitted for answers without a body: 204), or throws an `OtlError` (an abort is rethrown as is).
 */
export async function send<T>(
  fetcher: typeof fetch,
  baseUrl: string,
  route: Route,
  token: string | undefined,
  { signal }: CallOptions,
  body?: unknown,
  verdict?: Verdict<T>,
): Promise<T> {
  const [method, path] = route.split(" ");
  const headers: Record<string, string> = { accept: "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  signal?.throwIfAborted();
  let response: Response;
  try {
    response = await fetcher(baseUrl + path, { method, headers, body: JSON.stringify(body), signal, credentials: "omit" });
  } catch (error) {
    if (signal?.aborted) throw signal.reason ?? error;
    throw new OtlError("network", unreachableMessage(baseUrl, error as Error), { cause: error });
  }
  return readAnswer(route, verdict, response.status, await response.text(), response.headers.get("retry-after"));
}

/** Loads ./refusal.ts, which reads an answer the call cannot take. */
export type LoadRefusal = () => Promise<typeof import("./refusal.ts")>;

/**
 * An answer to `route` (`POST /v1/link/inspect`), read: its body, when `verdict` finds it is what the
 * protocol allows (any body without one). Else the `OtlError` that ./refusal.ts reads from it: for a
 * status outside 2xx, what its problem document says; for a body the protocol does not allow, an
 * `internal` one that says what is wrong. `load` brings that code: by default `import()`, so that a
 * bundle of the SDK loads it with the first such answer (tests pass their own). When it cannot be
 * loaded (the network went away since the answer came), the call fails as one that could not reach the
 * server: `network`, with the answer's status, for the customer to try again.
 */
export async function readAnswer<T>(
  route: string,
  verdict: Verdict<T> | undefined,
  status: number,
  text: string,
  retryAfter: string | null,
  load: LoadRefusal = () => import("./refusal.ts"),
): Promise<T> {
  const json = parseJson(text);
  if (status >= 200 && status <= 299 && (!verdict || verdict(json))) return json as T;
  let reader: Awaited<ReturnType<LoadRefusal>>;
  try {
    reader = await load();
  } catch (error) {
    throw new OtlError("network", `Could not load the code that reads the server's ${status} answer`, {
      status,
      cause: error,
    });
  }
  throw reader.answerError(route, verdict, status, json, retryAfter);
}

/** The JSON of a body, or undefined when it is empty or not JSON (a proxy's HTML page). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

let warned = false;

/**
 * Why a call found no server, for the developer. A browser reports a CORS refusal — a page origin
 * missing from the server's `OTL_ALLOWED_ORIGINS` — exactly like a network failure, so when the page
 * is on another origin than the server the message says so, naming the page's origin, and warns
 * once in the console, where a developer looks first.
 */
function unreachableMessage(baseUrl: string, error: Error): string {
  const message = `Could not reach ${baseUrl}: ${error.message}`;
  const page = globalThis.location?.origin;
  let server: string | undefined;
  try {
    server = new URL(baseUrl).origin;
  } catch {
    return message;
  }
  if (!page || page === "null" || page === server) return message;
  const hint = `${message}. If the server is running, check that its OTL_ALLOWED_ORIGINS lists ${page}: a browser reports a missing CORS entry exactly like a network failure.`;
  if (!warned) {
    warned = true;
    console.warn(`[otl] ${hint}`);
  }
  return hint;
}
