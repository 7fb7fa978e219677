import type { FlowStep, FlowView, InspectResult, Integration, OtlEventDetails, StoredFile } from "@otl/protocol/browser";
import type { Hold } from "./hold.ts";
import { earlyFailure, FATAL } from "./problems.ts";

// The flow as data: what the element shows is a pure function of the events so far.
// No Lit, no SDK, no DOM here, so every rule can be tested on its own.

/** Why the flow cannot go on; each has its own screen. */
export type Failure = "expired" | "used" | "superseded" | "revoked" | "invalid" | "network" | "session" | "problem" | "locked";

/** What the element shows: a flow step, or one of its own screens around the flow. */
export type Screen = "idle" | "loading" | "landing" | "declined" | "failure" | FlowStep;

/** An error as the element reports it: the `otl-error` payload. */
export type ErrorInfo = OtlEventDetails["otl-error"];

/** Everything the element renders from. */
export interface FlowState {
  readonly screen: Screen;
  /** Which failure screen, when `screen` is `failure`. */
  readonly failure: Failure | null;
  /** The last error of an action on a screen that can go on (shown beside it). */
  readonly error: ErrorInfo | null;
  /** The server asked to wait before the refused action is tried again (`Retry-After`, ./hold.ts). */
  readonly hold: Hold | null;
  /** An action is under way: buttons are disabled. */
  readonly busy: boolean;
  /** A new 2FA code was just sent. */
  readonly resent: boolean;
  /** "Send me a new link" was asked for on this failure screen (whatever the server did: it answers the same). */
  readonly renewed: boolean;
  /** The landing facts of a link, before it is exchanged. */
  readonly link: InspectResult | null;
  /** The flow as the server last sent it. */
  readonly flow: FlowView | null;
  /** The integrations to choose from, once loaded. */
  readonly integrations: readonly Integration[] | null;
  /** The files uploaded to the connection under way, oldest first (an upload integration's). */
  readonly files: readonly StoredFile[];
  /** How much of an upload under way has been sent, 0 to 1; null when none is. */
  readonly progress: number | null;
}

/** Something that happened: the server answered, or the customer acted. */
export type FlowEvent =
  /** Resuming, inspecting or exchanging has begun for (new) inputs. */
  | { type: "start" }
  | { type: "inspected"; link: InspectResult }
  /** An action was sent to the server. */
  | { type: "act" }
  | { type: "flow"; flow: FlowView }
  /** An upload or a removal answered: the flow and the connection's files. */
  | { type: "files"; flow: FlowView; files: readonly StoredFile[] }
  /** Part of an upload was sent. */
  | { type: "progress"; fraction: number }
  | { type: "integrations"; items: readonly Integration[] }
  /** The integrations must be asked again (their filter changed). */
  | { type: "unlist" }
  /** "Try again" on select: the list is asked for again, and the screen waits for it rather than showing the last error. */
  | { type: "relist" }
  | { type: "resent" }
  /** The server took a "send me a new link" request. */
  | { type: "renewed" }
  | { type: "failed"; error: ErrorInfo; hold?: Hold | null }
  /** In-flight requests were aborted because the element left the page. */
  | { type: "interrupted" }
  | { type: "back" }
  | { type: "another" };

/** The state of an element that has not started. */
export const INITIAL: FlowState = {
  screen: "idle",
  failure: null,
  error: null,
  hold: null,
  busy: false,
  resent: false,
  renewed: false,
  link: null,
  flow: null,
  integrations: null,
  files: [],
  progress: null,
};

/** The flow steps, the screens that report `otl-step`. */
export const STEPS: readonly Screen[] = ["verify", "consent", "select", "connect", "review", "done"];

/** The screen a flow view asks for. */
export function screenOf(flow: FlowView): Screen {
  if (flow.step === "consent" && flow.consent.status === "declined") return "declined";
  // A connection whose next step the server did not send cannot be continued here: choose again.
  if (flow.step === "connect" && !flow.connecting) return "select";
  return flow.step;
}

/** Whether the customer is on a screen they can act on (so an error can be shown beside it). */
export function isInteractive(screen: Screen): boolean {
  return screen !== "idle" && screen !== "loading" && screen !== "failure" && screen !== "done";
}

/** The next state. Unknown or out-of-place events leave the state as it is. */
export function transition(state: FlowState, event: FlowEvent): FlowState {
  switch (event.type) {
    case "start":
      return { ...INITIAL, screen: "loading" };
    case "inspected": {
      // A spent link fails as the exchange of it would (`token_consumed`…), so it has the same screen.
      const failure = FATAL[`token_${event.link.status}` as ErrorInfo["code"]];
      return failure ? failed(state, failure) : { ...state, screen: "landing", link: event.link, busy: false };
    }
    case "act":
      return { ...state, busy: true, error: null, resent: false };
    case "flow": {
      // The files belong to the connection under way: leaving it (or a new one) forgets them.
      const same = event.flow.connecting?.connection.id === state.flow?.connecting?.connection.id;
      return {
        ...state,
        screen: screenOf(event.flow),
        flow: event.flow,
        busy: false,
        error: null,
        progress: null,
        files: same ? state.files : [],
      };
    }
    case "files":
      return { ...state, screen: screenOf(event.flow), flow: event.flow, files: event.files, busy: false, error: null, progress: null };
    case "progress":
      return state.busy ? { ...state, progress: event.fraction } : state;
    case "integrations":
      // The list may arrive ahead of select (asked for on consent or review): an error shown there stays.
      return { ...state, integrations: event.items, error: state.screen === "select" ? null : state.error };
    case "unlist":
      return { ...state, integrations: null };
    case "relist":
      return { ...state, integrations: null, error: null };
    case "resent":
      return { ...state, busy: false, resent: true };
    case "renewed":
      return state.screen === "failure" ? { ...state, busy: false, renewed: true } : state;
    case "interrupted":
      return { ...state, busy: false, progress: null };
    case "failed": {
      // Which screen and words each code gets is decided in ./problems.ts.
      const fatal = FATAL[event.error.code];
      const hold = event.hold ?? null;
      if (fatal) return failed(state, fatal);
      // A refused "Send me a new link" leaves the spent link's screen as it is, with the error beside it.
      if (state.screen === "failure") return { ...state, busy: false, error: event.error, hold };
      // Before the customer has a screen to act on, only a failure that may pass offers "Try again";
      // a permanent refusal (a malformed code's 400, say) would fail the same way for ever.
      // A wait keeps its error, so the screen can say why as well as how long ("Too many attempts").
      if (!isInteractive(state.screen)) return { ...failed(state, earlyFailure(event.error.code)), hold, error: hold && event.error };
      return { ...state, busy: false, progress: null, error: event.error, hold };
    }
    case "back":
      if (state.screen === "declined") return { ...state, screen: "consent", error: null };
      if (state.screen === "connect") return { ...state, screen: "select", error: null };
      if (state.screen === "select" && state.flow?.step === "review") return { ...state, screen: "review", error: null };
      return state;
    case "another":
      return state.screen === "review" ? { ...state, screen: "select", error: null } : state;
  }
}

function failed(state: FlowState, failure: Failure): FlowState {
  return { ...state, screen: "failure", failure, busy: false, error: null, hold: null, renewed: false };
}
