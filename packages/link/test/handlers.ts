// A small in-memory OTL server for component tests: the public API of CONTRACT.md, answered with
// bodies built from the protocol's types and checked by its own browser checkers (the SDK rejects
// anything else). It counts every request, so a test can say "exactly one exchange".
import {
  type Connecting,
  ConnectingCheck,
  type ConnectionView,
  type DataKind,
  ERROR_STATUS,
  type ErrorCode,
  type ExchangeResult,
  ExchangeResultCheck,
  type FlowStep,
  type FlowView,
  FlowViewCheck,
  type InspectResult,
  InspectResultCheck,
  type Integration,
  IntegrationListCheck,
  type LinkStatus,
  type Problem,
  ProblemCheck,
  type RecipientView,
  type StoredFile,
  UploadResultCheck,
} from "@otl/protocol/browser";
import { HttpResponse, http } from "msw";

/** Where the fake server lives; the service worker answers for it. */
export const BASE_URL = "https://otl.test";

const STATUS = ERROR_STATUS;

type CredentialsIntegration = Integration & { fields?: Extract<Connecting["next"], { kind: "credentials" }>["fields"] };

/** The media types the fake's upload integration takes, as the sandbox's does. */
const UPLOAD_ACCEPT = ["application/pdf", "text/csv"];

/** What the fake offers: two sandbox logins, a bank that redirects and a statement upload. */
export const INTEGRATIONS: readonly CredentialsIntegration[] = [
  {
    key: "sandbox-bank",
    name: "Sandbox Bank",
    category: "banking",
    kind: "credentials",
    sandbox: true,
    fields: [
      { name: "username", label: "Username", type: "text", autocomplete: "username" },
      { name: "password", label: "Password", type: "password", autocomplete: "current-password" },
    ],
  },
  {
    key: "sandbox-books",
    name: "Sandbox Books",
    category: "accounting",
    kind: "credentials",
    sandbox: true,
    fields: [{ name: "apiKey", label: "API key", type: "password" }],
  },
  { key: "northwind-bank", name: "Northwind Bank", category: "banking", kind: "redirect", sandbox: false },
  { key: "statement-upload", name: "Statement upload", category: "banking", kind: "upload", sandbox: false },
];

/** The sandbox login the fake accepts. */
export const GOOD_LOGIN = { username: "user_good", password: "pass_good" };
/** The 2FA code the fake accepts. */
export const GOOD_2FA = "123456";

const EXPIRES = "2030-01-01T00:00:00.000Z";
let serial = 0;
function secret(prefix: string): string {
  serial += 1;
  return `${prefix}${String(serial).padStart(4, "0")}${"x".repeat(28)}`;
}
function hexId(prefix: string, n: number): string {
  return `${prefix}${n.toString(16).padStart(20, "0")}`;
}

/** The recipient the fake names unless a test says otherwise (or gives `recipient: null`). */
export const RECIPIENT: RecipientView = {
  name: "Harbour Lending",
  logoUrl: null,
  privacyUrl: "https://lender.test/privacy",
  purpose: "to assess your loan application",
  accessDays: 30,
};

/** The setup of one test's server. */
export interface FakeOptions {
  companyName?: string;
  recipient?: RecipientView | null;
  linkStatus?: LinkStatus;
  require2fa?: boolean;
  dataShared?: DataKind[];
  step?: FlowStep;
  /** Seconds after each code is sent before a resend is allowed (the real server's is 30); default 0. */
  resendCooldown?: number;
  /**
   * How far the server's clock is ahead of the browser's (ms; negative: behind), as with a customer
   * whose computer's clock is off: the server's times (`resendAt`) and each answer's `Date` follow it.
   */
  clockSkew?: number;
}

/** One company with one link, one access token and one flow, and the public API over them. */
export class FakeOtlServer {
  readonly companyId = hexId("co_", 1);
  readonly code = secret("code_");
  /** A valid, unused access token; `issueAccessToken` makes more. */
  readonly accessToken = secret("otl_at_");
  companyName: string;
  linkStatus: LinkStatus;
  require2fa: boolean;
  dataShared: DataKind[];
  step: FlowStep;
  recipient: RecipientView | null;
  /** The last body of `POST /v1/session/consent`, as the element sent it. */
  consentBody: Record<string, unknown> | null = null;
  consent: FlowView["consent"] = { status: "pending", at: null };
  connections: ConnectionView[] = [];
  active: string | null = null;
  /** Files uploaded to each connection, oldest first. */
  files: StoredFile[] = [];
  verified = false;
  /** Seconds between a code's send and an allowed resend. */
  resendCooldown: number;
  /** When the last 2FA code was sent (ms). */
  codeSentAt: number;
  /** The server's clock less the browser's (ms). */
  readonly clockSkew: number;
  /** Every request, by `METHOD /path` (no query). */
  readonly requests = new Map<string, number>();
  /** Query strings seen, by `METHOD /path`. */
  readonly queries = new Map<string, string[]>();
  readonly #accessTokens = new Map<string, boolean>();
  readonly #sessions = new Map<string, { expired: boolean }>();
  readonly #failures = new Map<string, Array<{ failure: ErrorCode | "network"; retryAfter: string | undefined }>>();
  /** Wrong 2FA codes so far; the fifth spends the link, as the real server's `SECOND_FACTOR.maxFailures`. */
  wrongCodes = 0;
  readonly #holds = new Map<string, Promise<void>>();

  constructor(options: FakeOptions = {}) {
    this.companyName = options.companyName ?? "Acme Pty Ltd";
    this.clockSkew = options.clockSkew ?? 0;
    this.codeSentAt = this.now();
    this.linkStatus = options.linkStatus ?? "active";
    this.require2fa = options.require2fa ?? false;
    this.dataShared = options.dataShared ?? ["accounts", "balances", "transactions"];
    this.step = options.step ?? "consent";
    this.recipient = options.recipient === undefined ? RECIPIENT : options.recipient;
    this.resendCooldown = options.resendCooldown ?? 0;
    this.#accessTokens.set(this.accessToken, false);
  }

  /** msw handlers that route every call to the base URL through this fake. */
  get handlers() {
    return [http.all(`${BASE_URL}/v1/*`, ({ request }) => this.handle(request))];
  }

  /** How many requests `METHOD /path` received. */
  count(route: string): number {
    return this.requests.get(route) ?? 0;
  }

  /** Issues another single-use access token for the same company (what a host backend does). */
  issueAccessToken(): string {
    const token = secret("otl_at_");
    this.#accessTokens.set(token, false);
    return token;
  }

  /**
   * Makes the next call to `route` fail with a problem of this code (with `Retry-After: retryAfter`
   * if given, as the real server sends on 429 and 503), or with no answer at all.
   */
  failNext(route: string, failure: ErrorCode | "network", retryAfter?: string): void {
    this.#failures.set(route, [...(this.#failures.get(route) ?? []), { failure, retryAfter }]);
  }

  /** Holds answers to `route` until the returned function is called. */
  hold(route: string): () => void {
    let release = () => {};
    this.#holds.set(
      route,
      new Promise<void>((resolve) => {
        release = resolve;
      }),
    );
    return () => {
      this.#holds.delete(route);
      release();
    };
  }

  /** Every session issued so far now answers `session_expired`. */
  expireSessions(): void {
    for (const session of this.#sessions.values()) session.expired = true;
  }

  /** The flow as the browser sees it. */
  view(): FlowView {
    const step = this.require2fa && !this.verified ? "verify" : this.step;
    const connection = step === "connect" ? this.connections.find((candidate) => candidate.id === this.active) : undefined;
    return check(FlowViewCheck, {
      id: hexId("fl_", 1),
      companyId: this.companyId,
      companyName: this.companyName,
      step,
      require2fa: this.require2fa,
      consent: this.consent,
      dataShared: this.dataShared,
      connections: this.connections,
      connecting: connection ? { connection, next: nextOf(connection.integration) } : null,
      expiresAt: EXPIRES,
      recipient: this.recipient,
      verification:
        step === "verify"
          ? { channel: "sms", to: "+61*******678", resendAt: new Date(this.codeSentAt + this.resendCooldown * 1000).toISOString() }
          : null,
    });
  }

  /** Now on this server's clock (ms). */
  now(): number {
    return Date.now() + this.clockSkew;
  }

  /** Answers one request, with the server's clock in `Date` as a real server's answers have it. */
  async handle(request: Request): Promise<Response> {
    const answer = await this.#answer(request);
    if (answer.type !== "error") answer.headers.set("date", new Date(this.now()).toUTCString());
    return answer;
  }

  async #answer(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const route = `${request.method} ${url.pathname}`;
    this.requests.set(route, this.count(route) + 1);
    this.queries.set(route, [...(this.queries.get(route) ?? []), url.search]);
    await this.#holds.get(route);
    const { failure, retryAfter } = this.#failures.get(route)?.shift() ?? {};
    if (failure === "network") return HttpResponse.error();
    if (failure) return problem(failure, undefined, retryAfter === undefined ? {} : { "retry-after": retryAfter });
    // An upload is multipart, like the real server's: its `file` parts arrive as `body.files`.
    const multipart = request.headers.get("content-type")?.startsWith("multipart/form-data");
    const body: Record<string, unknown> =
      request.method !== "POST"
        ? {}
        : multipart
          ? { files: (await request.formData()).getAll("file") }
          : await request.json().catch(() => ({}));
    if (url.pathname.startsWith("/v1/link/")) return this.#link(url.pathname, body);
    const auth = this.#authorize(request);
    if (auth) return auth;
    return this.#session(request.method, url, body);
  }

  #link(path: string, body: Record<string, unknown>): Response {
    if (path === "/v1/link/inspect") {
      if (body.code !== this.code || body.companyId !== this.companyId) return problem("token_invalid");
      const result: InspectResult = {
        status: this.linkStatus,
        companyName: this.companyName,
        expiresAt: EXPIRES,
        require2fa: this.require2fa,
        dataShared: this.dataShared,
        recipient: this.recipient,
      };
      return HttpResponse.json(check(InspectResultCheck, result));
    }
    // "Send me a new link": the same 202 whatever happened, as the real server answers.
    if (path === "/v1/link/renew") return new HttpResponse(null, { status: 202 });
    if (path !== "/v1/link/exchange") return problem("not_found");
    if (typeof body.accessToken === "string") {
      const used = this.#accessTokens.get(body.accessToken);
      if (used === undefined) return problem("token_invalid");
      if (used) return problem("token_consumed");
      this.#accessTokens.set(body.accessToken, true);
    } else {
      if (body.code !== this.code || body.companyId !== this.companyId) return problem("token_invalid");
      if (this.linkStatus !== "active") return problem(`token_${this.linkStatus}` as ErrorCode);
      this.linkStatus = "consumed";
    }
    this.codeSentAt = this.now();
    const sessionToken = secret("otl_st_");
    this.#sessions.set(sessionToken, { expired: false });
    const result: ExchangeResult = { sessionToken, expiresAt: EXPIRES, flow: this.view() };
    return HttpResponse.json(check(ExchangeResultCheck, result), { status: 201 });
  }

  #authorize(request: Request): Response | null {
    const token = request.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
    const session = this.#sessions.get(token);
    if (!session) return problem("unauthorized");
    return session.expired ? problem("session_expired") : null;
  }

  async #session(method: string, url: URL, body: Record<string, unknown>): Promise<Response> {
    const path = url.pathname.replace(/^\/v1\/session/, "");
    if (method === "GET" && path === "") return this.#flow();
    if (method === "DELETE" && path === "") return new HttpResponse(null, { status: 204 });
    if (method === "POST" && path === "/verify") {
      if (body.code !== GOOD_2FA) {
        // The real server's rule (CONTRACT.md ◇ Second factor): the fifth wrong code ends the session.
        if (++this.wrongCodes < 5) return problem("second_factor_invalid");
        this.#sessions.clear();
        return problem("second_factor_locked", "Too many wrong codes: this link is spent. Ask for a new link.");
      }
      this.verified = true;
      return this.#flow();
    }
    if (method === "POST" && path === "/verify/resend") {
      this.codeSentAt = this.now();
      return new HttpResponse(null, { status: 204 });
    }
    if (this.require2fa && !this.verified) return problem("second_factor_required");
    if (method === "POST" && path === "/consent") {
      this.consentBody = body;
      this.consent = { status: body.accept ? "accepted" : "declined", at: EXPIRES };
      if (body.accept) this.step = "select";
      return this.#flow();
    }
    if (method === "GET" && path === "/integrations") {
      const hide = url.searchParams.get("sandbox") === "false";
      const items = INTEGRATIONS.filter((item) => !(hide && item.sandbox)).map(({ key, name, category, kind, sandbox }) => ({
        key,
        name,
        category,
        kind,
        sandbox,
      }));
      return HttpResponse.json(check(IntegrationListCheck, { items }));
    }
    if (method === "POST" && path === "/connections") {
      const integration = INTEGRATIONS.find((item) => item.key === body.integration);
      if (!integration) return problem("validation_failed");
      const connection: ConnectionView = {
        id: hexId("cn_", this.connections.length + 1),
        integration: integration.key,
        integrationName: integration.name,
        status: "pending",
        message: null,
      };
      this.connections = [...this.connections, connection];
      this.active = connection.id;
      this.step = "connect";
      const result: Connecting = { connection, next: nextOf(integration.key) };
      return HttpResponse.json(check(ConnectingCheck, result));
    }
    const credentials = /^\/connections\/([^/]+)\/credentials$/.exec(path);
    if (method === "POST" && credentials) {
      const values = body.values as Record<string, string>;
      const ok = values.username === GOOD_LOGIN.username && values.password === GOOD_LOGIN.password;
      this.connections = this.connections.map((connection) =>
        connection.id === credentials[1]
          ? {
              ...connection,
              status: ok ? "linked" : "failed",
              message: ok ? null : `${connection.integrationName} did not accept that username and password.`,
            }
          : connection,
      );
      if (ok) {
        this.step = "review";
        this.active = null;
      }
      return this.#flow();
    }
    const upload = /^\/connections\/([^/]+)\/upload$/.exec(path);
    if (method === "POST" && upload) {
      const sent = body.files as File[];
      // Like the server, the fake decides by the bytes: a PDF starts with %PDF; an empty file is refused.
      for (const file of sent) {
        const head = new TextDecoder().decode(await file.slice(0, 4).arrayBuffer());
        if (file.size === 0) return problem("upload_rejected", `${file.name}: the file is empty`);
        // The real server's words for a picture.
        if (head === "\ufffdPNG") return problem("upload_rejected", `${file.name}: the file is a PNG file; accepted: PDF, CSV`);
        if (head !== "%PDF") return problem("upload_rejected", `${file.name}: the file is not a PDF`);
      }
      for (const file of sent) {
        this.files.push({
          id: hexId("fi_", this.files.length + 1),
          connectionId: upload[1] as string,
          name: file.name,
          mediaType: "application/pdf",
          size: file.size,
          createdAt: EXPIRES,
        });
      }
      return this.#upload(upload[1] as string);
    }
    const removal = /^\/connections\/([^/]+)\/files\/([^/]+)$/.exec(path);
    if (method === "DELETE" && removal) {
      const before = this.files.length;
      this.files = this.files.filter((file) => file.id !== removal[2]);
      return before === this.files.length ? problem("not_found") : this.#upload(removal[1] as string);
    }
    const complete = /^\/connections\/([^/]+)\/upload\/complete$/.exec(path);
    if (method === "POST" && complete) {
      if (!this.files.some((file) => file.connectionId === complete[1])) return problem("conflict");
      this.connections = this.connections.map((connection) =>
        connection.id === complete[1] ? { ...connection, status: "linked" } : connection,
      );
      this.step = "review";
      this.active = null;
      return this.#flow();
    }
    if (method === "POST" && path === "/finish") {
      if (this.step !== "review") return problem("conflict");
      this.step = "done";
      return this.#flow();
    }
    return problem("not_found");
  }

  #flow(): Response {
    return HttpResponse.json(this.view());
  }

  #upload(connectionId: string): Response {
    const files = this.files.filter((file) => file.connectionId === connectionId);
    return HttpResponse.json(check(UploadResultCheck, { ...this.view(), files }));
  }
}

function nextOf(key: string): Connecting["next"] {
  const integration = INTEGRATIONS.find((item) => item.key === key);
  if (integration?.kind === "redirect") return { kind: "redirect", url: `${BASE_URL}/v1/oauth/start` };
  if (integration?.kind === "upload") return { kind: "upload", accept: [...UPLOAD_ACCEPT], maxBytes: 10 * 1024 * 1024 };
  return { kind: "credentials", fields: integration?.fields ?? [] };
}

/** An RFC 9457 problem answer with the contract's status for its code. */
export function problem(code: ErrorCode, detail = `fake server: ${code}`, headers: Record<string, string> = {}): Response {
  const body: Problem = {
    type: `urn:otl:problem:${code}`,
    title: code.replace(/_/g, " "),
    status: STATUS[code],
    code,
    detail,
  };
  return HttpResponse.json(check(ProblemCheck, body), {
    status: STATUS[code],
    headers: { "content-type": "application/problem+json", ...headers },
  });
}

// A body the SDK would reject is a bug in this fake, not in the element: fail loudly here.
function check<T>(checker: { safeParse(value: unknown): { success: boolean; error?: unknown } }, value: T): T {
  const result = checker.safeParse(value);
  if (!result.success) throw new Error(`fake server built a body its protocol rejects: ${String(result.error)}`);
  return value;
}
