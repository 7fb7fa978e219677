import { randomInt } from "node:crypto";
import { enqueue } from "../outbox/enqueue.ts";
import { OtlProblem, validationProblem } from "../problem.ts";
import type { Actor, CompanyRecord, SecondFactorRecord, SessionRecord, StoreTransaction } from "../store/types.ts";
import type { DomainContext, FlowState } from "./context.ts";
import { type DeliveryChannel, maskAddress } from "./delivery.ts";
import { stateOf } from "./flow.ts";
import { record } from "./record.ts";
import { codeEmail, codeSms } from "./second-factor-message.ts";
import { sessionIn } from "./session.ts";

/** The rules of the second factor (CONTRACT.md ◇ Second factor, SECURITY.md "Secrets", NIST SP 800-63B). */
export const SECOND_FACTOR = {
  /** Wrong codes that spend the link. */
  maxFailures: 5,
  /** Milliseconds between two sends to one session. */
  cooldownMs: 30_000,
  /** Codes one company may be sent in `budgetWindowMs`; resending does not reset it. */
  dailyBudget: 10,
  budgetWindowMs: 24 * 60 * 60 * 1000,
} as const;

/** What the domain needs to keep codes: a keyed hash and its candidates under every key (`Keyring`). */
export interface CodeHasher {
  hash(value: string): string;
  candidates(value: string): string[];
}

/** A 6-digit code, uniform over 000000–999999: `crypto.randomInt` draws without modulo bias. */
export function newSecondFactorCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}

// The stored form binds the code to its session, so one session's code is nothing at another's;
// a 6-digit code is never stored as a bare hash (SECURITY.md), and this one is keyed besides.
const codeInput = (sessionId: string, code: string) => `2fa:${sessionId}:${code}`;

/**
 * Where a company's codes go: its phone by SMS, or its e-mail when it has no phone (or no SMS sender);
 * the other way round with the option `secondFactor: "email"`. Null if neither can be reached.
 */
export function secondFactorChannel(d: DomainContext, company: CompanyRecord): { channel: DeliveryChannel; to: string } | null {
  const channels = d.outbox?.channels;
  const sms = company.contactPhone && channels?.has("sms") ? { channel: "sms" as const, to: company.contactPhone } : null;
  const email = company.contactEmail && channels?.has("email") ? { channel: "email" as const, to: company.contactEmail } : null;
  return d.secondFactor === "email" ? (email ?? sms) : (sms ?? email);
}

/** 400 naming `require2fa` unless the company's codes have somewhere to go: checked when such a link is issued. */
export function checkSecondFactorReachable(d: DomainContext, company: CompanyRecord): void {
  if (!secondFactorChannel(d, company)) {
    throw validationProblem([
      {
        field: "require2fa",
        message: `cannot be used: company ${company.id} has no phone (with an SMS sender) or e-mail (with an SMTP sender) on file`,
      },
    ]);
  }
}

function tooMany(detail: string, retryAfterSeconds: number): OtlProblem {
  return new OtlProblem("rate_limited", detail, { headers: { "retry-after": String(Math.max(1, Math.ceil(retryAfterSeconds))) } });
}

/**
 * Sends a session a new code inside `tx`: the first when its session opens (at the exchange), or a
 * resend. 429 with `Retry-After` within 30 s of the last send, or when the company has had its 10
 * codes of the day (a counter in the store, shared by every process; a refused send does not count,
 * since throwing rolls the count back with the rest). The code is queued sealed in the outbox and
 * audited as `second_factor.sent` with the masked destination. Answers the code's row as stored
 * (its hash, masked destination and send time).
 */
export async function sendSecondFactor(
  d: DomainContext,
  tx: StoreTransaction,
  company: CompanyRecord,
  session: SessionRecord,
  actor: Actor,
): Promise<SecondFactorRecord> {
  const { outbox, keyring } = d;
  const target = secondFactorChannel(d, company);
  if (!outbox || !keyring || !target) throw new OtlProblem("conflict", "This link's second factor has nowhere to be sent");
  const now = await tx.now();
  const code = newSecondFactorCode();
  const lifetimeMs = d.lifetimes.secondFactorCode * 1000;
  const to = maskAddress(target.channel, target.to);
  const stored = await tx.sendSecondFactorCode(
    {
      sessionId: session.id,
      companyId: company.id,
      codeHash: keyring.hash(codeInput(session.id, code)),
      channel: target.channel,
      to,
      expiresAt: now + lifetimeMs,
    },
    SECOND_FACTOR.cooldownMs,
  );
  if (!stored) {
    const last = await tx.getSecondFactorCode(session.id);
    throw tooMany(
      "A code was sent moments ago: wait before asking for another",
      ((last?.sentAt ?? now) + SECOND_FACTOR.cooldownMs - now) / 1000,
    );
  }
  const budget = await tx.recordFailure(`2fa-sends:${company.id}`, SECOND_FACTOR.budgetWindowMs);
  if (budget.count > SECOND_FACTOR.dailyBudget) {
    throw tooMany("This company has been sent as many codes as a day allows", (budget.resetAt - now) / 1000);
  }
  const facts = {
    companyName: company.name,
    code,
    minutes: Math.max(1, Math.round(d.lifetimes.secondFactorCode / 60)),
    locale: company.locale,
  };
  await enqueue(tx, outbox.cipher, {
    kind: target.channel,
    subject: session.id,
    meta: { purpose: "second_factor", channel: target.channel, to, companyId: company.id },
    payload: target.channel === "sms" ? codeSms(target.to, facts) : codeEmail(target.to, facts),
    expiresAt: now + lifetimeMs,
  });
  await record(
    tx,
    d,
    [
      {
        event: "second_factor.sent",
        companyId: company.id,
        linkId: session.grantId,
        flowId: session.flowId,
        detail: { channel: target.channel, to, send: stored.sends },
      },
    ],
    actor,
  );
  return stored;
}

/** `POST /v1/session/verify/resend`: a new code for a session still at `verify` (409 otherwise), with the limits of `sendSecondFactor`. */
export async function resendSecondFactor(d: DomainContext, hashes: string[], actor: Actor): Promise<void> {
  await d.store.withTransaction(async (tx) => {
    const { session, flow } = await sessionIn(d, tx, hashes);
    if (!session.require2fa || session.verifiedAt !== null) throw new OtlProblem("conflict", "This session has no code to verify");
    const company = await tx.getCompany(flow.companyId);
    if (!company) throw new OtlProblem("not_found", "The flow of this session no longer exists");
    await sendSecondFactor(d, tx, company, session, actor);
  });
  d.outbox?.wake();
}

type Checked = { ok: true; state: FlowState } | { ok: false; code: "second_factor_invalid" | "second_factor_locked"; detail: string };

/**
 * `POST /v1/session/verify`: checks a code in one transaction. The right code, unused and unexpired,
 * verifies the session (one conditional write: of concurrent verifies one wins; the others find the
 * session verified and get 409). A wrong one counts, atomically in the store: 400
 * `second_factor_invalid`, and at the fifth the session ends and 410 `second_factor_locked` (the link
 * was consumed when the session opened, so it is spent). Every check is audited.
 */
export async function verifySecondFactor(d: DomainContext, hashes: string[], code: string, actor: Actor): Promise<FlowState> {
  const checked = await d.store.withTransaction(async (tx): Promise<Checked> => {
    const { session, flow } = await sessionIn(d, tx, hashes);
    if (!session.require2fa || session.verifiedAt !== null) throw new OtlProblem("conflict", "This session is already verified");
    const audit = (result: string, extra: Record<string, number> = {}) =>
      record(
        tx,
        d,
        [{ event: "second_factor.checked", linkId: session.grantId, flowId: session.flowId, detail: { result, ...extra } }],
        actor,
      );
    const candidates = d.keyring?.candidates(codeInput(session.id, code)) ?? [];
    const used = await tx.useSecondFactorCode(session.id, candidates, SECOND_FACTOR.maxFailures);
    if (used) {
      const verified = await tx.verifySession(session.id);
      if (!verified) throw new OtlProblem("conflict", "This session is already verified");
      await audit("ok");
      return { ok: true, state: await stateOf(tx, verified, flow) };
    }
    // Not accepted. If a concurrent verify of this session took the code meanwhile (on PostgreSQL the
    // update above waited for its commit, and this read sees it), this is a duplicate of the right
    // code, not a wrong one: it must not count towards the lock.
    if ((await tx.getSecondFactorCode(session.id))?.usedAt != null) throw new OtlProblem("conflict", "This session is already verified");
    const row = await tx.failSecondFactorCode(session.id);
    const failures = row?.failures ?? SECOND_FACTOR.maxFailures;
    await audit("wrong", { failures });
    if (failures >= SECOND_FACTOR.maxFailures) {
      await tx.endSession(session.id);
      await record(
        tx,
        d,
        [{ event: "second_factor.locked", companyId: row?.companyId ?? null, linkId: session.grantId, flowId: session.flowId }],
        actor,
      );
      return { ok: false, code: "second_factor_locked", detail: "Too many wrong codes: this link is spent. Ask for a new link." };
    }
    const expired = row !== null && row.expiresAt <= (await tx.now());
    const left = SECOND_FACTOR.maxFailures - failures;
    return {
      ok: false,
      code: "second_factor_invalid",
      detail: expired ? `The code has expired: ask for a new one (${left} tries left)` : `Wrong code (${left} tries left)`,
    };
  });
  if (checked.ok) return checked.state;
  throw new OtlProblem(checked.code, checked.detail);
}
