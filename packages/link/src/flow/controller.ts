import type { OtlEventDetails, OtlEventName } from "@otl/protocol/browser";
import { type FlowChangeEvent, isOtlError, LinkClient, type LinkSecret, OtlError, type Session } from "@otl/sdk";
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { emit } from "../events.ts";
import { type ErrorInfo, type FlowEvent, type FlowState, INITIAL, STEPS, transition } from "./transition.ts";

/** An `inspect` request already sent (by the hosted page), and its pending answer. */
export interface InspectPrefetch {
  url: string;
  body: string;
  response: Promise<Response>;
}

/**
 * Where the hosted page leaves an `inspect` it sent before the element loaded, so the landing need not
 * wait for a round trip; used once, for the request with exactly that URL and body. A registered
 * symbol, not a property: it is a hand-off between the kit's own page and element, not an API for hosts.
 */
export const INSPECT_PREFETCH: unique symbol = Symbol.for("otl-link.inspect-prefetch") as never;

/** What the controller reads from its element: the element's attributes and properties. */
export interface FlowInputs {
  baseUrl?: string | undefined;
  accessToken?: string | undefined;
  code?: string | undefined;
  companyId?: string | undefined;
  connectionId?: string | undefined;
  showSandboxIntegrations: boolean;
  fetchAccessToken?: (() => Promise<string>) | undefined;
}

/**
 * What the element does with a refusal (src/steps/problem.ts: its words, and a wait it asks for), its
 * own file beside the bundle (`otl-link.problem.js`), loaded with the first failure but the network's.
 */
export type Problems = typeof import("../steps/problem.ts");

type Host = ReactiveControllerHost & HTMLElement & FlowInputs & { readonly renderRoot: ParentNode };

/**
 * A customer action's work, given to `FlowController.act`: its call to the server through `session`
 * (undefined before the exchange, see `act`) with `signal`, and `report`, which hands an event to the
 * flow only if the answer is still news (the run that asked is the current one). A rejection is the
 * action's failure.
 */
export type Action = (session: Session, signal: AbortSignal, report: (event: FlowEvent) => void) => Promise<unknown>;

/**
 * Drives the SDK for one element and feeds what happens to `transition`. The client and the
 * session live as long as the element object, not its time in the page: removing and re-adding
 * it continues where it was and never exchanges a secret again.
 */
export class FlowController implements ReactiveController {
  /** What the element renders. */
  state: FlowState = INITIAL;
  readonly #host: Host;
  #client: LinkClient | undefined;
  #session: Session | undefined;
  #abort = new AbortController();
  /** The inputs the current run started from; a change starts over. */
  #inputs = "";
  /** Bumped on every start, so answers to an older run are dropped. */
  #run = 0;
  /** The sandbox filter of the integration list loaded or loading, or null for none. */
  #listed: boolean | null = null;
  /** The list was asked for ahead of select once in this run; a failed try is not repeated until select. */
  #askedAhead = false;
  #interrupted = false;
  /** The customer has acted, so focus may follow the screen (never stolen on first render). */
  #interacted = false;
  #ready = false;
  #focused: FlowState["screen"] = "idle";
  /** An action was under way at the last update: when it ends on the same screen, focus must not be left on `<body>`. */
  #wasBusy = false;
  #outbox: Array<() => void> = [];
  /** The next render a countdown asked for (`updateIn`), and when it is due (ms; 0 for none). */
  #tick: ReturnType<typeof setTimeout> | undefined;
  #tickAt = 0;
  /**
   * The server's clock less the browser's (ms), from the last answer's `Date`, for times the server
   * names (`resendAt`): the browser's clock may be minutes off, but the two move together, so
   * `Date.now() + skew` is now on the server's clock (to ±0.5 s). 0 until an answer has told it.
   */
  skew = 0;
  /**
   * The refusals' code (src/steps/problem.ts), once a failure has loaded it: `state.hold`, and any
   * error but the network's, are never set before, so whatever reads them finds it here.
   */
  problems: Problems | undefined;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#abort = new AbortController();
    globalThis.addEventListener?.("pageshow", this.#onPageShow);
    this.#session?.addEventListener("change", this.#onChange);
    if (this.#interrupted) {
      this.#interrupted = false;
      // What was cut off may have reached the server: read where the flow is now.
      if (this.state.screen === "loading") this.#inputs = "";
      else this.#reread();
    }
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    globalThis.removeEventListener?.("pageshow", this.#onPageShow);
    this.#session?.removeEventListener("change", this.#onChange);
    this.#abort.abort();
    clearTimeout(this.#tick);
    this.#tickAt = 0;
    this.#interrupted = true;
    if (this.#listed !== null && !this.state.integrations) this.#listed = null;
    this.#dispatch({ type: "interrupted" });
  }

  hostUpdate(): void {
    const host = this.#host;
    const inputs = JSON.stringify([host.baseUrl, host.accessToken, host.code, host.companyId, host.connectionId]);
    if (inputs !== this.#inputs && host.isConnected) {
      this.#inputs = inputs;
      void this.#start();
    }
    if (this.#listed !== null && this.#listed !== host.showSandboxIntegrations) {
      this.#listed = null;
      this.#dispatch({ type: "unlist" });
    }
  }

  hostUpdated(): void {
    // Select needs the integration list; consent and review come just before it, so the list is
    // asked for there already (quietly: a failure then is select's to show, when it asks again).
    const screen = this.state.screen;
    if (this.#listed === null && this.#host.isConnected && this.#session) {
      if (screen === "select") void this.#list(false);
      else if ((screen === "consent" || screen === "review") && !this.#askedAhead) void this.#list(true);
    }
    const ended = this.#wasBusy && !this.state.busy;
    this.#wasBusy = this.state.busy;
    const find = (selector: string) => this.#host.renderRoot.querySelector<HTMLElement>(selector);
    // A failure screen puts focus on what went wrong and what to do now, the screen's one alert; its
    // file may still be on its way (src/steps/failure-on-demand.ts), so focus waits for the message.
    const target = find(screen === "failure" ? "[part~=error]" : "[part~=heading]");
    if (screen !== this.#focused && screen !== "loading" && (target || screen !== "failure")) {
      this.#focused = screen;
      // Focus follows the customer's own steps; on the first screen it stays with the host page.
      if (this.#interacted) target?.focus();
    } else if (ended && this.#interacted) {
      // An action ended on the same screen: its button was disabled meanwhile, so focus fell to
      // <body>. Put it on the error that says what went wrong (on a failure screen, the one beside
      // its message: a refused "Send me a new link"), or back on the heading.
      (find("#error") ?? find("[part~=error]") ?? find("[part~=heading]"))?.focus();
    }
    // Events go out after the screen they announce is in the DOM.
    const outbox = this.#outbox;
    this.#outbox = [];
    for (const send of outbox) send();
  }

  /** The customer starts a landed link: the one moment a link code is exchanged. */
  begin(): void {
    const link = this.link();
    const run = this.#run;
    if (link) this.act(async () => this.#adopt(run, await this.client().exchange(link)));
  }

  /** The link the element was given (`code`, `company-id`, `connection-id`), or undefined without a code and a company. */
  link(): LinkSecret | undefined {
    const { code, companyId, connectionId } = this.#host;
    return code && companyId ? { code, companyId, connectionId } : undefined;
  }

  /**
   * Renders again in `ms`: a countdown on screen asks for its next second. One timer, for the soonest
   * render asked for: two countdowns on one screen (a resend's and a held action's) each get theirs.
   */
  updateIn(ms: number): void {
    const at = Date.now() + ms;
    if (this.#tickAt && this.#tickAt <= at) return;
    clearTimeout(this.#tick);
    this.#tickAt = at;
    this.#tick = setTimeout(() => {
      this.#tickAt = 0;
      this.#host.requestUpdate();
    }, ms);
  }

  /**
   * Whole seconds until the server takes the held action again (its `Retry-After`, ./hold.ts), 0 when
   * it would now; while held, renders again as each second passes and at the moment it ends, so the
   * buttons count down and come back by themselves. `resend` asks for "Send a new code".
   */
  wait(resend = false): number {
    return this.problems?.secondsLeft(this, resend) ?? 0;
  }

  /** Answers the consent screen; an acceptance names the wording the customer read, for the consent receipt. */
  consent(accept: boolean, wording?: { textVersion: string; locale: string }): void {
    this.act((session, signal) =>
      accept
        ? session.acceptConsent({
            signal,
            ...(wording?.textVersion && { textVersion: wording.textVersion }),
            ...(wording?.locale && { locale: wording.locale }),
          })
        : session.declineConsent({ signal }),
    );
  }

  /**
   * Starts connecting an integration. A bank reached by redirect sends the customer back to this
   * page (without its fragment), where the tab's session resumes the flow.
   */
  choose(integration: string): void {
    const page = new URL(location.href);
    page.hash = "";
    // Only a web page can be come back to (not a file: or about: one).
    const web = /^https?:$/.test(page.protocol);
    this.act((session, signal) => session.connect(integration, { signal, ...(web && { returnTo: page.href }) }));
  }

  /** Sends the credentials form of the connection under way. */
  submit(values: Record<string, string>): void {
    const connection = this.state.flow?.connecting?.connection;
    if (connection) this.act((session, signal) => session.submitCredentials(connection.id, values, { signal }));
  }

  /** The customer has disclosed all their accounts. */
  finish(): void {
    this.act((session, signal) => session.finish({ signal }));
  }

  /** A step of the customer's own that needs no server: back, or "connect another". */
  go(type: "back" | "another"): void {
    this.#interacted = true;
    this.#dispatch({ type });
  }

  /** "Try again": starts over from the inputs, or loads the integration list again. */
  retry(): void {
    if (this.wait() > 0) return;
    this.#interacted = true;
    if (this.state.screen === "failure") {
      this.#inputs = "";
      this.#host.requestUpdate();
    } else if (this.state.screen === "select") {
      this.#listed = null;
      // Busy with "Loading…" until the list (or a new error) comes, not the old error and its button.
      this.#dispatch({ type: "relist" });
    }
  }

  async #start(): Promise<void> {
    const run = ++this.#run;
    this.#session?.removeEventListener("change", this.#onChange);
    this.#session = undefined;
    this.#listed = null;
    this.#askedAhead = false;
    const { baseUrl, accessToken, companyId } = this.#host;
    if (!baseUrl || (!accessToken && !companyId)) {
      // Not enough to start yet: a page script may still be setting attributes.
      this.state = INITIAL;
      return;
    }
    this.#dispatch({ type: "start" });
    const client = this.client();
    const signal = this.#abort.signal;
    const link = this.link();
    try {
      if (accessToken) return this.#adopt(run, await client.exchange({ accessToken }));
      if (link) {
        // A code a mail client cut short or broke can never work: say so without asking the server.
        if (!LINK_CODE.test(link.code)) throw new OtlError("token_invalid", "The link's code is malformed or cut short");
        // A reload (or Back) after this tab exchanged the code continues its own session, "All done" included.
        const mine = await client.restore(link, { signal });
        if (run !== this.#run) return;
        if (mine) return this.#adopt(run, mine);
      }
      // A reload in the same tab continues the session it had, unless that flow is done and a new link is here.
      const resumed = await client.resume(companyId as string, { signal });
      if (run !== this.#run) return;
      if (resumed && !(link && resumed.flow.step === "done")) return this.#adopt(run, resumed);
      if (!link) {
        // The hosted page's script hands the code over once the document is parsed: wait until then.
        await documentParsed();
        if (run !== this.#run) return;
        throw new OtlError("token_invalid", "<otl-link> has a company-id but no code, and this tab has no session to resume");
      }
      const facts = await client.inspect(link, { signal });
      // A spent link is reported like a refused exchange, so the host hears of it the same way.
      if (facts.status !== "active") throw new OtlError(`token_${facts.status}`, `The link is ${facts.status}`);
      if (run === this.#run) this.#dispatch({ type: "inspected", link: facts });
    } catch (error) {
      this.#fail(run, signal, error);
    }
  }

  /** The SDK client: one per base URL. `fetchAccessToken` is read when it is needed, so a host may set it late. */
  client(): LinkClient {
    const baseUrl = this.#host.baseUrl as string;
    if (this.#client?.baseUrl !== baseUrl.replace(/\/+$/, "")) {
      const host = this.#host;
      this.#client = new LinkClient({
        baseUrl,
        // The hosted page's prefetched `inspect` answers the one identical request, once; all else goes out.
        fetch: (input, init) => {
          const slot = host as unknown as { [INSPECT_PREFETCH]?: InspectPrefetch | undefined };
          const prefetch = slot[INSPECT_PREFETCH];
          if (prefetch && String(input) === prefetch.url && init?.body === prefetch.body) {
            slot[INSPECT_PREFETCH] = undefined;
            return prefetch.response;
          }
          return globalThis.fetch(input, init).then((answer) => {
            // `Date` is a whole second: the server's clock at the answer is taken at its middle. An
            // answer without one (a page on another origin, before the server exposed it) keeps the last.
            this.skew = Date.parse(answer.headers.get("date") as string) + 500 - Date.now() || this.skew;
            return answer;
          });
        },
        get fetchAccessToken() {
          const fetchToken = host.fetchAccessToken;
          return fetchToken ? () => fetchToken.call(host) : undefined;
        },
      });
    }
    return this.#client;
  }

  #adopt(run: number, session: Session): void {
    // The exchange is never aborted, so its session is kept even if the element left the page meanwhile.
    if (run !== this.#run) return;
    this.#session = session;
    if (this.#host.isConnected) session.addEventListener("change", this.#onChange);
    this.#dispatch({ type: "flow", flow: session.flow });
  }

  // Back or Forward may bring the page back from the browser's memory as it was: read the flow's real state.
  readonly #onPageShow = (event: Event) => {
    if ((event as PageTransitionEvent).persisted) this.#reread();
  };

  readonly #onChange = (event: Event) => {
    this.#dispatch({ type: "flow", flow: (event as FlowChangeEvent).detail.flow });
  };

  async #list(ahead: boolean): Promise<void> {
    const session = this.#session;
    if (!session) return;
    if (ahead) this.#askedAhead = true;
    const sandbox = this.#host.showSandboxIntegrations;
    const run = this.#run;
    const signal = this.#abort.signal;
    this.#listed = sandbox;
    try {
      const items = await session.integrations({ sandbox, signal });
      if (run === this.#run && this.#listed === sandbox) this.#dispatch({ type: "integrations", items });
    } catch (error) {
      // Asked ahead of select: forget it, and select asks again (and shows a failure) when it comes.
      if (ahead && run === this.#run && this.#listed === sandbox) this.#listed = null;
      else this.#fail(run, signal, error);
    }
  }

  /**
   * Runs a customer action (the methods above, and those that ship with the steps loaded on demand:
   * ./verify-actions.ts, ./upload-actions.ts, ./renew.ts): one at a time, busy while it runs, never
   * while the server said to wait (a form's Enter key reaches here even when its button is disabled),
   * its failure reported. Before the exchange there is no session: only `begin` (landing) and `renew`
   * (a spent link's screen) act then, and both call the client instead. `resend` is "Send a new code",
   * held on its own (./hold.ts).
   */
  act(action: Action, resend = false): void {
    if (this.state.busy || this.wait(resend) > 0) return;
    this.#interacted = true;
    const run = this.#run;
    const signal = this.#abort.signal;
    this.#dispatch({ type: "act" });
    action(this.#session as Session, signal, (event) => run === this.#run && this.#dispatch(event)).catch((error: unknown) =>
      this.#fail(run, signal, error, resend),
    );
  }

  /** The session once the link is exchanged (for the bank popup's reads, ./bank-popup.ts). */
  get session(): Session | undefined {
    return this.#session;
  }

  /** Aborts when the element leaves the page: what a request of this element's passes. */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  /** Reads the flow again, if there is one, without the busy state of an action: the answer comes as a `change`. */
  #reread(): void {
    const run = this.#run;
    const signal = this.#abort.signal;
    this.#session?.refresh({ signal }).catch((error: unknown) => this.#fail(run, signal, error));
  }

  #fail(run: number, signal: AbortSignal, error: unknown, resend = false): void {
    // An abort is the element leaving the page, and an older run's answer is moot: neither is news.
    const moot = () => run !== this.#run || signal.aborted;
    if (moot()) return;
    // Anything but the SDK's own errors (a bug, a browser's TypeError) is reported as `internal`.
    const known = isOtlError(error) ? error : new OtlError("internal", String(error));
    const info: ErrorInfo = { code: known.code, message: known.message, recoverable: known.recoverable };
    const now = Date.now();
    const report = (problems?: Problems) => {
      if (moot()) return;
      this.problems ??= problems;
      this.#dispatch({ type: "failed", error: info, hold: problems?.holdFor(info.code, known.retryAfter, resend, now) ?? null });
      this.#send("otl-error", info);
    };
    // A refusal brings its file first (the action stays busy until it is here); a network failure
    // cannot, and needs none. Should the file not load, the page has lost the server too: the error
    // is said as the network's (src/steps/view.ts, `errorMessage`), without a wait.
    if (info.code === "network") report();
    else import("../steps/problem.ts").then(report, () => report());
  }

  #dispatch(event: FlowEvent): void {
    const before = this.state;
    const after = transition(before, event);
    if (after === before) return;
    this.state = after;
    this.#announce(before, after);
    this.#host.requestUpdate();
  }

  // The host hears of each change once, in the order it happened.
  #announce(before: FlowState, after: FlowState): void {
    const shown = after.screen;
    if (!this.#ready && shown !== "idle" && shown !== "loading") {
      this.#ready = true;
      this.#send("otl-ready", {});
    }
    if (shown !== before.screen && STEPS.includes(shown)) this.#send("otl-step", { step: shown as OtlEventDetails["otl-step"]["step"] });
    if (before.flow && after.flow && before.flow !== after.flow) {
      for (const connection of after.flow.connections) {
        const known = before.flow.connections.find((candidate) => candidate.id === connection.id);
        if (!known || known.status !== connection.status || known.message !== connection.message)
          this.#send("otl-connection", { connection });
      }
    }
    if (shown === "declined" && before.screen !== "declined") this.#send("otl-close", { step: "consent" });
    if (shown === "done" && before.screen !== "done" && after.flow) this.#send("otl-finish", { flow: after.flow });
  }

  #send<N extends OtlEventName>(name: N, detail: OtlEventDetails[N]): void {
    this.#outbox.push(() => emit(this.#host, name, detail));
  }
}

/** A link code's shape (`LinkCode` in @otl/protocol): base64url, at least 128 bits. */
const LINK_CODE = /^[A-Za-z0-9_-]{22,128}$/;

/** Resolves once `DOMContentLoaded` has fired: by then a page's own scripts have set their attributes. */
function documentParsed(): Promise<void> {
  const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
  if (document.readyState === "complete" || (navigation?.domContentLoadedEventStart ?? 1) > 0) return Promise.resolve();
  return new Promise((resolve) => document.addEventListener("DOMContentLoaded", () => resolve(), { once: true }));
}
