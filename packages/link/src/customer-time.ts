/** How a time is written for the customer: in their own time zone (the browser's), with the zone named, so "until 5 pm" cannot be mistaken for the sender's 5 pm. */
export const CUSTOMER_TIME: Intl.DateTimeFormatOptions = {
  weekday: "long",
  day: "numeric",
  month: "long",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
};

// The first Intl.DateTimeFormat of a page sets up ICU's date and time-zone data: 35–75 ms of main
// thread in Chromium at 1× (a fresh page, `new Intl.DateTimeFormat`), whatever the options; writing
// a date with it then takes well under 1 ms. So each language's formatter is made once, when the
// main thread is idle (requestIdleCallback: after the frame that shows the landing and whatever work
// is queued, and not while input is waiting), and kept for the page's life. It is not made ahead
// while the landing's facts are on their way: on the hosted page they are already there (the page
// script asked), and a profile showed the idle moment in the element's boot then came before the
// landing, holding it back by the formatter's ~48 ms.

/** Each language's formatter, once made. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The customer-time formatter of `lang`, or null until it has been made at idle; then `ready` is
 * called (every caller's: each element still waiting renders again, and the first idle callback
 * to run makes the formatter).
 */
export function customerTime(lang: string, ready: () => void): Intl.DateTimeFormat | null {
  const known = formatters.get(lang);
  // Safari has no requestIdleCallback: a task of its own there, after the current one.
  if (!known)
    (globalThis.requestIdleCallback ?? setTimeout)(() => {
      if (!formatters.has(lang)) formatters.set(lang, new Intl.DateTimeFormat(lang, CUSTOMER_TIME));
      ready();
    });
  return known ?? null;
}
