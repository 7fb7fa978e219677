import { type APIRequestContext, expect } from "@playwright/test";

// The host's side of a journey: the admin API, called with the e2e API key as a host backend would.
// Typed loosely on purpose: the journeys read only the contract's fields, as an outside client would.

/** A company, as the admin API answers it. */
export interface Company {
  id: string;
  name: string;
}

/** A link, with its code (only when just issued) and URL. */
export interface Link {
  id: string;
  type: "company" | "connection";
  status: string;
  code: string;
  url: string;
  expiresAt: string;
}

/** A connection, as the admin API answers it. */
export interface Connection {
  id: string;
  integration: string;
  status: "pending" | "linked" | "failed";
}

/** A company's flow, as the admin API answers it. */
export interface Flow {
  status: "open" | "done" | "expired";
  step: string;
  consent: { status: string };
  /** What the customer agreed to: the wording's version and language, when, and a keyed hash of their address. */
  consentReceipt: { textVersion: string; locale: string; acceptedAt: string; clientHash: string | null } | null;
  connections: Connection[];
}

/** Options of a new link (`POST /v1/companies/:id/links`). */
export interface LinkOptions {
  type?: "company" | "connection";
  connectionId?: string;
  ttlSeconds?: number;
  require2fa?: boolean;
}

/** The admin API of the journeys' OTL server. */
export class OtlAdmin {
  readonly #api: APIRequestContext;

  constructor(api: APIRequestContext) {
    this.#api = api;
  }

  /** A fresh company: every journey has its own, so flows never meet. `contact`: its e-mail and phone on file. */
  async company(name: string, contact: { email?: string; phone?: string } = { email: "owner@example.test" }): Promise<Company> {
    return this.#call<Company>("POST", "/v1/companies", { name, contact }, 201);
  }

  /** Issues a company link, or a connection link with `{type: "connection", connectionId}`. */
  async link(companyId: string, options: LinkOptions = {}): Promise<Link> {
    return this.#call<Link>("POST", `/v1/companies/${companyId}/links`, { type: "company", ...options }, 201);
  }

  /** A single-use access token for the company, as a host backend mints one for its page. */
  async accessToken(companyId: string): Promise<string> {
    return (await this.#call<{ accessToken: string }>("POST", `/v1/companies/${companyId}/access-tokens`, {}, 201)).accessToken;
  }

  /** A link's current status, from the company's list of links. */
  async linkStatus(companyId: string, linkId: string): Promise<string | undefined> {
    const { items } = await this.#call<{ items: Link[] }>("GET", `/v1/companies/${companyId}/links`);
    return items.find((link) => link.id === linkId)?.status;
  }

  /** Creates a pending connection to an integration, for a connection link. */
  async connection(companyId: string, integration: string): Promise<Connection> {
    return this.#call<Connection>("POST", `/v1/companies/${companyId}/connections`, { integration }, 201);
  }

  /** The company's connections. */
  async connections(companyId: string): Promise<Connection[]> {
    return (await this.#call<{ items: Connection[] }>("GET", `/v1/companies/${companyId}/connections`)).items;
  }

  /** The company's open or last flow. */
  async flow(companyId: string): Promise<Flow> {
    return this.#call<Flow>("GET", `/v1/companies/${companyId}/flow`);
  }

  /** The statements uploaded to a connection (`GET /v1/connections/:id/files`). */
  async files(connectionId: string): Promise<Array<{ id: string; name: string; mediaType: string; size: number }>> {
    return (
      await this.#call<{ items: Array<{ id: string; name: string; mediaType: string; size: number }> }>(
        "GET",
        `/v1/connections/${connectionId}/files`,
      )
    ).items;
  }

  /** Downloads an uploaded statement: its answer, with the original bytes and type. */
  async download(fileId: string): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
    const response = await this.#api.fetch(`/v1/files/${fileId}`);
    return { status: response.status(), headers: response.headers(), body: await response.body() };
  }

  async #call<T>(method: string, path: string, data?: unknown, status = 200): Promise<T> {
    const response = await this.#api.fetch(path, { method, data });
    expect(response.status(), `${method} ${path}: ${await response.text()}`).toBe(status);
    return (await response.json()) as T;
  }
}
