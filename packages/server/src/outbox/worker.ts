import type { Logger } from "../logger.ts";
import { randomString } from "../random.ts";
import type { OtlStore, OutboxOutcome, OutboxRecord, StoreTransaction } from "../store/types.ts";
import { type BackoffPolicy, DEFAULT_BACKOFF, retryDelay } from "./backoff.ts";
import type { OutboxCipher } from "./cipher.ts";
import { OutboxSendError } from "./send-error.ts";

/** What a handler may tell about a message it sent. */
export interface SendReceipt {
  /** The receiver's status code (an SMTP reply code, an HTTP status). */
  status?: number;
}

/** Sends the messages of one kind. */
export interface OutboxHandler {
  /**
   * Sends one message: `payload` is what was queued, opened. Resolves once the receiver has taken it;
   * throws to have it retried (an `OutboxSendError` with `permanent` to give up). Should stop when
   * `signal` aborts: the worker's lease on the message is about to run out.
   */
  send(payload: unknown, message: OutboxRecord, signal: AbortSignal): Promise<SendReceipt | undefined>;
  /**
   * Runs inside the transaction that records how a message ended (`sent`, `failed` or `expired`),
   * to write what follows from it: an audit record, a webhook event. Not called for a retry.
   */
  settled?(tx: StoreTransaction, message: OutboxRecord): Promise<void>;
}

/** Options of an `OutboxWorker`. */
export interface OutboxWorkerOptions {
  store: OtlStore;
  cipher: OutboxCipher;
  /** One handler per message kind; the worker claims only kinds it has a handler for. */
  handlers: Readonly<Record<string, OutboxHandler>>;
  /** How often it looks for due messages, in milliseconds; default 1000. `wake()` looks at once. */
  pollMs?: number;
  /** How long a claim holds a message, in milliseconds; default 60 000. A send is aborted at half of it. */
  leaseMs?: number;
  /** Messages claimed per round; default 10. */
  batchSize?: number;
  backoff?: BackoffPolicy;
  logger?: Logger;
}

/**
 * Sends what the domain queued (`enqueue`): claims due messages with a lease, opens each, hands it to
 * its kind's handler, and records the outcome — sent (payload erased), retried later with exponential
 * backoff and jitter, or given up when it failed for good or its next try would fall after its expiry.
 * Any number of workers, in any number of processes, may share one store: a claim is one statement
 * (`claimOutbox`), so two never send one message at once; a worker that dies mid-send leaves its
 * lease to run out, and the message is tried again (delivery is at least once).
 */
export class OutboxWorker {
  readonly #options: Required<Omit<OutboxWorkerOptions, "logger">> & { logger: Logger | undefined };
  readonly #kinds: string[];
  #timer: NodeJS.Timeout | undefined;
  #round: Promise<number> | undefined;
  #again = false;
  #running = false;

  constructor(options: OutboxWorkerOptions) {
    this.#options = {
      pollMs: 1000,
      leaseMs: 60_000,
      batchSize: 10,
      backoff: DEFAULT_BACKOFF,
      ...options,
      logger: options.logger,
    };
    this.#kinds = Object.keys(options.handlers);
  }

  /** Starts polling. Idempotent. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.wake();
  }

  /** Looks for due messages now rather than at the next poll (after a message was queued). */
  wake(): void {
    if (!this.#running) return;
    if (this.#round) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#round = this.runOnce()
      .catch((error: unknown) => {
        this.#options.logger?.error(`outbox: round failed: ${(error as Error).message}`);
        return 0;
      })
      .finally(() => {
        this.#round = undefined;
        if (!this.#running) return;
        if (this.#again) {
          this.#again = false;
          this.wake();
          return;
        }
        this.#timer = setTimeout(() => this.wake(), this.#options.pollMs);
        this.#timer.unref();
      });
  }

  /** Stops polling and waits for the round under way, if any, to end. */
  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    await this.#round;
  }

  /**
   * One round: expires what ran out, claims a batch, sends it (concurrently), records each outcome.
   * Answers how many messages it tried. Tests call it directly instead of `start`.
   */
  async runOnce(): Promise<number> {
    const { store, leaseMs, batchSize } = this.#options;
    if (this.#kinds.length === 0) return 0;
    const owner = `w_${randomString(8, "hex")}`;
    const claimed = await store.withTransaction(async (tx) => {
      for (const message of await tx.expireOutbox()) await this.#handler(message)?.settled?.(tx, message);
      return tx.claimOutbox({ owner, kinds: this.#kinds, leaseMs, limit: batchSize });
    });
    await Promise.all(claimed.map((message) => this.#attempt(message, owner)));
    return claimed.length;
  }

  #handler(message: OutboxRecord): OutboxHandler | undefined {
    return this.#options.handlers[message.kind];
  }

  async #attempt(message: OutboxRecord, owner: string): Promise<void> {
    const { store, cipher, leaseMs, backoff, logger } = this.#options;
    const handler = this.#handler(message) as OutboxHandler;
    let failure: OutboxSendError | null = null;
    let receipt: SendReceipt | undefined;
    try {
      const payload: unknown = JSON.parse(cipher.open(message.payload as string, message.id));
      receipt = await handler.send(payload, message, AbortSignal.timeout(leaseMs / 2));
    } catch (error) {
      failure = error instanceof OutboxSendError ? error : new OutboxSendError((error as Error).message ?? String(error), { cause: error });
    }
    await store.withTransaction(async (tx) => {
      let outcome: OutboxOutcome;
      if (!failure) {
        outcome = { status: "sent", lastStatus: receipt?.status ?? null };
      } else {
        const nextAttemptAt = (await tx.now()) + retryDelay(message.attempts, backoff);
        const common = { lastError: failure.message, lastStatus: failure.status };
        if (failure.permanent) outcome = { status: "failed", ...common };
        else if (nextAttemptAt >= message.expiresAt) outcome = { status: "expired", ...common };
        else outcome = { status: "pending", nextAttemptAt, ...common };
      }
      const settled = await tx.settleOutbox(message.id, owner, outcome);
      if (settled && settled.status !== "pending") await handler.settled?.(tx, settled);
    });
    if (failure) logger?.error(`outbox: ${message.kind} ${message.id} attempt ${message.attempts} failed: ${failure.message}`);
  }
}
