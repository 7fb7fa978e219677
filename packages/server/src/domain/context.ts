import type { DataKind } from "@otl/protocol";
import type { IntegrationProvider } from "../integrations/types.ts";
import type { Lifetimes } from "../options.ts";
import type { OutboxCipher } from "../outbox/cipher.ts";
import type { CompanyRecord, ConnectionRecord, FlowRecord, OtlStore, SecondFactorRecord, SessionRecord } from "../store/types.ts";
import type { CodeHasher } from "./second-factor.ts";
import type { DomainWebhooks } from "./webhooks.ts";

/**
 * What the domain needs from the server's options: the store and the rules' settings. The server's
 * `OtlContext` is one; a test passes just these. The domain never sees a raw secret: callers pass
 * its keyed hashes (`Keyring.candidates`).
 */
export interface DomainContext {
  store: OtlStore;
  /** Lifetimes in seconds. */
  lifetimes: Lifetimes;
  /** A new company link supersedes the company's earlier active ones. */
  latestLinkOnly: boolean;
  /** The bare company link, with no code, may open a session. */
  allowReusableLinks: boolean;
  /** The integrations customers may connect, by key. */
  integrations: ReadonlyMap<string, IntegrationProvider>;
  /** What the consent screen (and a delivered link's message) says will be shared. */
  dataShared: readonly DataKind[];
  /** Where messages are queued (e-mail, SMS); absent, nothing can be delivered. */
  outbox?: DomainOutbox;
  /** Signed webhooks: what `record` announces audited changes with; absent, nothing is announced. */
  webhooks?: DomainWebhooks;
  /** Where 2FA codes go first: the phone by SMS (default), or the e-mail address. */
  secondFactor?: "sms" | "email";
  /** Keys 2FA codes before they are stored (the server's `Keyring`); absent, no code can be sent. */
  keyring?: CodeHasher;
}

/** The outbox as the domain sees it: how to seal what it queues, which channels can send, how to wake the sender. */
export interface DomainOutbox {
  cipher: OutboxCipher;
  channels: ReadonlySet<"email" | "sms">;
  /** Called after a commit that queued a message, so it leaves at once rather than at the next poll. */
  wake(): void;
}

/** Everything a browser's view of its flow is built from, as the operation's own transaction left it. */
export interface FlowState {
  session: SessionRecord;
  flow: FlowRecord;
  /** The flow's connections, oldest first. */
  connections: ConnectionRecord[];
  company: CompanyRecord;
  /** The session's 2FA code row while it is at `verify` (where the code went, when it was sent). */
  secondFactor?: SecondFactorRecord | null;
}

/** Who is asking, for the audit log: a keyed hash of the client's address, never the address. */
export type { Actor } from "../store/types.ts";
