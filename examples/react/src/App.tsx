import type { OtlEvent, OtlEventName } from "@otl/link";
import { useCallback, useEffect, useState } from "react";
import { OtlLink } from "./OtlLink.tsx";
import { loadSession, type OtlSession, renewAccessToken } from "./session.ts";

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
    // Under StrictMode this runs twice; `loadSession` hands both runs the same promise (see session.ts),
    // and only the run still mounted stores the answer.
    let mounted = true;
    loadSession().then(
      (answer) => mounted && setSession(answer),
      (failure: Error) => mounted && setError(failure.message),
    );
    return () => {
      mounted = false;
    };
  }, []);

  // One stable handler for every event, so the wrapper never has to swap listeners.
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
          onOtlReady={log}
          onOtlStep={log}
          onOtlConnection={log}
          onOtlFinish={log}
          onOtlClose={log}
          onOtlError={log}
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
        React example: <code>&lt;otl-link&gt;</code> through a typed wrapper, under StrictMode. The access token comes from this app's own
        backend (<code>/api/otl-session</code>); the OTL API key never reaches the browser.
      </p>
    </main>
  );
}
