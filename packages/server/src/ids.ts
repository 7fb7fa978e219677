import { PREFIX } from "@otl/protocol";
import { randomString } from "./random.ts";

/** A kind of identifier. */
export type IdKind = "company" | "link" | "flow" | "connection" | "file";

/** A new random identifier with its kind's prefix: 80 bits, hex, so it is safe in any URL. */
export function newId(kind: IdKind): string {
  return PREFIX[kind] + randomString(10, "hex");
}

/** An internal identifier (access tokens, sessions, OAuth states) that never leaves the server. */
export function newInternalId(prefix: "at_" | "ss_" | "oa_"): string {
  return prefix + randomString(10, "hex");
}
