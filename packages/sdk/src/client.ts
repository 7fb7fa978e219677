import type { ExchangeResult, InspectResult } from "@otl/protocol/browser";
import { isExchangeResult, isFlowView, isInspectResult, type Verdict } from "@otl/protocol/browser/answers";
import { isOtlError } from "./errors.ts";
import { exchangedCompany, exchangeOnce, exchangeOnceIfStarted, rememberExchange, secretKey } from "./exchanges.ts";
import { type CallOptions, type Route, send } from "./http.ts";
import { Session } from "./session.ts";
import { defaultSessionStore, type SessionStore } from "./storage.ts";
import type { UploadOptions } from "./upload.ts";

/** A one-time link (code at its company, and connection for a connection link). */
export interface LinkSecret {
  code: string;
  companyId: string;
  connectionId?: string | undefined;
}

/** What a session can be exchanged from: a link, or an access token from the host's backend. */
export type ExchangeSecret = LinkSecret | { accessToken: string };

/** Options of `LinkClient`. */
export interface LinkClientOptions {
  /** The OTL server, e.g. `https://otl.example.com`. */
  baseUrl: string;
  /** Injectable fetch (tests, instrumentation); default the global one, read at call time. */
  fetch?: typeof fetch;
  /**
   * Gets a fresh access token from the host's backend when a session expires mid-flow. Read when a
   * renewal happens, not when the client is built, so it may be set on the options object later.
   */
  fetchAccessToken?: () => Promise<string>;
  /** Where this tab keeps its session token; default `sessionStorage`, `null` for nowhere. */
  storage?: SessionStore | null;
}

/**
 * The OTL browser client. Creating one starts nothing and touches no browser global, so it is
 * safe to import and construct during server-side rendering.
 */
export class LinkClient {
  /** The server's base URL, without a trailing slash. */
  readonly baseUrl: string;
  readonly #options: LinkClientOptions;

  constructor(options: LinkClientOptions) {
    if (!options?.baseUrl) throw new TypeError("LinkClient needs a baseUrl");
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.#options = options;
  }

  /** Reads a link's landing facts (company, status, what is shared) without consuming it. */
  inspect(link: LinkSecret, options: { signal?: AbortSignal } = {}): Promise<InspectResult> {
    return this.#send("POST /v1/link/inspect", undefined, options, linkBody(link), isInspectResult);
  }

  /**
   * "Send me a new link" (`POST /v1/link/renew`) for a link that is spent, expired or superseded, or
   * whose session timed out. The server sends a fresh link to the contact it has on file when the code
   * was real and its flow is not done (at most 3 a day per company). It resolves the same whatever
   * happened — the answer says nothing about the link — and fails only as any call can (`network`,
   * `validation_failed` for a malformed code, `rate_limited`).
   */
  async renew(link: LinkSecret, options: { signal?: AbortSignal } = {}): Promise<void> {
    await this.#send("POST /v1/link/renew", undefined, options, linkBody(link));
  }

  /**
   * Exchanges a link or access token for a session, once per tab: every call for the same secret at
   * the same server — from this client or another, a double click, a re-created element, React
   * StrictMode's double mount — gets the one session, and after a reload the session this tab got
   * from it is resumed (see `restore`) instead of spending the secret again.
   * It is deliberately not abortable — an abandoned exchange could spend the secret and lose the session.
   */
  async exchange(secret: ExchangeSecret): Promise<Session> {
    const [key, hashed] = await secretKey(this.baseUrl, secretText(secret));
    return exchangeOnce(key, async () => {
      const restored = hashed ? await this.#restore(key) : null;
      if (restored) return restored;
      const result = await this.#exchange("accessToken" in secret ? { accessToken: secret.accessToken } : linkBody(secret));
      if (hashed) rememberExchange(this.#storage(), key, result.flow.companyId);
      return new Session(this.#host(), result.sessionToken, result.flow);
    });
  }

  /**
   * The live session this tab got from `secret` — in this page, or before a reload — without sending
   * the secret; null when this tab never exchanged it or that session is over. A reload after "All
   * done" thus shows this tab's own done screen rather than "this link was already used".
   */
  async restore(secret: ExchangeSecret, options: { signal?: AbortSignal } = {}): Promise<Session | null> {
    const [key, hashed] = await secretKey(this.baseUrl, secretText(secret));
    const pending = exchangeOnceIfStarted(key);
    if (pending) return pending.catch(() => null);
    return hashed ? this.#restore(key, options) : null;
  }

  async #restore(key: string, options: { signal?: AbortSignal } = {}): Promise<Session | null> {
    const companyId = exchangedCompany(this.#storage(), key);
    return companyId ? this.resume(companyId, options) : null;
  }

  /** This tab's session with the company, if it is still alive (a reload continues the flow). */
  async resume(companyId: string, options: { signal?: AbortSignal } = {}): Promise<Session | null> {
    const token = this.#storage()?.getItem(storageKey(this.baseUrl, companyId));
    if (!token) return null;
    try {
      const flow = await this.#send("GET /v1/session", token, options, undefined, isFlowView);
      return new Session(this.#host(), token, flow);
    } catch (error) {
      if (isOtlError(error) && (error.code === "unauthorized" || error.code === "session_expired")) {
        this.#storage()?.removeItem(storageKey(this.baseUrl, companyId));
        return null;
      }
      throw error;
    }
  }

  #host() {
    return {
      send: <T>(route: Route, token: string, options: CallOptions, body?: unknown, verdict?: Verdict<T>) =>
        this.#send(route, token, options, body, verdict),
      // Loaded on the first upload: few flows have one, and a bundle of the SDK (the element's) then
      // carries the XMLHttpRequest code in a file of its own.
      upload: async (connectionId: string, files: readonly Blob[], token: string, options: UploadOptions) =>
        (await import("./upload.ts")).uploadFiles(this.baseUrl, this.#options.fetch, connectionId, files, token, options),
      renew: async () => {
        if (!this.#options.fetchAccessToken) return null;
        return (await this.#exchange({ accessToken: await this.#options.fetchAccessToken() })).sessionToken;
      },
      remember: (companyId: string, token: string | null) => {
        const storage = this.#storage();
        const key = storageKey(this.baseUrl, companyId);
        if (token === null) storage?.removeItem(key);
        else storage?.setItem(key, token);
      },
    };
  }

  /** Spends a link or an access token for a session (`POST /v1/link/exchange`). */
  #exchange(body: object): Promise<ExchangeResult> {
    return this.#send("POST /v1/link/exchange", undefined, {}, body, isExchangeResult);
  }

  #send<T>(route: Route, token: string | undefined, options: CallOptions, body?: unknown, verdict?: Verdict<T>): Promise<T> {
    const fetcher = this.#options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    return send(fetcher, this.baseUrl, route, token, options, body, verdict);
  }

  #storage(): SessionStore | null {
    return this.#options.storage === undefined ? defaultSessionStore() : this.#options.storage;
  }
}

function linkBody(link: LinkSecret) {
  return { code: link.code, companyId: link.companyId, ...(link.connectionId ? { connectionId: link.connectionId } : {}) };
}

/** The text that identifies a secret: the access token, or the code at its company and connection. */
function secretText(secret: ExchangeSecret): string {
  return "accessToken" in secret ? secret.accessToken : `${secret.companyId}/${secret.connectionId ?? ""}/${secret.code}`;
}

function storageKey(baseUrl: string, companyId: string): string {
  return `otl:session:${baseUrl}:${companyId}`;
}
