import { type OtlEvent, type OtlEventName, OtlLink } from "@otl/react";
import { useCallback, useEffect, useState } from "react";
import { fetchSession, type OtlSession, renewAccessToken } from "./session.ts";

/** One line of the event log. */
interface Logged {
  name: OtlEventName;
  detail: unknown;
}

/** The host app: gets a session from its backend, embeds the flow, and logs every event it sends. */
export function App() {
  const [session, setSession] = useState<OtlSession | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [events, setEvents] = useState<Logged[]>([]);

  useEffect(() => {
    // An ordinary fetch in an effect, cancelled on clean-up. StrictMode runs this twice in development:
    // the first request is aborted (its token, if the backend minted one, is never used), and the
    // element only ever gets the second. No guard: <OtlLink> exchanges what it is given once.
    const abort = new AbortController();
    fetchSession(abort.signal).then(setSession, (failure: Error) => {
      if (!abort.signal.aborted) setError(failure.message);
    });
    return () => abort.abort();
  }, []);

  // One handler for every event; <OtlLink> would take a new one on each render just as well.
  const log = useCallback((event: OtlEvent) => {
    setEvents((list) => [...list, { name: event.type as OtlEventName, detail: event.detail }]);
  }, []);

  return (
    <main>
      <h1>Acme Lending</h1>
      <p>To finish your loan application, share your bank accounts with us. It takes a minute.</p>
      {error ? (
        <p role="alert">Could not start sharing: {error}</p>
      ) : session ? (
        <OtlLink
          baseUrl={session.baseUrl}
          accessToken={session.accessToken}
          fetchAccessToken={renewAccessToken}
          onReady={log}
          onStep={log}
          onConnection={log}
          onFinish={log}
          onClose={log}
          onError={log}
        />
      ) : (
        <p role="status">Loading…</p>
      )}
      <section className="log">
        <h2>Events</h2>
        <ol id="events" aria-label="Events">
          {events.map((event, index) => (
            // The log only grows: an entry's index never changes, so it is a stable key.
            <li key={index} data-event={event.name}>
              {`${event.name} ${JSON.stringify(event.detail)}`}
            </li>
          ))}
        </ol>
      </section>
      <p className="note">
        React example: <code>&lt;OtlLink&gt;</code> from <code>@otl/react</code>, under StrictMode. The access token comes from this app's
        own backend (<code>/api/otl-session</code>); the OTL API key never reaches the browser.
      </p>
    </main>
  );
}
