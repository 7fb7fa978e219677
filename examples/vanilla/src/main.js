// The host page: ask our own backend for a single-use access token, then hand it to <otl-link>.
import "@otl/link"; // importing the package defines <otl-link>

const EVENTS = ["otl-ready", "otl-step", "otl-connection", "otl-finish", "otl-close", "otl-error"];

/** Our backend's answer: `{ baseUrl, accessToken, companyId }`, fresh on every call. Same origin, so no CORS. */
async function fetchSession() {
  const response = await fetch("/api/otl-session", { cache: "no-store" });
  if (!response.ok) {
    const problem = await response.json().catch(() => null);
    throw new Error(problem?.detail ?? `GET /api/otl-session answered ${response.status}`);
  }
  return response.json();
}

/** Appends one event to the visible log: its name, a space, and its detail as JSON. */
function record(event) {
  const item = document.createElement("li");
  item.dataset.event = event.type;
  item.textContent = `${event.type} ${JSON.stringify(event.detail)}`;
  document.getElementById("events").append(item);
}

async function start() {
  const status = document.getElementById("status");
  try {
    const { baseUrl, accessToken } = await fetchSession();
    const link = document.createElement("otl-link");
    // Listen before the element is in the page, so that not even `otl-ready` is missed.
    for (const name of EVENTS) link.addEventListener(name, record);
    link.setAttribute("base-url", baseUrl);
    link.setAttribute("access-token", accessToken);
    // If the session expires mid-flow, the element asks for a new token and the customer keeps their place.
    link.fetchAccessToken = async () => (await fetchSession()).accessToken;
    document.getElementById("otl-slot").replaceWith(link);
    status.hidden = true;
  } catch (error) {
    status.textContent = `Could not start sharing: ${error.message}`;
  }
}

start();
