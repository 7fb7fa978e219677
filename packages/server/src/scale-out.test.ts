import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { type AddressInfo, createServer } from "node:net";
import { after, before, describe, it } from "node:test";
import type { Company, ExchangeResult, FlowView, IssuedAccessToken, IssuedLink, Link, Problem } from "@otl/protocol";
import postgres from "postgres";
import { type StartedPostgres, startPostgres } from "../../../scripts/postgres.mjs";
import { POSTGRES_MIGRATIONS } from "./store/postgres/migrations.ts";
import { type CliServer, call, SERVER_PACKAGE_DIR, startCli } from "./test/cli-process.ts";
import { API_KEY } from "./test/harness.ts";
import { newHashKey } from "./tokens.ts";

// Scale-out as an operator runs it: several real `otl-server` processes on one PostgreSQL, reached
// only over HTTP. The database (scripts/postgres.mjs) starts by itself, or is made on DATABASE_URL.

const EXCHANGES = 200;

type Exchanged = ExchangeResult & Problem;

const hashKey = newHashKey();
/** What every process of one deployment shares: the database, the hash keys, the API key. */
function deploymentEnv(databaseUrl: string, rateLimit: string): Record<string, string | undefined> {
  return {
    DATABASE_URL: databaseUrl,
    OTL_HASH_KEYS: `${hashKey.id}:${Buffer.from(hashKey.secret).toString("base64url")}`,
    OTL_RATE_LIMIT: rateLimit,
    OTL_LOG: "error",
    // 199 losers of one race queue behind the winner's row lock; with four servers and PostgreSQL on
    // two shared cores that wait alone can pass the 5 s production default. What these tests judge
    // is exactly-once and no 5xx, not how long a starved machine takes.
    OTL_DB_STATEMENT_TIMEOUT: "30000",
    OTL_DATA_DIR: undefined,
    OTL_PUBLIC_URL: undefined,
  };
}

// Every process any test started, so that none outlives the suite (a live child would keep it running).
const running = new Set<CliServer>();
// Four processes compiling their TypeScript at once on two shared cores take longer than one.
const START_TIMEOUT_MS = 30_000;

/** Starts `count` processes at once (so they also migrate at once) on one database; if one fails, stops the rest. */
async function startProcesses(count: number, env: Record<string, string | undefined>): Promise<CliServer[]> {
  const started = await Promise.allSettled(
    Array.from({ length: count }, () => startCli(["--port", "0", "--api-key", API_KEY], env, { timeoutMs: START_TIMEOUT_MS })),
  );
  const servers = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  for (const server of servers) running.add(server);
  const failure = started.find((result) => result.status === "rejected");
  if (failure) {
    await stopAll(servers);
    throw failure.reason;
  }
  return servers;
}

async function stopAll(servers: Iterable<CliServer>): Promise<void> {
  await Promise.all(
    [...servers].map((server) => {
      running.delete(server);
      return server.stop();
    }),
  );
}

/** Exactly one 201 with a session token; every other answer a clean 410 token_consumed; no 5xx. */
function assertExactlyOneWinner(answers: { status: number; body: Exchanged }[], servers: CliServer[]): Exchanged {
  const statuses = answers.map((answer) => answer.status);
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  const tally = JSON.stringify(counts);
  // The processes log only errors (OTL_LOG=error): what they said is the reason for any 5xx.
  const logs = servers.map((server) => server.output().slice(-2000)).join("\n---\n");
  assert.ok(!statuses.some((status) => status >= 500), `no 5xx expected, got ${tally}; the servers said:\n${logs}`);
  const winners = answers.filter((answer) => answer.status === 201);
  assert.equal(winners.length, 1, `exactly one exchange must win, got ${tally}`);
  for (const loser of answers.filter((answer) => answer.status !== 201)) {
    assert.equal(loser.status, 410, tally);
    assert.equal(loser.body.code, "token_consumed");
  }
  assert.match(winners[0]?.body.sessionToken ?? "", /^otl_st_/);
  return winners[0]?.body as Exchanged;
}

/** Fires `EXCHANGES` exchanges of one body at once, spread round-robin over the processes. */
function exchangeEverywhere(servers: CliServer[], body: Record<string, unknown>) {
  return Promise.all(
    Array.from({ length: EXCHANGES }, (_, i) =>
      call<Exchanged>((servers[i % servers.length] as CliServer).url, "POST", "/v1/link/exchange", { body }),
    ),
  );
}

let cluster: StartedPostgres;

before(async () => {
  cluster = await startPostgres();
});
after(async () => {
  await stopAll(running);
  await cluster?.stop();
});

for (const processCount of [2, 4]) {
  describe(`${processCount} otl-server processes on one PostgreSQL`, () => {
    let database: StartedPostgres;
    let servers: CliServer[] = [];
    let env: Record<string, string | undefined>;

    before(async () => {
      database = await startPostgres({ url: cluster.url });
      // Every loser of a race is a failed attempt from 127.0.0.1: the default limit (60) would turn them into 429s.
      env = deploymentEnv(database.url, "10000/600");
      servers = await startProcesses(processCount, env);
    });
    after(async () => {
      await stopAll(servers);
      await database?.stop();
    });

    const admin = <T>(server: CliServer | undefined, method: string, path: string, body?: unknown) =>
      call<T>((server as CliServer).url, method, path, { token: API_KEY, body });

    it("migrated the empty database once, though every process started at once", async () => {
      const sql = postgres(database.url, { max: 1, onnotice: () => {} });
      try {
        const versions = await sql<{ version: number }[]>`SELECT version FROM schema_migrations ORDER BY version`;
        assert.deepEqual(
          versions.map((row) => row.version),
          POSTGRES_MIGRATIONS.map((_, index) => index + 1),
        );
      } finally {
        await sql.end();
      }
    });

    it(`lets exactly one of ${EXCHANGES} concurrent exchanges of one link code win, across the processes`, async () => {
      const company = (await admin<Company>(servers[0], "POST", "/v1/companies", { name: "Scale Out Ltd" })).body;
      const link = (await admin<IssuedLink>(servers[1], "POST", `/v1/companies/${company.id}/links`, { type: "company" })).body;

      const winner = assertExactlyOneWinner(await exchangeEverywhere(servers, { code: link.code, companyId: company.id }), servers);

      for (const server of servers) {
        const session = await call<FlowView>(server.url, "GET", "/v1/session", { token: winner.sessionToken });
        assert.equal(session.status, 200, "the session works on every process");
        assert.equal(session.body.id, winner.flow.id);
      }
      const links = await admin<{ items: Link[] }>(servers.at(-1), "GET", `/v1/companies/${company.id}/links`);
      assert.equal(links.body.items.find((item) => item.id === link.id)?.status, "consumed");
    });

    it(`lets exactly one of ${EXCHANGES} concurrent exchanges of one access token win, on the company's one flow`, async () => {
      const company = (await admin<Company>(servers[0], "POST", "/v1/companies", { name: "Token Pty Ltd" })).body;
      const issued = (await admin<IssuedAccessToken>(servers.at(-1), "POST", `/v1/companies/${company.id}/access-tokens`, {})).body;

      const winner = assertExactlyOneWinner(await exchangeEverywhere(servers, { accessToken: issued.accessToken }), servers);

      const flow = await admin<{ id: string }>(servers[1], "GET", `/v1/companies/${company.id}/flow`);
      assert.equal(flow.body.id, winner.flow.id, "one flow for the company");
    });

    it("puts concurrent exchanges of different access tokens of one company, through different processes, on one flow", async () => {
      const company = (await admin<Company>(servers[0], "POST", "/v1/companies", { name: "Many Tabs Ltd" })).body;
      const tokens = await Promise.all(
        servers.flatMap((server) =>
          [1, 2, 3].map(
            async () => (await admin<IssuedAccessToken>(server, "POST", `/v1/companies/${company.id}/access-tokens`, {})).body.accessToken,
          ),
        ),
      );

      const answers = await Promise.all(
        tokens.map((accessToken, i) =>
          call<Exchanged>((servers[i % servers.length] as CliServer).url, "POST", "/v1/link/exchange", { body: { accessToken } }),
        ),
      );

      assert.deepEqual(
        answers.map((answer) => answer.status),
        tokens.map(() => 201),
      );
      assert.equal(new Set(answers.map((answer) => answer.body.flow.id)).size, 1, "every session is on the same flow");
    });

    it("supersedes a link issued through one process with one issued through another", async () => {
      const [first, second] = [servers[0], servers.at(-1)];
      const company = (await admin<Company>(first, "POST", "/v1/companies", { name: "Resend Ltd" })).body;
      const older = (await admin<IssuedLink>(first, "POST", `/v1/companies/${company.id}/links`, { type: "company" })).body;
      const newer = (await admin<IssuedLink>(second, "POST", `/v1/companies/${company.id}/links`, { type: "company" })).body;

      const links = await admin<{ items: Link[] }>(servers[1], "GET", `/v1/companies/${company.id}/links`);
      const status = (id: string) => links.body.items.find((item) => item.id === id)?.status;
      assert.equal(status(older.id), "superseded");
      assert.equal(status(newer.id), "active");

      const stale = await call<Problem>((first as CliServer).url, "POST", "/v1/link/exchange", {
        body: { code: older.code, companyId: company.id },
      });
      assert.equal(stale.status, 410);
      assert.equal(stale.body.code, "token_superseded");
      const fresh = await call<Exchanged>((first as CliServer).url, "POST", "/v1/link/exchange", {
        body: { code: newer.code, companyId: company.id },
      });
      assert.equal(fresh.status, 201);
    });

    it("resumes the flow after every process has restarted mid-flow", async () => {
      const company = (await admin<Company>(servers[0], "POST", "/v1/companies", { name: "Restart Co" })).body;
      const link = (await admin<IssuedLink>(servers[0], "POST", `/v1/companies/${company.id}/links`, { type: "company" })).body;
      const exchanged = await call<Exchanged>((servers[1] as CliServer).url, "POST", "/v1/link/exchange", {
        body: { code: link.code, companyId: company.id },
      });
      assert.equal(exchanged.status, 201);
      const token = exchanged.body.sessionToken;
      const consented = await call<FlowView>((servers.at(-1) as CliServer).url, "POST", "/v1/session/consent", {
        token,
        body: { accept: true },
      });
      assert.equal(consented.body.step, "select");
      const issued = (await admin<IssuedAccessToken>(servers[0], "POST", `/v1/companies/${company.id}/access-tokens`, {})).body;

      await stopAll(servers);
      servers = await startProcesses(processCount, env);

      for (const server of servers) {
        const session = await call<FlowView>(server.url, "GET", "/v1/session", { token });
        assert.equal(session.status, 200, "the session outlives the processes");
        assert.equal(session.body.step, "select", "at the step it had reached");
      }
      const resumed = await call<Exchanged>((servers.at(-1) as CliServer).url, "POST", "/v1/link/exchange", {
        body: { accessToken: issued.accessToken },
      });
      assert.equal(resumed.status, 201, "an access token issued before the restart works after it");
      assert.equal(resumed.body.flow.id, exchanged.body.flow.id, "and opens the same flow");
      assert.equal(resumed.body.flow.step, "select");
    });
  });
}

describe("failed guesses through two processes on one PostgreSQL", () => {
  const LIMIT = 5;
  let database: StartedPostgres;
  let servers: CliServer[] = [];

  before(async () => {
    database = await startPostgres({ url: cluster.url });
    servers = await startProcesses(2, deploymentEnv(database.url, `${LIMIT}/600`));
  });
  after(async () => {
    await stopAll(servers);
    await database?.stop();
  });

  it(`are counted together: ${LIMIT} wrong codes split across the processes lock the client out of both`, async () => {
    const company = (
      await call<Company>((servers[0] as CliServer).url, "POST", "/v1/companies", { token: API_KEY, body: { name: "Guess Ltd" } })
    ).body;
    const guess = (server: CliServer, n: number) =>
      call<Problem>(server.url, "POST", "/v1/link/exchange", { body: { code: `wrong-code-${n}-000000000000000`, companyId: company.id } });

    // 3 on one process and 2 on the other: neither alone has reached the limit.
    for (let n = 0; n < LIMIT; n++) {
      const answer = await guess(servers[n % 2] as CliServer, n);
      assert.ok([400, 404].includes(answer.status), `guess ${n}: ${answer.status} ${answer.body.code}`);
    }

    for (const server of servers) {
      const refused = await guess(server, 99);
      assert.equal(refused.status, 429, "the shared count reached the limit");
      assert.equal(refused.body.code, "rate_limited");
      assert.ok(Number(refused.headers.get("retry-after")) > 0);
    }
  });
});

/** Runs `otl-server <args>` to its exit (at most 30 s): its exit code and output. */
function runCli(args: string[], env: Record<string, string | undefined>): { code: number | null; output: string } {
  const result = spawnSync(process.execPath, ["--conditions=otl-source", "src/cli.ts", ...args], {
    cwd: SERVER_PACKAGE_DIR,
    env: { ...process.env, NODE_TEST_CONTEXT: undefined, ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: result.status, output: result.stdout + result.stderr };
}

describe("otl-server migrate", () => {
  it("applies the migrations and exits 0; run again, it has nothing to apply; a server then starts on them", async (t) => {
    const database = await startPostgres({ url: cluster.url });
    t.after(() => database.stop());
    const env = deploymentEnv(database.url, "60/600");

    const first = runCli(["migrate"], env);
    assert.equal(first.code, 0, first.output);
    assert.match(first.output, new RegExp(`PostgreSQL schema at version ${POSTGRES_MIGRATIONS.length} \\(was 0\\)`));
    const again = runCli(["migrate"], env);
    assert.equal(again.code, 0, again.output);
    assert.match(again.output, new RegExp(`version ${POSTGRES_MIGRATIONS.length} \\(nothing to apply\\)`));

    const [server] = await startProcesses(1, env);
    const created = await call<Company>((server as CliServer).url, "POST", "/v1/companies", {
      token: API_KEY,
      body: { name: "Migrated Ltd" },
    });
    assert.equal(created.status, 201);
    await stopAll([server as CliServer]);
  });

  it("exits 1 with the driver's reason when the database cannot be reached", async () => {
    // A port that was free a moment ago: nothing listens there, so the connection is refused at once.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));

    const unreachable = runCli(["migrate"], { ...deploymentEnv(`postgres://otl:otl@127.0.0.1:${port}/otl`, "60/600") });
    assert.equal(unreachable.code, 1);
    assert.match(unreachable.output, /^otl-server migrate: .*ECONNREFUSED/m);
  });
});
