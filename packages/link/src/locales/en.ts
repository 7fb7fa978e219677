import type { ConnectionView, DataKind } from "@otl/protocol/browser";

// Every word the customer sees, in one place. A translation is another object of the same type;
// functions take the host-supplied values (names) so each language can place them where it needs.

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
    heading: (company: string) => `Share ${company}'s financial data`,
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
    intro: (company: string) => `For ${company}, you will share:`,
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
    sandbox: (integration: string) => `${integration} (test)`,
  },
  connect: {
    heading: (integration: string) => `Sign in to ${integration}`,
    submit: "Connect",
    failed: "That did not work.",
    unavailable: (integration: string) => `Connecting ${integration} this way is not available here yet. Choose another.`,
  },
  review: {
    heading: "Your connected accounts",
    none: "No account is connected yet.",
    status: { pending: "In progress", linked: "Connected", failed: "Failed" } satisfies Record<ConnectionView["status"], string>,
    item: (integration: string, status: string) => `${integration}: ${status}`,
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
    session: { heading: "Your session timed out", body: "Open your link again to continue where you left off." },
    problem: { heading: "Something went wrong", body: "It was not your fault. Try again in a moment." },
  },
  /** Short explanations shown beside the step when an action fails but the step can go on. */
  errors: {
    second_factor_invalid: "That code is not right. Check it and try again.",
    second_factor_required: "Enter the code we sent you first.",
    validation_failed: "Something in the form is not right. Check it and try again.",
    rate_limited: "Too many attempts. Wait a moment, then try again.",
    conflict: "This step has changed. Reload the page to continue.",
    other: "Something went wrong. Try again.",
  },
};

/** The shape of a message catalogue. */
export type Messages = typeof en;
