import type { FlowController } from "./controller.ts";

// The bank's sign-in in a popup, for an embedded element on a desktop browser: the host's page
// stays where it is, and the flow is read again until the bank's answer has settled the connection.
// Where the browser blocks the popup, and on touch devices (where popups open as tabs that are hard
// to come back from), the caller lets the link navigate the whole page instead.

/** How often the flow is read while the popup is open, in ms. */
const POLL_MS = 1000;
/** The longest the popup is watched: the OAuth state's own lifetime (15 minutes), in ms. */
const WATCH_MS = 15 * 60 * 1000;

/** Whether this device should leave for the bank by a full-page redirect rather than a popup. */
export function prefersFullPage(): boolean {
  return globalThis.matchMedia?.("(pointer: coarse)").matches ?? true;
}

/**
 * Opens `url` in a popup and calls `check` every second until it answers true (the connection is
 * settled), the customer closes the popup (one last check), `signal` aborts, or 15 minutes pass;
 * then closes the popup. Answers false, doing nothing, when the browser did not open one.
 */
export function watchBankPopup(url: string, check: () => Promise<boolean>, signal: AbortSignal): boolean {
  const popup = globalThis.open?.(url, "otl-bank", "popup,width=480,height=720");
  if (!popup) return false;
  const started = Date.now();
  const tick = async () => {
    const closed = popup.closed;
    const settled = await check().catch(() => false);
    if (settled || closed || signal.aborted || Date.now() - started > WATCH_MS) {
      if (!popup.closed) popup.close();
      return;
    }
    setTimeout(tick, POLL_MS);
  };
  setTimeout(tick, POLL_MS);
  return true;
}

/**
 * Leaves for the bank of the redirect under way in a popup and reads the flow until the bank's answer
 * has settled the connection. False when no popup opened: the caller (the redirect step, which loads
 * on demand with this module: the bundle carries neither) then lets the customer's click navigate the
 * whole page.
 */
export function openBankPopup(flow: FlowController, url: string): boolean {
  const session = flow.session;
  const connection = flow.state.flow?.connecting?.connection;
  if (!session || !connection || prefersFullPage()) return false;
  const signal = flow.signal;
  return watchBankPopup(
    url,
    async () => {
      const now = await session.refresh({ signal });
      return now.step !== "connect" || now.connections.find((item) => item.id === connection.id)?.status !== "pending";
    },
    signal,
  );
}
