import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Company, ExchangeResult, FlowView, IssuedLink, Problem } from "@otl/protocol";
import type { Hono } from "hono";
import { backgroundOf, createOtlServer, outboxOf } from "../app.ts";
import { ManualClock } from "../clock.ts";
import type { OtlServerOptions } from "../options.ts";
import { stopWebhooks } from "../outbox/webhooks-setup.ts";
import { MEMORY, SqliteStore } from "../store/sqlite.ts";
import { type HashKey, newHashKey } from "../tokens.ts";

/** The admin key every test server uses. */
export const API_KEY = "otl_sk_test-admin-key-0123456789";
/** The public URL every test server builds links from. */
export const PUBLIC_URL = "https://otl.example.test";

/** An answer read once: status, headers and parsed JSON body (if any). */
export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** Options for a test server: any server option, plus where its data lives. */
export interface TestServerOptions extends Partial<Omit<OtlServerOptions, "store">> {
  /** A directory for an on-disk store; default in memory. */
  dataDir?: string;
}

/** A server built for tests: the real app on a real SQLite store, a clock that moves on command, and captured logs. */
export class TestServer {
  readonly app: Hono;
  readonly store: SqliteStore;
  readonly clock: ManualClock;
  readonly logs: string[] = [];
  readonly hashKeys: HashKey[];

  constructor(options: TestServerOptions = {}) {
    this.clock = (options.clock as ManualClock | undefined) ?? new ManualClock(Date.parse("2026-03-01T12:00:00Z"));
    this.store = new SqliteStore({ dataDir: options.dataDir ?? MEMORY, clock: this.clock });
    this.hashKeys = options.hashKeys ?? [newHashKey()];
    this.app = createOtlServer({
      apiKey: API_KEY,
      publicUrl: PUBLIC_URL,
      logger: { info: (line) => this.logs.push(line), error: (line) => this.logs.push(line) },
      ...options,
      hashKeys: this.hashKeys,
      clock: this.clock,
      store: this.store,
    });
  }

  /** Sends a request through the app, without opening a port. */
  async request<T = unknown>(
    method: string,
    path: string,
    init: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body: string | undefined;
    if (init.body !== undefined) {
      body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
      headers["content-type"] ??= "application/json";
    }
    const response = await this.app.request(new Request(`http://localhost${path}`, { method, headers, body }));
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (an HTML page): keep the text.
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  /** An admin API call with the API key. */
  admin<T = unknown>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
    return this.request<T>(method, path, { body, token: API_KEY });
  }

  /** Creates a company and returns it. */
  async company(name = "Acme Pty Ltd", extra: Record<string, unknown> = {}): Promise<Company> {
    const answer = await this.admin<Company>("POST", "/v1/companies", { name, ...extra });
    if (answer.status !== 201) throw new Error(`company: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** Issues a link and returns it (with its code). */
  async link(companyId: string, body: Record<string, unknown> = { type: "company" }): Promise<IssuedLink> {
    const answer = await this.admin<IssuedLink>("POST", `/v1/companies/${companyId}/links`, body);
    if (answer.status !== 201) throw new Error(`link: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** Issues an access token and returns it. */
  async accessToken(companyId: string, ttlSeconds?: number): Promise<string> {
    const answer = await this.admin<{ accessToken: string }>(
      "POST",
      `/v1/companies/${companyId}/access-tokens`,
      ttlSeconds ? { ttlSeconds } : {},
    );
    if (answer.status !== 201) throw new Error(`access token: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.accessToken;
  }

  /** Exchanges a secret; the answer is a session or a problem. */
  exchange(body: Record<string, unknown>): Promise<Answer<ExchangeResult & Problem>> {
    return this.request("POST", "/v1/link/exchange", { body });
  }

  /** Exchanges a link and returns the session token and flow, failing loudly otherwise. */
  async open(link: IssuedLink): Promise<{ token: string; flow: FlowView }> {
    const answer = await this.exchange({
      code: link.code,
      companyId: link.companyId,
      ...(link.connectionId ? { connectionId: link.connectionId } : {}),
    });
    if (answer.status !== 201) throw new Error(`exchange: ${answer.status} ${JSON.stringify(answer.body)}`);
    return { token: answer.body.sessionToken, flow: answer.body.flow };
  }

  /** A session API call with a session token. */
  session<T = FlowView & Problem>(token: string, method: string, path = "", body?: unknown): Promise<Answer<T>> {
    return this.request<T>(method, `/v1/session${path}`, { body, token });
  }

  /** Walks a session from consent to review by connecting Sandbox Bank. */
  async connectSandboxBank(token: string): Promise<FlowView> {
    const consent = await this.session(token, "POST", "/consent", { accept: true });
    if (consent.status !== 200) throw new Error(`consent: ${consent.status} ${JSON.stringify(consent.body)}`);
    const started = await this.session<{ connection: { id: string } }>(token, "POST", "/connections", { integration: "sandbox-bank" });
    const done = await this.session(token, "POST", `/connections/${started.body.connection.id}/credentials`, {
      values: { username: "user_good", password: "pass_good" },
    });
    if (done.body.step !== "review") throw new Error(`credentials: ${done.status} ${JSON.stringify(done.body)}`);
    return done.body;
  }

  /** Waits for the work requests left running after their answers (a renewal). */
  settle(): Promise<void> {
    return backgroundOf(this.app)?.settle() ?? Promise.resolve();
  }

  /** Stops the outbox and webhook workers and closes the store. */
  async close(): Promise<void> {
    await this.settle();
    await outboxOf(this.app)?.stop();
    await stopWebhooks(this.app);
    await this.store.close();
  }
}

/** A fresh temporary directory for an on-disk store. */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), "otl-test-"));
}
