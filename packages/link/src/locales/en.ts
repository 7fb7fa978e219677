import type { ConnectionView, DataKind } from "@otl/protocol/browser";
import { html } from "lit";
import type { Isolated } from "./isolate.ts";

// Every word the customer sees, in one place. A translation is another object of the same type;
// functions take the host-supplied values (names), already isolated with `<bdi>`, so each language
// can place them where it needs and none can turn the sentence around them.

/** The English message catalogue, and the shape of every other one. */
export const en = {
  /** BCP 47 tag of the catalogue, set as `lang` on the element's content. */
  lang: "en",
  loading: "Loading…",
  working: "Working…",
  back: "Back",
  retry: "Try again",
  dataKinds: {
    accounts: "Your accounts",
    balances: "Balances",
    transactions: "Transactions",
    statements: "Statements",
    accounting: "Accounting records",
  } satisfies Record<DataKind, string>,
  landing: {
    heading: (company: Isolated) => html`Share ${company}'s financial data`,
    intro: "You are asked to connect your bank or accounting accounts. You will be asked to share:",
    twoFactor: "We will send you a 6-digit code to confirm it is you.",
    start: "Start",
  },
  verify: {
    heading: "Confirm it is you",
    intro: "Enter the 6-digit code we sent you.",
    label: "6-digit code",
    submit: "Confirm",
    resend: "Send a new code",
    resent: "We sent you a new code.",
  },
  consent: {
    heading: "Do you agree to share this data?",
    intro: (company: Isolated) => html`For ${company}, you will share:`,
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
    none: "Nothing matches your search.",
    sandbox: (integration: Isolated) => html`${integration} (test)`,
  },
  connect: {
    heading: (integration: Isolated) => html`Sign in to ${integration}`,
    submit: "Connect",
    failed: "That did not work.",
    unavailable: (integration: Isolated) => html`Connecting ${integration} this way is not available here yet. Choose another.`,
  },
  upload: {
    heading: (integration: Isolated) => html`Upload your statements: ${integration}`,
    intro: (types: string, megabytes: number) => `Upload your official bank statements (${types}), up to ${megabytes} MB each.`,
    drop: "Drag and drop statements here, or",
    choose: "Choose files",
    progress: "Uploading…",
    uploaded: "Uploaded statements",
    remove: (name: string) => `Remove ${name}`,
    size: (kilobytes: number) => `${kilobytes} kB`,
    done: "Continue",
    none: "No statement uploaded yet.",
  },
  review: {
    heading: "Your connected accounts",
    none: "No account is connected yet.",
    status: { pending: "In progress", linked: "Connected", failed: "Failed" } satisfies Record<ConnectionView["status"], string>,
    item: (integration: Isolated, status: string) => html`${integration}: ${status}`,
    another: "Connect another account",
    finish: "I have disclosed all my accounts",
  },
  done: {
    heading: "All done",
    body: "Thank you. Your accounts are shared. You can close this page.",
  },
  failure: {
    expired: { heading: "This link has expired", body: "Links work for a limited time. Ask the sender for a new link." },
    used: { heading: "This link has already been used", body: "Each link works once. Ask the sender for a new link." },
    superseded: { heading: "A newer link replaced this one", body: "Open the most recent link you received." },
    revoked: { heading: "This link was cancelled", body: "Ask the sender for a new link if you still need to share your accounts." },
    invalid: { heading: "This link is not valid", body: "Check that you opened the whole link, or ask the sender for a new one." },
    network: { heading: "We could not connect", body: "Check your internet connection, then try again." },
    // A link works once, so "open your link again" would send the customer to a spent link.
    session: {
      heading: "Your session timed out",
      body: "For your safety, a session ends after a while without activity. Each link works only once: ask the sender for a new link to continue where you left off.",
    },
    problem: { heading: "Something went wrong", body: "It was not your fault. Try again in a moment." },
  },
  /**
   * The same failures when the element was given an access token by the host's own page: the
   * customer never saw a link, so these speak of the session on this page, and reloading it asks
   * the host for a fresh token.
   */
  embedded: {
    expired: { heading: "This session has expired", body: "Reload the page to start again." },
    used: {
      heading: "This session was already opened",
      body: "It was opened earlier, in another window or visit. Reload the page to start again.",
    },
    superseded: { heading: "This session was replaced by a newer one", body: "Reload the page to continue." },
    revoked: {
      heading: "This session was cancelled",
      body: "Reload the page to start again. If this keeps happening, contact the company that sent you here.",
    },
    invalid: {
      heading: "This session could not be opened",
      body: "Reload the page to start again. If this keeps happening, contact the company that sent you here.",
    },
    session: { heading: "Your session timed out", body: "Reload the page to continue where you left off." },
  },
  /** Short explanations shown beside the step when an action fails but the step can go on. */
  errors: {
    second_factor_invalid: "That code is not right. Check it and try again.",
    second_factor_required: "Enter the code we sent you first.",
    validation_failed: "Something in the form is not right. Check it and try again.",
    rate_limited: "Too many attempts. Wait a moment, then try again.",
    conflict: "This step has changed. Reload the page to continue.",
    upload_rejected: "We could not use that file. Upload a PDF or CSV statement that is not password-protected.",
    payload_too_large: "That file is too large. Upload a smaller statement.",
    other: "Something went wrong. Try again.",
  },
};

/** The shape of a message catalogue. */
export type Messages = typeof en;
