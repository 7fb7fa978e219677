import { OtlProblem } from "../problem.ts";
import type { Actor, FlowRecord, SessionRecord, StoreReads, StoreTransaction } from "../store/types.ts";
import type { DomainContext } from "./context.ts";
import { record } from "./record.ts";

/** The challenge every 401 of a `/v1/session…` call carries, naming the scheme (RFC 6750). */
export const SESSION_CHALLENGE = { "www-authenticate": 'Bearer realm="otl-session"' };

/** 401 `unauthorized`: no session has this token (or it has ended). */
function noSuchSession(): OtlProblem {
  return new OtlProblem("unauthorized", "No such session", { headers: SESSION_CHALLENGE });
}

function sessionExpired(): OtlProblem {
  return new OtlProblem("session_expired", "The session has expired; exchange a new link or access token to continue", {
    headers: SESSION_CHALLENGE,
  });
}

// Sliding the idle expiry is a write; doing it on every call made each call a write transaction (a
// third of a flow's cost). It slides once this much of the idle window has passed since the last
// slide, so a session may lapse up to this much before "idle window after the last call": a minute,
// or a tenth of a short window.
const SLIDE_AFTER_MS = 60_000;

/** Whether a live session's idle expiry is due to slide at `now`: a minute (or a tenth of the idle window) since it last did. */
export function slideDue(session: SessionRecord, now: number, idleMs: number): boolean {
  return now - session.lastSeenAt >= Math.min(SLIDE_AFTER_MS, idleMs / 10);
}

/** A live session with its flow (which it needs more often than not) and the time they were read at. */
export interface LiveSession {
  session: SessionRecord;
  flow: FlowRecord;
  now: number;
}

/**
 * The live session of `hashes` and its flow at the reads' time (one statement), without sliding it;
 * 401 `unauthorized` or `session_expired` otherwise, 404 if its flow is gone.
 */
async function liveSession(reads: StoreReads, hashes: string[]): Promise<LiveSession> {
  const found = await reads.findSessionFlow(hashes);
  if (!found || found.session.endedAt !== null) throw noSuchSession();
  const { session, flow, now } = found;
  // The idle expiry never passes the absolute one, so this one test covers both.
  if (session.idleExpiresAt <= now) throw sessionExpired();
  if (!flow) throw new OtlProblem("not_found", "The flow of this session no longer exists");
  return { session, flow, now };
}

/** A session's idle expiry, slid inside `tx` (a conditional write: it may have expired meanwhile). */
async function slide(d: DomainContext, tx: StoreTransaction, session: SessionRecord): Promise<SessionRecord> {
  const slid = await tx.slideSession(session.id, d.lifetimes.sessionIdle * 1000);
  if (!slid) throw sessionExpired();
  return slid;
}

/**
 * The live session whose token hashes to one of `hashes` and its flow, read from committed data, its
 * idle expiry slid (in a transaction of its own) when due. For calls that change nothing else.
 */
export async function currentSession(d: DomainContext, hashes: string[]): Promise<LiveSession> {
  const found = await liveSession(d.store, hashes);
  if (!slideDue(found.session, found.now, d.lifetimes.sessionIdle * 1000)) return found;
  return { ...found, session: await d.store.withTransaction((tx) => slide(d, tx, found.session)) };
}

/** The live session of `hashes` and its flow inside a transaction, its idle expiry slid there when due. */
export async function sessionIn(d: DomainContext, tx: StoreTransaction, hashes: string[]): Promise<LiveSession> {
  const found = await liveSession(tx, hashes);
  if (!slideDue(found.session, found.now, d.lifetimes.sessionIdle * 1000)) return found;
  return { ...found, session: await slide(d, tx, found.session) };
}

/** Ends the live session of `hashes` (the customer left), audited as `session.ended`. */
export async function endSession(d: DomainContext, hashes: string[], actor: Actor): Promise<void> {
  await d.store.withTransaction(async (tx) => {
    const { session } = await liveSession(tx, hashes);
    const ended = await tx.endSession(session.id);
    if (ended) await record(tx, d, [{ event: "session.ended", flowId: ended.flowId }], actor);
  });
}
