import { PREFIX } from "@otl/protocol";
import { randomString } from "./random.ts";

/** A kind of identifier. */
export type IdKind = "company" | "link" | "flow" | "connection" | "file";

// An id's 80 bits (20 hex digits, the contract's shape) are time-ordered, in the manner of UUIDv7
// (RFC 9562, section 6.2, method 2 "monotonic random"): 32 bits of Unix seconds, then 48 bits that start
// at a random value each second and grow by a random step of 1 to 2^16 with each id. New rows so go in
// at the end of every index on an id (primary keys, and `flow_id`, `grant_id`… in other tables), where
// random ids scattered each insert over the whole B-tree: more pages dirtied, written to the WAL at
// every commit and gone cold in the CPU's caches. Seconds, not milliseconds: with 48 bits left where
// milliseconds would leave 32, two processes of one database (whose ids only the random part keeps
// apart) collide about 64 times less often. Ids are not secrets (SECURITY.md: secrets are stored only
// as keyed hashes); an id now tells the second it was made, which its record's `createdAt` says anyway.
const START_BITS = 2 ** 47; // a second's first id leaves 2^47 for its steps of at most 2^16: ~2 billion ids a second at least
const STEP_BITS = 2 ** 16;

let second = -1;
let counter = 0;

/** The next 20 hex digits: the time-ordered part of every id this process makes, never twice the same. */
function nextIdDigits(): string {
  // Never backwards: a clock set back keeps counting in the latest second seen.
  const now = Math.max(Math.floor(Date.now() / 1000), second);
  if (now !== second) {
    second = now;
    counter = Number.parseInt(randomString(6, "hex"), 16) % START_BITS;
  } else {
    counter += 1 + (Number.parseInt(randomString(2, "hex"), 16) % STEP_BITS);
    // Past 48 bits (some 2 billion ids in one second): on into the next second, still in order.
    if (counter >= 2 ** 48) {
      second++;
      counter = Number.parseInt(randomString(6, "hex"), 16) % START_BITS;
    }
  }
  return second.toString(16).padStart(8, "0") + counter.toString(16).padStart(12, "0");
}

/** A new identifier with its kind's prefix: 80 bits, hex, so it is safe in any URL; later ids sort after earlier ones. */
export function newId(kind: IdKind): string {
  return PREFIX[kind] + nextIdDigits();
}

/** An internal identifier (access tokens, sessions, OAuth states) that never leaves the server; time-ordered as `newId`'s. */
export function newInternalId(prefix: "at_" | "ss_" | "oa_"): string {
  return prefix + nextIdDigits();
}
