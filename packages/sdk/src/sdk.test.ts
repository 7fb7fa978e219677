import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { ERROR_CODES, type ErrorCode, problemType } from "@otl/protocol";
// The real server, by path: a package dependency on @otl/server would be a cycle (server → link → sdk).
import { TestServer } from "../../server/src/test/harness.ts";
import { forgetPageExchanges } from "./exchanges.ts";
import { readAnswer } from "./http.ts";
import { LinkClient, type LinkClientOptions, memorySessionStore, OtlError, type SessionStore } from "./index.ts";
import { answerError, problemFromAnswer, retryAfterSeconds } from "./refusal.ts";

const BASE = "https://otl.example.test";
const MINUTE = 60 * 1000;

/** A fetch into the real server's app, counting the requests per path. */
function countingFetch(server: TestServer) {
  const counts = new Map<string, number>();
  const fetcher = async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = new URL(String(input)).pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    return server.app.request(String(input), init);
  };
  return { fetch: fetcher as typeof fetch, count: (path: string) => counts.get(path) ?? 0 };
}

describe("@otl/sdk against the real server", () => {
  let server: TestServer;
  let storage: SessionStore;
  let companyId: string;
  beforeEach(async () => {
    server = new TestServer();
    storage = memorySessionStore();
    companyId = (await server.company("Acme Pty Ltd")).id;
  });
  afterEach(() => server.close());

  it("touches no browser global on import or construction (SSR-safe)", () => {
    assert.equal(typeof (globalThis as { window?: unknown }).window, "undefined");
    const client = new LinkClient({ baseUrl: `${BASE}/` });
    assert.equal(client.baseUrl, BASE);
  });

  it("inspects a link without consuming it", async () => {
    const link = await server.link(companyId);
    const client = new LinkClient({ baseUrl: BASE, fetch: countingFetch(server).fetch, storage });
    const facts = await client.inspect({ code: link.code, companyId });
    assert.equal(facts.companyName, "Acme Pty Ltd");
    assert.equal(facts.status, "active");
    assert.equal((await client.exchange({ code: link.code, companyId })).flow.step, "consent");
  });

  it("asks for a new link, and resolves alike whatever the server did", async () => {
    const link = await server.link(companyId);
    const client = new LinkClient({ baseUrl: BASE, fetch: countingFetch(server).fetch, storage });
    await client.exchange({ code: link.code, companyId });
    assert.equal(await client.renew({ code: link.code, companyId }), undefined);
    assert.equal(await client.renew({ code: "A".repeat(43), companyId }), undefined);
    await server.settle();
    const asked = (await server.store.readAudit()).filter((entry) => entry.event === "link.renew_requested");
    assert.deepEqual(
      asked.map((entry) => entry.detail?.outcome),
      ["no_contact", "unknown"],
    );
    await assert.rejects(
      client.renew({ code: "short", companyId }),
      (error: unknown) => error instanceof OtlError && error.code === "validation_failed",
    );
  });

  it("sends one exchange however often it is asked for the same secret", async () => {
    const link = await server.link(companyId);
    const counter = countingFetch(server);
    const client = new LinkClient({ baseUrl: BASE, fetch: counter.fetch, storage });
    const [first, second] = await Promise.all([
      client.exchange({ code: link.code, companyId }),
      client.exchange({ code: link.code, companyId }),
    ]);
    const third = await client.exchange({ code: link.code, companyId });
    assert.equal(counter.count("/v1/link/exchange"), 1);
    assert.equal(first, second);
    assert.equal(first, third);
  });

  it("sends one exchange per secret per tab, across clients: twin and re-created elements share one session", async () => {
    const token = await server.accessToken(companyId);
    const counter = countingFetch(server);
    const twin = () => new LinkClient({ baseUrl: BASE, fetch: counter.fetch, storage });
    const [first, second] = await Promise.all([twin().exchange({ accessToken: token }), twin().exchange({ accessToken: token })]);
    assert.equal(first, second);
    await first.acceptConsent();
    // An element removed and created again builds a new client: it continues the same session, at its step.
    const recreated = await twin().exchange({ accessToken: token });
    assert.equal(recreated, first);
    assert.equal(recreated.flow.step, "select");
    assert.equal(counter.count("/v1/link/exchange"), 1);
    // The same secret at another server is another secret.
    const elsewhere = await new LinkClient({ baseUrl: "https://other.example.test", fetch: counter.fetch, storage })
      .exchange({ accessToken: token })
      .catch((error: OtlError) => error.code);
    assert.equal(elsewhere, "token_consumed");
  });

  it("after a reload, the tab resumes the session a secret gave instead of spending it again, and keeps no raw secret", async () => {
    const link = await server.link(companyId);
    const counter = countingFetch(server);
    const written: string[] = [];
    const setItem = storage.setItem.bind(storage);
    storage.setItem = (key, value) => {
      written.push(key);
      setItem(key, value);
    };
    const session = await new LinkClient({ baseUrl: BASE, fetch: counter.fetch, storage }).exchange({ code: link.code, companyId });
    await session.acceptConsent();
    await session.connect("sandbox-bank");
    forgetPageExchanges();
    const reloaded = new LinkClient({ baseUrl: BASE, fetch: counter.fetch, storage });
    const restored = await reloaded.restore({ code: link.code, companyId });
    assert.equal(restored?.flow.step, "connect");
    assert.equal((await reloaded.exchange({ code: link.code, companyId })).flow.step, "connect");
    assert.equal(counter.count("/v1/link/exchange"), 1, "the secret was sent once, before the reload");
    for (const key of written) {
      assert.ok(
        !key.includes(link.code) && !(storage.getItem(key) ?? "").includes(link.code),
        "storage keeps a hash of the secret, not the secret",
      );
    }
    assert.ok(written.some((key) => key.startsWith("otl:exchanged:")));
    // Another tab (its own storage) never exchanged it: nothing to restore, and the server says it is spent.
    forgetPageExchanges();
    const otherTab = new LinkClient({ baseUrl: BASE, fetch: counter.fetch, storage: memorySessionStore() });
    assert.equal(await otherTab.restore({ code: link.code, companyId }), null);
    assert.equal(await otherTab.exchange({ code: link.code, companyId }).catch((error: OtlError) => error.code), "token_consumed");
  });

  it("an unreachable server on another origin names OTL_ALLOWED_ORIGINS and the page's origin, and warns once", async (t) => {
    // A browser page on another origin than the server; the CORS refusal reaches fetch as a bare TypeError.
    Object.defineProperty(globalThis, "location", { value: { origin: "https://shop.example.test" }, configurable: true });
    t.after(() => Reflect.deleteProperty(globalThis, "location"));
    const warn = t.mock.method(console, "warn", () => {});
    const refused = (async () => {
      throw new TypeError("Failed to fetch");
    }) as typeof fetch;
    const client = new LinkClient({ baseUrl: BASE, fetch: refused, storage });
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = (await client
        .exchange({ accessToken: await server.accessToken(companyId) })
        .catch((caught: unknown) => caught)) as OtlError;
      assert.equal(error.code, "network");
      assert.match(error.message, /OTL_ALLOWED_ORIGINS lists https:\/\/shop\.example\.test/);
      assert.match(error.message, /exactly like a network failure/);
    }
    assert.equal(warn.mock.callCount(), 1);
  });

  it("sends the exchange again after a network failure, which did not spend the secret", async () => {
    const token = await server.accessToken(companyId);
    const counter = countingFetch(server);
    let failNext = true;
    const flaky = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (failNext) {
        failNext = false;
        throw new TypeError("Failed to fetch");
      }
      return counter.fetch(input, init);
    }) as typeof fetch;
    const client = new LinkClient({ baseUrl: BASE, fetch: flaky, storage });
    const error = await client.exchange({ accessToken: token }).catch((caught: unknown) => caught);
    assert.ok(error instanceof OtlError);
    assert.equal(error.code, "network");
    assert.equal(error.recoverable, true);
    assert.equal((await client.exchange({ accessToken: token })).flow.step, "consent");
  });

  it("walks the flow and keeps session.flow current with change events", async () => {
    const client = new LinkClient({ baseUrl: BASE, fetch: countingFetch(server).fetch, storage });
    const session = await client.exchange({ accessToken: await server.accessToken(companyId) });
    const steps: string[] = [];
    session.addEventListener("change", () => steps.push(session.flow.step));
    await session.acceptConsent();
    assert.deepEqual(
      (await session.integrations({ sandbox: true })).map((item) => item.key),
      ["sandbox-bank", "sandbox-books", "sandbox-statements"],
    );
    const connecting = await session.connect("sandbox-bank");
    assert.equal(connecting.next.kind, "credentials");
    const refused = await session.submitCredentials(connecting.connection.id, { username: "user_bad", password: "x" });
    assert.equal(refused.connecting?.connection.status, "failed");
    await session.submitCredentials(connecting.connection.id, { username: "user_good", password: "pass_good" });
    const done = await session.finish();
    assert.equal(done.step, "done");
    assert.deepEqual(steps, ["select", "connect", "connect", "review", "done"]);
    assert.equal(session.flow, done);
  });

  it("uploads statements with progress, removes one, and continues to review", async () => {
    const client = new LinkClient({ baseUrl: BASE, fetch: countingFetch(server).fetch, storage });
    const session = await client.exchange({ accessToken: await server.accessToken(companyId) });
    await session.acceptConsent();
    const connecting = await session.connect("sandbox-statements");
    assert.deepEqual(connecting.next, { kind: "upload", accept: ["application/pdf", "text/csv"], maxBytes: 20 * 1024 * 1024 });
    const id = connecting.connection.id;
    const csv = (name: string) => new File(["date,amount\n2026-03-01,10.00\n"], name, { type: "text/csv" });
    const progress: number[] = [];
    const uploaded = await session.uploadFiles(id, [csv("march.csv"), csv("april.csv")], {
      onProgress: ({ loaded }) => progress.push(loaded),
    });
    assert.deepEqual(
      uploaded.files.map((file) => [file.name, file.mediaType]),
      [
        ["march.csv", "text/csv"],
        ["april.csv", "text/csv"],
      ],
    );
    assert.ok(progress.length > 0, "progress is reported at least once");

    const refused = await session.uploadFiles(id, [new File([], "empty.pdf")]).catch((error: unknown) => error);
    assert.ok(refused instanceof OtlError);
    assert.equal(refused.code, "upload_rejected");
    assert.match(refused.message, /empty\.pdf: the file is empty/);
    assert.match(refused.customerMessage, /PDF or CSV/);

    const left = await session.removeFile(id, uploaded.files[0]?.id ?? "");
    assert.deepEqual(
      left.files.map((file) => file.name),
      ["april.csv"],
    );
    const review = await session.completeUpload(id);
    assert.equal(review.step, "review");
    assert.equal(session.flow.step, "review");
  });

  it("renews an expired session with fetchAccessToken and stays on the same step", async () => {
    let fetched = 0;
    const client = new LinkClient({
      baseUrl: BASE,
      fetch: countingFetch(server).fetch,
      storage,
      fetchAccessToken: async () => {
        fetched += 1;
        return server.accessToken(companyId);
      },
    });
    const session = await client.exchange({ accessToken: await server.accessToken(companyId) });
    await session.acceptConsent();
    server.clock.advance(31 * MINUTE);
    const [flow, integrations] = await Promise.all([session.refresh(), session.integrations()]);
    assert.equal(fetched, 1, "one renewal for both calls");
    assert.equal(flow.step, "select", "the customer is where they were");
    assert.ok(integrations.length > 0);
    assert.equal((await session.connect("sandbox-bank")).connection.status, "pending", "the renewed session keeps working");
  });

  it("reads fetchAccessToken when it renews, so a host may set it after creating the client", async () => {
    const options: LinkClientOptions = { baseUrl: BASE, fetch: countingFetch(server).fetch, storage };
    const client = new LinkClient(options);
    const session = await client.exchange({ accessToken: await server.accessToken(companyId) });
    await session.acceptConsent();
    options.fetchAccessToken = () => server.accessToken(companyId);
    server.clock.advance(31 * MINUTE);
    assert.equal((await session.refresh()).step, "select");
  });

  it("without fetchAccessToken, an expired session is a recoverable session_expired", async () => {
    const client = new LinkClient({ baseUrl: BASE, fetch: countingFetch(server).fetch, storage });
    const session = await client.exchange({ accessToken: await server.accessToken(companyId) });
    server.clock.advance(31 * MINUTE);
    await assert.rejects(
      session.refresh(),
      (error: unknown) => error instanceof OtlError && error.code === "session_expired" && error.recoverable,
    );
  });

  it("resumes this tab's session after a reload, and forgets it once ended", async () => {
    const link = await server.link(companyId);
    const before = new LinkClient({ baseUrl: BASE, fetch: countingFetch(server).fetch, storage });
    await (await before.exchange({ code: link.code, companyId })).acceptConsent();

    const counter = countingFetch(server);
    const reloaded = new LinkClient({ baseUrl: BASE, fetch: counter.fetch, storage });
    const session = await reloaded.resume(companyId);
    assert.equal(session?.flow.step, "select");
    assert.equal(counter.count("/v1/link/exchange"), 0, "no secret spent to continue");
    await session?.end();
    assert.equal(await reloaded.resume(companyId), null);
    assert.equal(await new LinkClient({ baseUrl: BASE, fetch: counter.fetch, storage: memorySessionStore() }).resume(companyId), null);
  });

  it("maps each server refusal to its contract code", async () => {
    const client = new LinkClient({ baseUrl: BASE, fetch: countingFetch(server).fetch, storage });
    const codeOf = (promise: Promise<unknown>) =>
      promise.then(
        () => "resolved",
        (error: OtlError) => error.code,
      );

    // Spent elsewhere (another browser): this tab never exchanged it, so the server's refusal comes through.
    const used = await server.link(companyId, { type: "company", ttlSeconds: 60 });
    await server.open(used);
    assert.equal(await codeOf(client.exchange({ code: used.code, companyId })), "token_consumed");
    assert.equal(await codeOf(client.exchange({ code: "A".repeat(30), companyId })), "token_invalid");
    const old = await server.link(companyId);
    await server.link(companyId);
    assert.equal(await codeOf(client.exchange({ code: old.code, companyId })), "token_superseded");
    const revoked = await server.link(companyId);
    await server.admin("DELETE", `/v1/links/${revoked.id}`);
    assert.equal(await codeOf(client.exchange({ code: revoked.code, companyId })), "token_revoked");
    const expiring = await server.link(companyId, { type: "company", ttlSeconds: 60 });
    server.clock.advance(2 * MINUTE);
    assert.equal(await codeOf(client.exchange({ code: expiring.code, companyId })), "token_expired");

    const session = await client.exchange({ accessToken: await server.accessToken(companyId) });
    assert.equal(await codeOf(session.finish()), "conflict");
    assert.equal(await codeOf(session.submitCredentials("cn_00000000000000000000", { username: "" })), "not_found");
    await session.end();
    assert.equal(await codeOf(session.refresh()), "unauthorized");
  });

  it("reads Retry-After as seconds or as an HTTP-date, and ignores what it cannot read", () => {
    const now = Date.parse("2030-01-01T00:00:00Z");
    assert.equal(retryAfterSeconds("3", now), 3);
    assert.equal(retryAfterSeconds(" 120 ", now), 120);
    assert.equal(retryAfterSeconds("0", now), 0);
    assert.equal(retryAfterSeconds("Tue, 01 Jan 2030 00:00:30 GMT", now), 30);
    assert.equal(retryAfterSeconds("Mon, 31 Dec 2029 23:59:00 GMT", now), 0, "a date already past: now");
    for (const unreadable of [null, "", "soon", "-5", "1.5"])
      assert.equal(retryAfterSeconds(unreadable, now), undefined, String(unreadable));
    const error = problemFromAnswer(429, { type: problemType("rate_limited"), title: "t", status: 429, code: "rate_limited" }, "7");
    assert.deepEqual([error.code, error.retryAfter, error.recoverable], ["rate_limited", 7, true]);
    const without = problemFromAnswer(503, { type: problemType("unavailable"), title: "t", status: 503, code: "unavailable" }, null);
    assert.equal(without.retryAfter, undefined);
    // A proxy's answers carry no problem document: 429 and 503 keep their meaning and their wait.
    const proxyLimited = problemFromAnswer(429, undefined, "Tue, 01 Jan 2030 00:00:30 GMT");
    assert.equal(proxyLimited.code, "rate_limited");
    assert.ok((proxyLimited.retryAfter ?? 0) > 0, "the HTTP-date's wait is kept");
    const proxyBusy = problemFromAnswer(503, "<html>busy</html>", "30");
    assert.deepEqual([proxyBusy.code, proxyBusy.retryAfter], ["unavailable", 30]);
    assert.deepEqual(
      [problemFromAnswer(502, undefined, "30").code, problemFromAnswer(404, undefined, null).code],
      ["internal", "not_found"],
    );
  });

  it("loads the code that reads a refusal only for a refusal, and fails as unreachable when it cannot load", async () => {
    const listAnswer = JSON.stringify({ items: [] });
    const never = () => assert.fail("an answer that succeeds loaded the refusal's reader");
    const list = await readAnswer("GET /v1/session/integrations", undefined, 200, listAnswer, null, never);
    assert.deepEqual(list, { items: [] });
    const problem = { type: problemType("rate_limited"), title: "t", status: 429, code: "rate_limited" };
    let loads = 0;
    const load = () => {
      loads++;
      return import("./refusal.ts");
    };
    await assert.rejects(readAnswer("POST /v1/session/finish", undefined, 429, JSON.stringify(problem), "7", load), (error: OtlError) => {
      assert.deepEqual([error.code, error.status, error.retryAfter], ["rate_limited", 429, 7]);
      return true;
    });
    assert.equal(loads, 1);
    // The network went away between the answer and the file: a network failure, with the status it had.
    const offline = new TypeError("Failed to fetch dynamically imported module");
    await assert.rejects(
      readAnswer("POST /v1/session/finish", undefined, 429, JSON.stringify(problem), "7", () => Promise.reject(offline)),
      (error: OtlError) => {
        assert.ok(error instanceof OtlError);
        assert.deepEqual([error.code, error.status, error.recoverable, error.cause], ["network", 429, true, offline]);
        assert.match(error.message, /^Could not load the code that reads the server's 429 answer$/);
        return true;
      },
    );
  });

  it("says what is wrong with a body any verdict of the SDK refuses, with the protocol's own check", async () => {
    const verdicts = Object.entries(await import("@otl/protocol/browser/answers"));
    assert.deepEqual(
      verdicts.map(([name]) => name),
      ["isConnecting", "isExchangeResult", "isFlowView", "isInspectResult", "isIntegrationList", "isUploadResult"],
    );
    for (const [name, verdict] of verdicts) {
      assert.equal(verdict({}), false, name);
      const error = answerError("GET /v1/x", verdict, 200, {}, null);
      assert.deepEqual([error.code, error.status], ["internal", 200], name);
      // The check's own words, never the stand-in for a verdict nobody explains.
      assert.match(String((error.cause as Error).message), /^\$\.\w+: is missing$/, name);
    }
  });

  it("carries fields, Retry-After and the customer's words apart from the developer message", async () => {
    const limited = new TestServer({ rateLimit: { maxFailures: 1, windowSeconds: 60 } });
    const company = await limited.company();
    const client = new LinkClient({ baseUrl: BASE, fetch: countingFetch(limited).fetch, storage });
    await client.exchange({ code: "A".repeat(30), companyId: company.id }).catch(() => {});
    const error = await client.exchange({ code: "B".repeat(30), companyId: company.id }).then(
      () => assert.fail("not limited"),
      (caught: OtlError) => caught,
    );
    assert.equal(error.code, "rate_limited");
    // The server's whole window is left: it counts from the first refused guess, a moment ago.
    assert.ok((error.retryAfter ?? 0) > 55 && (error.retryAfter ?? 0) <= 60, String(error.retryAfter));
    assert.match(error.customerMessage, /Too many attempts/);
    assert.notEqual(error.message, error.customerMessage);
    await limited.close();

    const fresh = new LinkClient({ baseUrl: BASE, fetch: countingFetch(server).fetch, storage });
    const bad = await fresh.exchange({ code: "short", companyId }).then(
      () => assert.fail("accepted"),
      (caught: OtlError) => caught,
    );
    assert.equal(bad.code, "validation_failed");
    assert.deepEqual(
      bad.fields.map((field) => field.field),
      ["code"],
    );
  });

  it("refuses an answer the protocol does not allow: an internal OtlError naming the route and, in its cause, where", async () => {
    const answering = (body: unknown) =>
      (async () => new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } })) as typeof fetch;
    const facts = {
      status: "active",
      companyName: "Acme",
      expiresAt: "2030-01-01T00:00:00.000Z",
      require2fa: false,
      dataShared: [],
      recipient: null,
    };
    const inspect = (body: unknown) =>
      new LinkClient({ baseUrl: BASE, fetch: answering(body), storage }).inspect({ code: "A".repeat(30), companyId });
    assert.equal((await inspect(facts)).companyName, "Acme", "the well-formed answer passes");
    for (const [body, where] of [
      [{ ...facts, status: "dancing" }, /^\$\.status: not one of/],
      [{ ...facts, dataShared: ["accounts", 7] }, /^\$\.dataShared\[1\]/],
      [{ ...facts, expiresAt: "tomorrow" }, /^\$\.expiresAt: has the wrong format/],
      [{ ...facts, recipient: { name: "Lender" } }, /^\$\.recipient\.logoUrl: is missing/],
      ["<html>", /^\$: expected object, got string/],
    ] as const) {
      const error = await inspect(body).then(
        () => assert.fail(`accepted ${JSON.stringify(body)}`),
        (caught: OtlError) => caught,
      );
      assert.ok(error instanceof OtlError);
      assert.deepEqual([error.code, error.status, error.recoverable], ["internal", 200, true]);
      assert.match(error.message, /^POST \/v1\/link\/inspect answered a body that does not match the protocol$/);
      assert.ok(error.cause instanceof TypeError);
      assert.match(error.cause.message, where);
    }
    // A session's calls are checked too: the flow it answers must be a flow.
    const link = await server.link(companyId);
    const real = countingFetch(server).fetch;
    let broken = false;
    const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) =>
      broken ? answering({ step: "consent" })(input, init) : real(input, init)) as typeof fetch;
    const session = await new LinkClient({ baseUrl: BASE, fetch: fetcher, storage }).exchange({ code: link.code, companyId });
    broken = true;
    await assert.rejects(
      session.refresh(),
      (error: OtlError) => error.code === "internal" && /^GET \/v1\/session answered/.test(error.message),
    );
    assert.equal(session.flow.step, "consent", "the refused answer did not become the flow");
  });

  it("knows every contract code, and which can be recovered from", async () => {
    const recoverable = new Set<ErrorCode>([
      "rate_limited",
      "unavailable",
      "internal",
      "validation_failed",
      "second_factor_invalid",
      "second_factor_required",
      "conflict",
      "session_expired",
      // Another file can still be chosen.
      "upload_rejected",
      "payload_too_large",
    ]);
    for (const code of ERROR_CODES) {
      const problem = { type: problemType(code), title: code, status: 400, code };
      const fetcher = (async () =>
        new Response(JSON.stringify(problem), { status: 400, headers: { "content-type": "application/problem+json" } })) as typeof fetch;
      const error = await new LinkClient({ baseUrl: BASE, fetch: fetcher, storage })
        .inspect({ code: "A".repeat(30), companyId })
        .catch((caught: OtlError) => caught);
      assert.ok(error instanceof OtlError, code);
      assert.equal(error.code, code);
      assert.equal(error.recoverable, recoverable.has(code), code);
      assert.ok(error.customerMessage.length > 10, code);
    }
  });

  it("aborts a call on its signal", async () => {
    const client = new LinkClient({ baseUrl: BASE, fetch: countingFetch(server).fetch, storage });
    const session = await client.exchange({ accessToken: await server.accessToken(companyId) });
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(session.refresh({ signal: controller.signal }), (error: Error) => error.name === "AbortError");
  });
});
