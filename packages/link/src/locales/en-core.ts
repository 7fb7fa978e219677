import type { ConnectionView, DataKind } from "@otl/protocol/browser";

// Every word the customer sees, in one place: the element's screens and the hosted pages around it.
//
// Why a typed catalogue of our own rather than `@lit/localize` (runtime mode): `configureLocalization`
// is one global per page, so two elements (or a host's own Lit app) could not use different languages
// or loaders; its generated locale modules import `lit` for any message with markup, which a file
// loaded beside the self-contained bundle cannot do; and its ids are hashes of the English text, so a
// missing translation shows up at run time, not in the type checker. Here a catalogue is plain data —
// strings with named `{placeholders}` — typed by `Messages`, so `tsc` rejects a missing key, a file
// loads on demand without importing anything, and the server renders the hosted pages from the same
// words. `fill` (./fill.ts) puts the isolated host strings and `Intl`-formatted values in place.

/**
 * The English message catalogue but for the steps that load on demand: what the element's bundle
 * carries. Those steps bring their words, English included, in their own files (./upload-words.ts,
 * ./redirect-words.ts, ./verify-words.ts, ./failure-words.ts), and so does the file a refusal loads
 * (./error-words.ts).
 */
export const enInBundle = {
  /** BCP 47 tag of the catalogue, set as `lang` on the element's content. */
  lang: "en",
  /** Writing direction, set as `dir` on the element's content. */
  dir: "ltr" as "ltr" | "rtl",
  loading: "Loading…",
  back: "Back",
  retry: "Try again",
  /** The step indicator: where the customer is among the flow's four stages. */
  progress: "Step {step} of {count}",
  dataKinds: {
    accounts: "Your accounts",
    balances: "Balances",
    transactions: "Transactions",
    statements: "Statements",
    accounting: "Accounting records",
  } satisfies Record<DataKind, string>,
  landing: {
    heading: "Share {company}'s financial data",
    intro: "Connect your bank or accounting accounts to share:",
    twoFactor: "We will send you a {digits}-digit code to confirm it is you.",
    expires: "This link works until {time}.",
    start: "Start",
  },
  /** Who receives the data, and on what terms: shown on landing and consent when the server names a recipient. */
  recipient: {
    who: "Who receives it",
    what: "What is shared",
    why: "Why",
    howLong: "For how long",
    withdraw: "How to withdraw",
    howLongBody: "Up to {days}, or until you withdraw your consent.",
    /** Plural forms, as `select.results`. */
    days: "one:{count} day|other:{count} days",
    withdrawBody: "You can withdraw your consent at any time by contacting {recipient}.",
    privacy: "{recipient}'s privacy policy",
  },
  consent: {
    /**
     * The version of this catalogue's consent wording (heading, intro and the recipient's terms), kept
     * in the consent receipt with the language: change it whenever those words change.
     */
    version: "2026-11-30",
    /** The intro when the server names who receives the data. */
    introTo: "For {company}, you will share data with {recipient}.",
    heading: "Do you agree to share this data?",
    intro: "For {company}, you will share:",
    accept: "I agree",
    decline: "No, do not share",
  },
  declined: {
    heading: "You declined",
    body: "Nothing was shared. If you change your mind, you can go back and agree.",
    back: "Go back",
  },
  select: {
    heading: "Choose where your accounts are",
    search: "Search",
    /** Said to screen readers as the list narrows. */
    results: "one:{count} result|other:{count} results",
    none: "Nothing matches your search.",
    sandbox: "{integration} (test)",
  },
  connect: {
    heading: "Sign in to {integration}",
    /** Labels of the sign-in fields every bank asks for; other fields keep the integration's own label. */
    fields: { username: "Username", password: "Password" },
    submit: "Connect",
    /** While the integration checks the customer's sign-in. */
    connecting: "Connecting to {integration}…",
    failed: "That did not work.",
    refused: "{integration} did not accept those details. Check them and try again.",
  },
  review: {
    heading: "Your connected accounts",
    none: "No account is connected yet.",
    status: { pending: "In progress", linked: "Connected", failed: "Failed" } satisfies Record<ConnectionView["status"], string>,
    item: "{integration}: {status}",
    another: "Connect another account",
    finish: "I have disclosed all my accounts",
  },
  done: {
    heading: "All done",
    body: "Thank you. Your accounts are shared. You can close this page.",
    shared: "Thank you. Your accounts at {integrations} are shared. You can close this page.",
  },
  /** The network failure's words: in the bundle, since a page that cannot reach the server cannot load the failure screens' file either. */
  offline: { heading: "We could not connect", body: "Check your internet connection, then try again." },
};

/**
 * Short explanations shown beside the step when an action fails but the step can go on, by the
 * word key src/flow/error-words.ts gives each error code. They come with the file a refusal loads
 * (./error-words.ts).
 */
export interface RefusalWords {
  second_factor_invalid: string;
  second_factor_required: string;
  validation_failed: string;
  rate_limited: string;
  /** After an error whose answer said when to try again (`Retry-After`): `{time}` is "30 seconds", "2 minutes"… */
  wait: string;
  conflict: string;
  other: string;
}

/** The words of the upload step of an `upload` integration (statements as PDF or CSV files), src/steps/upload.ts. */
export interface UploadWords {
  heading: string;
  intro: string;
  drop: string;
  choose: string;
  progress: string;
  uploaded: string;
  remove: string;
  continue: string;
  none: string;
  /** Beside the step when a file is too large. */
  tooLarge: string;
  /**
   * A refused file (`{name}`), with the types the step takes (`{types}`: "PDF or CSV"). English shows
   * the server's own reason instead, which says why ("the PDF is encrypted").
   */
  rejected: string;
}

/** The words of the 2FA code step of a link that asks for a second factor, src/steps/verify.ts. */
export interface VerifyWords {
  heading: string;
  /** With where the code went (`{to}`, masked). */
  intro: string;
  label: string;
  submit: string;
  resend: string;
  resent: string;
}

/** A failure screen's heading and body. */
export interface ScreenWords {
  heading: string;
  body: string;
}

/** The failure screens of a link or session that cannot go on (src/steps/failure.ts), but for the network's (`offline`). */
export type FailureWords = Record<
  "expired" | "used" | "superseded" | "revoked" | "invalid" | "session" | "problem" | "locked",
  ScreenWords
>;

/**
 * The same failures when the element was given an access token by the host's own page: the
 * customer never saw a link, so these speak of the session on this page, and reloading it asks
 * the host for a fresh token.
 */
export type EmbeddedWords = Record<"expired" | "used" | "superseded" | "revoked" | "invalid" | "session", ScreenWords>;

/** "Send me a new link" on a spent link's screens; the server answers the same whatever it did. */
export interface RenewWords {
  button: string;
  /** The failure's body beside the button: no "ask the sender" when the screen itself sends one. */
  body: string;
  sent: string;
}

/** The words of the connect step of a bank reached by OAuth redirect, src/steps/redirect.ts. */
export interface RedirectWords {
  intro: string;
  goTo: string;
}
