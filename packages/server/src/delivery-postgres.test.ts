import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Company, ExchangeResult, FlowView, IssuedLink, Problem } from "@otl/protocol";
import { type MailCatcher, startMailCatcher } from "../../../scripts/mail-catcher.mjs";
import { type StartedPostgres, startPostgres } from "../../../scripts/postgres.mjs";
import { newOutboxKey } from "./outbox/cipher.ts";
import { type CliServer, call, startCli } from "./test/cli-process.ts";
import { API_KEY } from "./test/harness.ts";
import { newHashKey } from "./tokens.ts";

// The limits of the second factor and of "send me a new link" as an operator runs them: two real
// `otl-server` processes on one PostgreSQL, one SMTP server (in this process) receiving every code and
// link. The cooldown between sends, the companies' daily budgets and "one code, one success" are rows
// in the database, so they hold whichever process a request reaches.

const key = (value: { id: string; secret: Uint8Array }) => `${value.id}:${Buffer.from(value.secret).toString("base64url")}`;

type Exchanged = ExchangeResult & Problem;

describe("second factor and renewals across 2 otl-server processes on one PostgreSQL", () => {
  let database: StartedPostgres;
  let catcher: MailCatcher;
  let servers: CliServer[] = [];

  before(async () => {
    database = await startPostgres();
    catcher = await startMailCatcher();
    const env = {
      DATABASE_URL: database.url,
      OTL_HASH_KEYS: key(newHashKey()),
      OTL_OUTBOX_KEYS: key(newOutboxKey()),
      OTL_SMTP_URL: catcher.url,
      OTL_MAIL_FROM: "OTL <codes@otl.example.test>",
      OTL_LOG: "error",
      OTL_DB_STATEMENT_TIMEOUT: "30000",
      OTL_DATA_DIR: undefined,
      OTL_PUBLIC_URL: undefined,
    };
    const started = await Promise.allSettled([0, 1].map(() => startCli(["--port", "0", "--api-key", API_KEY], env, { timeoutMs: 30_000 })));
    servers = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    const failed = started.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
  });
  after(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await catcher?.close();
    await database?.stop();
  });

  const first = () => servers[0] as CliServer;
  const second = () => servers[1] as CliServer;
  const admin = <T>(server: CliServer, method: string, path: string, body?: unknown) =>
    call<T>(server.url, method, path, { token: API_KEY, body });

  /** A company reachable only by e-mail, at an address of its own. */
  async function company(): Promise<{ company: Company; email: string }> {
    const email = `owner${Math.random().toString(36).slice(2, 8)}@acme.example`;
    const created = await admin<Company>(first(), "POST", "/v1/companies", { name: "Acme Pty Ltd", contact: { email } });
    return { company: created.body, email };
  }

  /** Issues a 2FA link through `through` and exchanges it there. */
  async function open(companyId: string, through: CliServer) {
    const link = (await admin<IssuedLink>(through, "POST", `/v1/companies/${companyId}/links`, { type: "company", require2fa: true })).body;
    return call<Exchanged>(through.url, "POST", "/v1/link/exchange", { body: { code: link.code, companyId } });
  }

  /** The code in the next mail to `email`. */
  async function codeSentTo(email: string): Promise<string> {
    const mail = await catcher.next((candidate) => JSON.stringify(candidate.to).includes(email), 15_000);
    const code = /\b(\d{6})\b/.exec(mail.text ?? "")?.[1];
    assert.ok(code, `a code in ${mail.text}`);
    return code;
  }

  it("makes a resend through the other process wait out the cooldown of a send through the first", async () => {
    const { company: acme, email } = await company();
    const opened = await open(acme.id, first());
    assert.equal(opened.status, 201);
    assert.equal(opened.body.flow.step, "verify");
    await codeSentTo(email);
    const resend = await call<Problem>(second().url, "POST", "/v1/session/verify/resend", { token: opened.body.sessionToken, body: {} });
    assert.equal(resend.status, 429);
    assert.equal(resend.body.code, "rate_limited");
    const retryAfter = Number(resend.headers.get("retry-after"));
    assert.ok(retryAfter >= 1 && retryAfter <= 30, `Retry-After ${retryAfter}`);
  });

  it("keeps one daily budget of 10 codes per company, whichever process sends them", async () => {
    const { company: acme, email } = await company();
    for (let sent = 0; sent < 10; sent++) {
      const opened = await open(acme.id, sent % 2 === 0 ? first() : second());
      assert.equal(opened.status, 201, `code ${sent + 1}: ${JSON.stringify(opened.body)}`);
    }
    const refused = await open(acme.id, first());
    assert.equal(refused.status, 429, "the 11th code of the day, on either process");
    assert.equal(refused.body.code, "rate_limited");
    const alsoRefused = await open(acme.id, second());
    assert.equal(alsoRefused.status, 429);
    for (let sent = 0; sent < 10; sent++) await codeSentTo(email);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const delivered = catcher.messages.filter((mail) => JSON.stringify(mail.to).includes(email));
    assert.equal(delivered.length, 10, "ten codes went out, and no more");
  });

  it("lets one of many concurrent verifies of one code succeed, across the processes", async () => {
    const { company: acme, email } = await company();
    const opened = await open(acme.id, second());
    const code = await codeSentTo(email);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        call<FlowView & Problem>(servers[index % 2]?.url as string, "POST", "/v1/session/verify", {
          token: opened.body.sessionToken,
          body: { code },
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    assert.equal(statuses.filter((status) => status === 200).length, 1, JSON.stringify(statuses));
    assert.ok(!statuses.some((status) => status >= 500), JSON.stringify(statuses));
    for (const answer of answers.filter((candidate) => candidate.status !== 200)) assert.equal(answer.body.code, "conflict");
    assert.equal(answers.find((answer) => answer.status === 200)?.body.step, "consent");
  });

  it("sends at most 3 new links a day to one company, however many renewals race through both processes", async () => {
    const { company: acme, email } = await company();
    const link = (await admin<IssuedLink>(first(), "POST", `/v1/companies/${acme.id}/links`, { type: "company" })).body;
    const opened = await call<Exchanged>(second().url, "POST", "/v1/link/exchange", { body: { code: link.code, companyId: acme.id } });
    assert.equal(opened.status, 201);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        call(servers[index % 2]?.url as string, "POST", "/v1/link/renew", { body: { code: link.code, companyId: acme.id } }),
      ),
    );
    assert.deepEqual(
      answers.map((answer) => answer.status),
      Array(8).fill(202),
    );
    const urls = new Set<string>();
    for (let sent = 0; sent < 3; sent++) {
      const mail = await catcher.next((candidate) => JSON.stringify(candidate.to).includes(email), 15_000);
      urls.add(/http:\/\/\S+/.exec(mail.text ?? "")?.[0] ?? "");
    }
    assert.equal(urls.size, 3, "three different links");
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(catcher.messages.filter((mail) => JSON.stringify(mail.to).includes(email)).length, 3, "and no fourth");
    const links = (await admin<{ items: { id: string; status: string }[] }>(first(), "GET", `/v1/companies/${acme.id}/links`)).body.items;
    assert.equal(links.length, 4, "the spent link and three new ones");
    assert.equal(links.filter((item) => item.status === "active").length, 1, "each new one superseded the one before");
  });

  it("spends the link after 5 wrong codes sent through either process: 410 second_factor_locked", async () => {
    const { company: acme, email } = await company();
    const opened = await open(acme.id, first());
    const code = await codeSentTo(email);
    const wrong = code === "000000" ? "000001" : "000000";
    const answers = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      answers.push(
        await call<Problem>(servers[attempt % 2]?.url as string, "POST", "/v1/session/verify", {
          token: opened.body.sessionToken,
          body: { code: wrong },
        }),
      );
    }
    assert.deepEqual(
      answers.map((answer) => answer.body.code),
      ["second_factor_invalid", "second_factor_invalid", "second_factor_invalid", "second_factor_invalid", "second_factor_locked"],
    );
    assert.equal(answers.at(-1)?.status, 410);
    const late = await call<Problem>(second().url, "POST", "/v1/session/verify", { token: opened.body.sessionToken, body: { code } });
    assert.equal(late.status, 401, `the session ended: even the right code is too late (${late.body.code})`);
  });
});
