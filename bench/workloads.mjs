// What the load generator sends, through autocannon's programmatic API (keep-alive connections, a
// request written in advance per connection), so the load process stays cheap on its own core.
// Every workload reports answers, rate, per-request latency percentiles and the statuses seen; the
// caller decides whether the measurement was sound (every answer the expected 2xx).
import autocannon from "autocannon";
import { API_KEY } from "./servers.mjs";

/** Requests in one full flow: access token, exchange, consent, connect, credentials, finish. */
export const STEPS_PER_FLOW = 6;

/** Concurrent connections (and, in the flow workload, virtual users), as in the issue. */
export const CONNECTIONS = 50;
// Each exchange spends a fresh token from the issue run before it: this caps memory and time.
const MAX_TOKENS = 200_000;

const SETUP_TIMEOUT_MS = 15_000;

// Fresh objects every time: autocannon writes the Content-Length of the body it sends into the headers
// object it is given, and a stale one on the next request (fetch's, say) leaves the server waiting for bytes.
const adminHeaders = () => ({ authorization: `Bearer ${API_KEY}`, "content-type": "application/json" });
const jsonHeaders = () => ({ "content-type": "application/json" });

/** The value at quantile `q` (0–1) of numbers sorted ascending. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/**
 * One autocannon run over `urls` (connections are spread over them). Rate is answers over the time from
 * the first request to the last answer, so a run that ends early by `amount` is fair; latencies are kept
 * per answer (ms) for exact percentiles across several server processes.
 */
function run(urls, seconds, options) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    const started = performance.now();
    let lastAnswer = started;
    let timer;
    const instance = autocannon(
      { url: urls.length === 1 ? urls[0] : urls, connections: CONNECTIONS, duration: seconds, ...options },
      (error, result) => {
        clearTimeout(timer);
        if (error) return reject(error);
        latencies.sort((a, b) => a - b);
        const elapsed = (lastAnswer - started) / 1000;
        resolve({
          answers: latencies.length,
          seconds: elapsed,
          rate: latencies.length / elapsed,
          p50: quantile(latencies, 0.5),
          p99: quantile(latencies, 0.99),
          statuses: Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count])),
          errors: result.errors + result.timeouts,
        });
      },
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => {
      lastAnswer = performance.now();
      latencies.push(responseTime);
    });
    // A run bounded by amount ignores duration; this keeps it bounded in time too.
    if (options.amount) timer = setTimeout(() => instance.stop(), seconds * 1000);
  });
}

/**
 * Creates `count` companies through the admin API (`POST /v1/companies`), one at a time; answers their ids.
 * Each call has 15 s: a server that does not answer fails its rung's set-up instead of stalling the bench.
 */
export async function createCompanies(url, count, purpose) {
  const ids = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${url}/v1/companies`, {
      method: "POST",
      headers: adminHeaders(),
      body: JSON.stringify({ name: `Bench ${purpose} ${i}` }),
      signal: AbortSignal.timeout(SETUP_TIMEOUT_MS),
    });
    if (response.status !== 201) throw new Error(`creating a company: ${response.status} ${await response.text()}`);
    ids.push((await response.json()).id);
  }
  return ids;
}

/**
 * Issues access tokens (`POST /v1/companies/:id/access-tokens`) round-robin over `companyIds` for
 * `seconds`; the tokens it gets back (up to a cap) feed the next exchange run.
 */
export async function issueAccessTokens(urls, seconds, companyIds) {
  const tokens = [];
  let next = 0;
  const result = await run(urls, seconds, {
    requests: [
      {
        method: "POST",
        headers: adminHeaders(),
        body: "{}",
        setupRequest: (request) => ({ ...request, path: `/v1/companies/${companyIds[next++ % companyIds.length]}/access-tokens` }),
        onResponse: (status, body) => {
          // The hello rung answers 200 without a token; any 2xx gives the exchange run something to send.
          if (status >= 200 && status < 300 && tokens.length < MAX_TOKENS) tokens.push(JSON.parse(body).accessToken ?? "otl_at_hello");
        },
      },
    ],
  });
  return { ...result, tokens };
}

/** Exchanges each token once (`POST /v1/link/exchange`); with fresh tokens every answer must be 201. */
export async function exchangeAccessTokens(urls, seconds, tokens) {
  let next = 0;
  // The margin covers requests autocannon builds ahead of sending, so none is sent without a token.
  const amount = tokens.length - CONNECTIONS;
  if (amount < CONNECTIONS) throw new Error(`only ${tokens.length} access tokens were issued; too few to measure exchange`);
  return run(urls, seconds, {
    amount,
    requests: [
      {
        method: "POST",
        path: "/v1/link/exchange",
        headers: jsonHeaders(),
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ accessToken: tokens[next++] ?? "otl_at_ran-out" }) }),
      },
    ],
  });
}

/**
 * The full flow, as a customer walks it through the real HTTP API, by `CONNECTIONS` virtual users at
 * once: the host mints an access token, the browser exchanges it, consents, connects Sandbox Bank,
 * sends its credentials (`user_good` / `pass_good`) and finishes. Each virtual user takes a company of
 * its own from `freeCompanies` for each flow (a company has one open flow) and gives it back when the flow
 * is done. A flow cut off by the end of the run or failed leaves its company's flow half-way, so that company
 * is not given back: each run uses up to `CONNECTIONS` companies of the pool. A step that is not 2xx ends
 * its flow, counted in `failedFlows`.
 */
export async function fullFlows(urls, seconds, freeCompanies) {
  if (freeCompanies.length < CONNECTIONS)
    throw new Error(`only ${freeCompanies.length} companies are free for ${CONNECTIONS} virtual users`);
  const flowMs = [];
  let failedFlows = 0;
  const session = (context) => ({ ...jsonHeaders(), authorization: `Bearer ${context.sessionToken}` });
  // A failed step frees the company and makes the next step's setupRequest return null, which restarts the flow.
  const expect = (status, context) => {
    if (status >= 200 && status < 300) return true;
    failedFlows++;
    context.failed = true;
    return false;
  };
  const step = (setup, onResponse) => ({
    method: "POST",
    setupRequest: (request, context) => (context.failed ? null : setup(request, context)),
    onResponse: (status, body, context) => {
      if (expect(status, context)) onResponse?.(JSON.parse(body), context);
    },
  });
  const requests = [
    step(
      (request, context) => {
        context.companyId = freeCompanies.shift();
        context.startedAt = performance.now();
        return { ...request, path: `/v1/companies/${context.companyId}/access-tokens`, headers: adminHeaders(), body: "{}" };
      },
      (body, context) => {
        context.accessToken = body.accessToken;
      },
    ),
    step(
      (request, context) => ({
        ...request,
        path: "/v1/link/exchange",
        headers: jsonHeaders(),
        body: JSON.stringify({ accessToken: context.accessToken }),
      }),
      (body, context) => {
        context.sessionToken = body.sessionToken;
      },
    ),
    step((request, context) => ({ ...request, path: "/v1/session/consent", headers: session(context), body: '{"accept":true}' })),
    step(
      (request, context) => ({
        ...request,
        path: "/v1/session/connections",
        headers: session(context),
        body: '{"integration":"sandbox-bank"}',
      }),
      (body, context) => {
        context.connectionId = body.connection.id;
      },
    ),
    step((request, context) => ({
      ...request,
      path: `/v1/session/connections/${context.connectionId}/credentials`,
      headers: session(context),
      body: '{"values":{"username":"user_good","password":"pass_good"}}',
    })),
    step(
      (request, context) => ({ ...request, path: "/v1/session/finish", headers: session(context), body: '{"disclosedAll":true}' }),
      (_body, context) => {
        flowMs.push(performance.now() - context.startedAt);
        freeCompanies.push(context.companyId);
      },
    ),
  ];
  const result = await run(urls, seconds, { requests });
  flowMs.sort((a, b) => a - b);
  return {
    ...result,
    flows: flowMs.length,
    // Flows' worth of requests per second: unlike completed flows, this does not undercount when a flow
    // lasts a good part of the run (50 flows cut off at the end are 50 lost in a short run).
    flowRate: result.answers / STEPS_PER_FLOW / result.seconds,
    flowP50: quantile(flowMs, 0.5),
    flowP99: quantile(flowMs, 0.99),
    failedFlows,
  };
}
