import type { Connecting, ConnectionView, FlowView, Integration, UploadResult } from "@otl/protocol/browser";
import { isConnecting, isFlowView, isIntegrationList, isUploadResult, type Verdict } from "@otl/protocol/browser/answers";
import { isOtlError } from "./errors.ts";
import type { CallOptions, Route } from "./http.ts";
import type { UploadOptions, UploadProgress } from "./upload.ts";

/** What a session needs from its client: sending calls, and getting a fresh token when it expires. */
export interface SessionHost {
  /** Sends a call with the session's `token` (see `send` in ./http.ts). */
  send<T>(route: Route, token: string, options: CallOptions, body?: unknown, verdict?: Verdict<T>): Promise<T>;
  /** Uploads files to an upload connection with the session's `token` (see `uploadFiles` in ./upload.ts). */
  upload(connectionId: string, files: readonly Blob[], token: string, options: UploadOptions): Promise<UploadResult>;
  /** A new session token for the same flow, or null when the client cannot refresh. */
  renew(): Promise<string | null>;
  /** Remembers (or forgets, with null) this tab's session token. */
  remember(companyId: string, token: string | null): void;
}

export type { CallOptions } from "./http.ts";

/** The event a session dispatches whenever its flow changes. */
export type FlowChangeEvent = CustomEvent<{ flow: FlowView }>;

/**
 * A customer's session on a flow. `flow` is always the latest the server sent; every change
 * dispatches a `change` event. When the session expires and the client has `fetchAccessToken`,
 * the call is renewed and retried once, so the customer stays on the same step.
 */
export class Session extends EventTarget {
  #token: string;
  #flow: FlowView;
  #renewing: Promise<string | null> | undefined;
  readonly #host: SessionHost;

  /** Built by `LinkClient`; not meant to be constructed directly. */
  constructor(host: SessionHost, token: string, flow: FlowView) {
    super();
    this.#host = host;
    this.#token = token;
    this.#flow = flow;
    host.remember(flow.companyId, token);
  }

  /** The flow as the server last sent it. */
  get flow(): FlowView {
    return this.#flow;
  }

  /** Reads the flow again. */
  refresh(options: CallOptions = {}): Promise<FlowView> {
    return this.#flowCall("GET /v1/session", options);
  }

  /** Sends the 6-digit code the customer received. */
  verify(code: string, options: CallOptions = {}): Promise<FlowView> {
    return this.#flowCall("POST /v1/session/verify", options, { code });
  }

  /** Asks for a new 2FA code. */
  async resendCode(options: CallOptions = {}): Promise<void> {
    await this.#call("POST /v1/session/verify/resend", options, {});
  }

  /**
   * The customer accepts sharing their data. `textVersion` and `locale` name the wording they read
   * (e.g. `2026-11-30`, `fr-CA`); the server keeps them in the flow's consent receipt.
   */
  acceptConsent(options: CallOptions & { textVersion?: string; locale?: string } = {}): Promise<FlowView> {
    const { textVersion, locale } = options;
    return this.#flowCall("POST /v1/session/consent", options, { accept: true, textVersion, locale });
  }

  /** The customer declines. */
  declineConsent(options: CallOptions = {}): Promise<FlowView> {
    return this.#flowCall("POST /v1/session/consent", options, { accept: false });
  }

  /** The integrations the customer can connect; `sandbox: false` hides the sandbox ones. */
  async integrations(options: CallOptions & { sandbox?: boolean } = {}): Promise<Integration[]> {
    const query = options.sandbox === false ? "?sandbox=false" : "";
    return (await this.#call(`GET /v1/session/integrations${query}`, options, undefined, isIntegrationList)).items;
  }

  /**
   * Starts connecting an integration; the answer says what the customer does next. For a `redirect`
   * integration `next.url` is the bank's authorize URL, usable once; `returnTo` is the page the bank
   * sends the customer back to (this page, on the server's own or an allowed origin; default the
   * hosted page), where `resume` continues the flow.
   */
  async connect(integration: string, options: CallOptions & { returnTo?: string } = {}): Promise<Connecting> {
    const { returnTo } = options;
    const body = returnTo === undefined ? { integration } : { integration, returnTo };
    const connecting = await this.#call("POST /v1/session/connections", options, body, isConnecting);
    // The server moved the flow to `connect` with this connection; mirror that without another round trip.
    const others = this.#flow.connections.filter((connection: ConnectionView) => connection.id !== connecting.connection.id);
    this.#update({ ...this.#flow, step: "connect", connecting, connections: [...others, connecting.connection] });
    return connecting;
  }

  /** Sends the credentials form of a connection. A refusal comes back as a failed connection with a message. */
  submitCredentials(connectionId: string, values: Record<string, string>, options: CallOptions = {}): Promise<FlowView> {
    return this.#flowCall(`POST /v1/session/connections/${encodeURIComponent(connectionId)}/credentials`, options, { values });
  }

  /**
   * Uploads statements (PDF or CSV, as the connection's `next.accept` says) to the upload connection
   * under way; `onProgress` reports the bytes sent. Answers the flow plus every file the connection
   * holds. A refused file throws `OtlError` `upload_rejected` (its message says why) and one over
   * `next.maxBytes` throws `payload_too_large`; either way nothing of that call is kept.
   */
  async uploadFiles(
    connectionId: string,
    files: readonly Blob[],
    options: CallOptions & { onProgress?: (progress: UploadProgress) => void } = {},
  ): Promise<UploadResult> {
    const result = await this.#authorized((token) => this.#host.upload(connectionId, files, token, options));
    this.#update(withoutFiles(result));
    return result;
  }

  /** Removes a file uploaded to the connection under way, before the customer continues. */
  async removeFile(connectionId: string, fileId: string, options: CallOptions = {}): Promise<UploadResult> {
    const route: Route = `DELETE /v1/session/connections/${encodeURIComponent(connectionId)}/files/${encodeURIComponent(fileId)}`;
    const result = await this.#call(route, options, undefined, isUploadResult);
    this.#update(withoutFiles(result));
    return result;
  }

  /** The customer has uploaded their statements: the connection is linked and the flow moves to review. */
  completeUpload(connectionId: string, options: CallOptions = {}): Promise<FlowView> {
    return this.#flowCall(`POST /v1/session/connections/${encodeURIComponent(connectionId)}/upload/complete`, options);
  }

  /** The customer has disclosed all their accounts: the flow is done. */
  finish(options: CallOptions = {}): Promise<FlowView> {
    return this.#flowCall("POST /v1/session/finish", options, { disclosedAll: true });
  }

  /** Ends the session on the server and forgets it in this tab. */
  async end(options: CallOptions = {}): Promise<void> {
    try {
      await this.#call("DELETE /v1/session", options);
    } finally {
      this.#host.remember(this.#flow.companyId, null);
    }
  }

  /** Sends a call whose answer is the flow, and takes that flow as the latest. */
  async #flowCall(route: Route, options: CallOptions, body?: unknown): Promise<FlowView> {
    const flow = await this.#call(route, options, body, isFlowView);
    this.#update(flow);
    return flow;
  }

  #update(flow: FlowView): void {
    this.#flow = flow;
    this.dispatchEvent(new CustomEvent("change", { detail: { flow } }));
  }

  /** Sends a call with the session's token. */
  #call<T>(route: Route, options: CallOptions, body?: unknown, verdict?: Verdict<T>): Promise<T> {
    return this.#authorized((token) => this.#host.send(route, token, options, body, verdict));
  }

  /** Sends with the session token; when the session has expired, renews it (if the client can) and sends once more. */
  async #authorized<T>(send: (token: string) => Promise<T>): Promise<T> {
    try {
      return await send(this.#token);
    } catch (error) {
      if (!isOtlError(error) || error.code !== "session_expired") throw error;
      const token = await this.#renew();
      if (token === null) throw error;
      return send(token);
    }
  }

  // One renewal however many calls find the session expired at once.
  #renew(): Promise<string | null> {
    this.#renewing ??= this.#host.renew().then(
      (token) => {
        this.#renewing = undefined;
        if (token !== null) {
          this.#token = token;
          this.#host.remember(this.#flow.companyId, token);
        }
        return token;
      },
      (error) => {
        this.#renewing = undefined;
        throw error;
      },
    );
    return this.#renewing;
  }
}

/** The flow part of an upload answer. */
function withoutFiles({ files: _, ...flow }: UploadResult): FlowView {
  return flow;
}
