// The one place that knows how to find and start Chromium, for the component tests, the journeys
// and the screenshots alike. This file runs in Node as it is (Node strips the types).
import { existsSync } from "node:fs";

/**
 * `CHROME_PATH` first, then Debian's Chromium (the binary itself, not its noisy wrapper, then the
 * wrapper); undefined lets the test tool fall back to its own browser, as on a normal laptop.
 */
export function chromiumExecutable(): string | undefined {
  return [process.env.CHROME_PATH, "/usr/lib/chromium/chromium", "/usr/bin/chromium"].find((path) => path && existsSync(path));
}

/** Headless flags without which Chromium stalls on a closed network or in a container. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
