import { ProblemCheck } from "@otl/protocol/browser";
import { OtlError } from "./errors.ts";

/** Something that checks a response body: every protocol schema is one. */
export interface Checker<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: unknown };
}

/** One request to the OTL server. */
export interface Call<T> {
  method: "GET" | "POST" | "DELETE";
  path: string;
  /** Checks the answer; omit for answers without a body (204). */
  schema?: Checker<T>;
  body?: unknown;
  token?: string;
  signal?: AbortSignal | undefined;
}

/** Sends a call and checks its answer, or throws an `OtlError` (an abort is rethrown as is). */
export async function send<T>(fetcher: typeof fetch, baseUrl: string, call: Call<T>): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  if (call.body !== undefined) headers["content-type"] = "application/json";
  call.signal?.throwIfAborted();
  let response: Response;
  try {
    response = await fetcher(`${baseUrl}${call.path}`, {
      method: call.method,
      headers,
      body: call.body === undefined ? null : JSON.stringify(call.body),
      signal: call.signal ?? null,
      credentials: "omit",
    });
  } catch (error) {
    if (call.signal?.aborted) throw call.signal.reason ?? error;
    throw new OtlError("network", `Could not reach ${baseUrl}: ${(error as Error).message}`, { cause: error });
  }
  const text = await response.text();
  const json: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) throw problemError(response, json);
  if (!call.schema) return undefined as T;
  const checked = call.schema.safeParse(json);
  if (!checked.success) {
    throw new OtlError("internal", `${call.method} ${call.path} answered a body that does not match the protocol`, {
      status: response.status,
      cause: checked.error,
    });
  }
  return checked.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function problemError(response: Response, json: unknown): OtlError {
  const problem = ProblemCheck.safeParse(json);
  const retryAfter = Number(response.headers.get("retry-after")) || undefined;
  if (!problem.success) {
    return new OtlError(
      response.status >= 500 ? "internal" : "not_found",
      `The server answered ${response.status} without a problem document`,
      { status: response.status },
    );
  }
  const { code, title, detail, errors } = problem.data;
  return new OtlError(code, detail ?? title, { status: response.status, fields: errors ?? [], ...(retryAfter ? { retryAfter } : {}) });
}
