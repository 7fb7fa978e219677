// The host's own backend, cut down to what OTL needs: it keeps the OTL API key (no browser ever sees
// it), owns the customer's company at OTL, and mints a single-use access token for each page that
// embeds <otl-link>. Plain Node, no dependencies, no build step:
//
//   OTL_API_KEY=otl_sk_… node examples/host-backend/server.mjs
//
// In a real app, GET /api/otl-session sits behind your own login and mints a token for the signed-in
// customer's company only: never for a company that the request names.
import { createServer } from "node:http";

const OTL_URL = (process.env.OTL_URL || "http://127.0.0.1:8787").replace(/\/+$/, "");
const OTL_API_KEY = process.env.OTL_API_KEY;
const HOST = process.env.HOST || "127.0.0.1";
const PORT = Number(process.env.PORT || 8788);

if (!OTL_API_KEY) {
  console.error("host-backend: OTL_API_KEY is required: the OTL server's admin API key. Keep it here, on the server, never in a page.");
  process.exit(2);
}
if (!Number.isInteger(PORT) || PORT < 0 || PORT > 65535) {
  console.error(`host-backend: PORT must be a number from 0 to 65535, not "${process.env.PORT}"`);
  process.exit(2);
}

/** The OTL server could not be reached, or refused a call: the browser gets a 502 that says which. */
class UpstreamError extends Error {
  constructor(code, message, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

/** Calls OTL's admin API. The API key goes in the Authorization header and nowhere else: no log, no error. */
async function otl(method, path, body) {
  let response;
  try {
    response = await fetch(`${OTL_URL}${path}`, {
      method,
      headers: { authorization: `Bearer ${OTL_API_KEY}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    const reason = error.cause?.code ?? error.name;
    throw new UpstreamError("otl_unreachable", `Could not reach the OTL server at ${OTL_URL} (${reason}). Is it running?`);
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    const detail = `The OTL server answered ${method} ${path} with ${response.status}${problem.code ? ` ${problem.code}` : ""}`;
    const hint = response.status === 401 ? ": check OTL_API_KEY" : "";
    throw new UpstreamError("otl_refused", detail + hint, response.status);
  }
  return response.json();
}

// One company for the life of this process: the one OTL_COMPANY_ID names, or a new "Demo Pty Ltd".
// The promise is kept so that concurrent first requests create a single company; a failure is
// forgotten so that the next request tries again (say, once the OTL server is up).
let company;
function demoCompany() {
  company ??= findOrCreateCompany().catch((error) => {
    company = undefined;
    throw error;
  });
  return company;
}

async function findOrCreateCompany() {
  const known = process.env.OTL_COMPANY_ID;
  if (known) {
    try {
      return await otl("GET", `/v1/companies/${encodeURIComponent(known)}`);
    } catch (error) {
      if (error.status !== 404) throw error;
      console.log(`host-backend: company ${known} is unknown to the OTL server; creating a new one`);
    }
  }
  const created = await otl("POST", "/v1/companies", { name: "Demo Pty Ltd", contact: { email: "owner@demo.example" } });
  console.log(`host-backend: created company ${created.id} ("${created.name}")`);
  return created;
}

function send(response, status, type, body, headers = {}) {
  // A token must never be cached by the browser or a proxy: each page load gets its own.
  response.writeHead(status, { "content-type": type, "cache-control": "no-store", ...headers });
  response.end(JSON.stringify(body));
}

function problem(response, status, code, title, detail, headers) {
  send(response, status, "application/problem+json", { type: `urn:otl-example:problem:${code}`, title, status, code, detail }, headers);
}

const server = createServer(async (request, response) => {
  const { pathname } = new URL(request.url ?? "/", "http://host");
  if (pathname !== "/api/otl-session") return problem(response, 404, "not_found", "Not found", `No route ${pathname}`);
  if (request.method !== "GET") {
    return problem(response, 405, "method_not_allowed", "Method not allowed", "Use GET", { allow: "GET" });
  }
  try {
    const { id: companyId } = await demoCompany();
    // Single-use and short-lived (1 hour by default): minted per page load, spent by the element's exchange.
    const { accessToken } = await otl("POST", `/v1/companies/${companyId}/access-tokens`, {});
    send(response, 200, "application/json", { baseUrl: OTL_URL, accessToken, companyId });
  } catch (error) {
    if (error instanceof UpstreamError) {
      console.error(`host-backend: ${error.message}`);
      const title = error.code === "otl_unreachable" ? "The OTL server is not reachable" : "The OTL server refused the call";
      return problem(response, 502, error.code, title, error.message);
    }
    console.error("host-backend:", error);
    problem(response, 500, "internal", "Internal error", "The host backend failed; see its log");
  }
});

server.once("error", (error) => {
  const hint = error.code === "EADDRINUSE" ? `port ${PORT} on ${HOST} is taken; set PORT to another` : error.message;
  console.error(`host-backend: ${hint}`);
  process.exit(1);
});

server.listen(PORT, HOST, () => {
  const { port } = server.address();
  console.log(`host-backend listening on http://${HOST.includes(":") ? `[${HOST}]` : HOST}:${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
