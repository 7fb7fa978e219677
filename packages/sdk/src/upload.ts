import type { UploadResult } from "@otl/protocol/browser";
import { isUploadResult, type Verdict } from "@otl/protocol/browser/answers";
import { OtlError } from "./errors.ts";
import { readAnswer } from "./http.ts";

/** How far an upload has gone: bytes of the request body sent so far, of `total`. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

/** Options of an upload: its signal, and who hears of its progress. */
export interface UploadOptions {
  signal?: AbortSignal | undefined;
  /** Called as the body goes out (XMLHttpRequest's upload progress); with fetch, once at the end. */
  onProgress?: ((progress: UploadProgress) => void) | undefined;
}

/**
 * Uploads `files` to the upload connection `connectionId` with the session `token` (the work of
 * `Session.uploadFiles`, in this module so that a bundle loads it with the first upload): answers the
 * flow plus every file the connection holds, or throws `OtlError`.
 */
export function uploadFiles(
  baseUrl: string,
  fetcher: typeof fetch | undefined,
  connectionId: string,
  files: readonly Blob[],
  token: string,
  { signal, onProgress }: UploadOptions,
): Promise<UploadResult> {
  const form = new FormData();
  for (const file of files) form.append("file", file, file instanceof File ? file.name : "statement");
  const path = `/v1/session/connections/${encodeURIComponent(connectionId)}/upload`;
  return sendUpload(baseUrl, { path, token, form, verdict: isUploadResult, onProgress, signal }, fetcher);
}

/** One multipart upload to the OTL server. */
export interface UploadCall<T> {
  path: string;
  token: string;
  form: FormData;
  verdict: Verdict<T>;
  /** Called as the body goes out (XMLHttpRequest's upload progress); with fetch, once at the end. */
  onProgress?: ((progress: UploadProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/** The answer to an upload, read as every answer is. */
function checked<T>(call: UploadCall<T>, status: number, text: string, retryAfter: string | null): Promise<T> {
  return readAnswer(`POST ${call.path}`, call.verdict, status, text, retryAfter);
}

/**
 * Sends `call.form` as multipart/form-data. In a browser it goes through XMLHttpRequest, the one
 * web API that reports upload progress (fetch reports none for a request body); elsewhere, or with
 * a host's own `fetcher`, through fetch. Throws `OtlError` like every other call; an abort rejects
 * with the signal's reason.
 */
export function sendUpload<T>(baseUrl: string, call: UploadCall<T>, fetcher?: typeof fetch): Promise<T> {
  call.signal?.throwIfAborted();
  if (fetcher || typeof XMLHttpRequest === "undefined") return uploadWithFetch(fetcher ?? globalThis.fetch, baseUrl, call);
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${baseUrl}${call.path}`);
    xhr.setRequestHeader("authorization", `Bearer ${call.token}`);
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (event) =>
      call.onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : event.loaded });
    xhr.onload = () => checked(call, xhr.status, xhr.responseText, xhr.getResponseHeader("retry-after")).then(resolve, reject);
    xhr.onerror = () => reject(new OtlError("network", `Could not reach ${baseUrl} to upload`));
    xhr.onabort = () => reject(call.signal?.reason ?? new DOMException("The upload was aborted", "AbortError"));
    call.signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(call.form);
  });
}

async function uploadWithFetch<T>(fetcher: typeof fetch, baseUrl: string, call: UploadCall<T>): Promise<T> {
  let response: Response;
  try {
    response = await fetcher(`${baseUrl}${call.path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${call.token}`, accept: "application/json" },
      body: call.form,
      signal: call.signal ?? null,
      credentials: "omit",
    });
  } catch (error) {
    if (call.signal?.aborted) throw call.signal.reason ?? error;
    throw new OtlError("network", `Could not reach ${baseUrl} to upload: ${(error as Error).message}`, { cause: error });
  }
  const text = await response.text();
  const size = Number(response.headers.get("content-length")) || 0;
  call.onProgress?.({ loaded: size, total: size });
  return checked(call, response.status, text, response.headers.get("retry-after"));
}
