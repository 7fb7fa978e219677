/**
 * Why a send failed, as a handler reports it: `permanent` when retrying cannot help (an address the
 * SMTP server refuses outright, a 4xx from a webhook receiver that is not 408 or 429), and the
 * receiver's status code when it gave one. Any other error thrown by a handler is retried.
 * The message is shown to the host (delivery status) and logged: it must never carry a secret.
 */
export class OutboxSendError extends Error {
  readonly permanent: boolean;
  readonly status: number | null;

  constructor(message: string, options: { permanent?: boolean; status?: number | null; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "OutboxSendError";
    this.permanent = options.permanent ?? false;
    this.status = options.status ?? null;
  }
}
