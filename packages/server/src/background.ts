/**
 * Work a request starts and answers before it ends, so that the answer's timing says nothing about
 * what the work found (`POST /v1/link/renew`). Tracked, so a server closing waits for it before its
 * store goes, and a test can wait for it (`backgroundOf(app).settle()`).
 */
export class BackgroundWork {
  readonly #pending = new Set<Promise<void>>();

  /** Starts `task` without waiting for it; a failure goes to `onError` (the request was answered already). */
  run(task: () => Promise<unknown>, onError: (error: unknown) => void): void {
    const running: Promise<void> = task()
      .then(() => {}, onError)
      .finally(() => this.#pending.delete(running));
    this.#pending.add(running);
  }

  /** Resolves once every task started so far, and any they started meanwhile, has ended. */
  async settle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }
}
