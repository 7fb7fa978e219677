import type { ParsedMail } from "mailparser";

/** A running mail catcher (see mail-catcher.mjs). */
export interface MailCatcher {
  port: number;
  /** `smtp://127.0.0.1:<port>`, for `OTL_SMTP_URL`. */
  url: string;
  /** Every message received, in order. */
  messages: ParsedMail[];
  /** The next `count` deliveries fail with SMTP reply `code` (default 451). */
  refuse(count: number, code?: number): void;
  /** The first message not yet seen by `next` that matches; rejects after `timeoutMs` (default 5000). */
  next(predicate?: (mail: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

/** Starts a local SMTP server that keeps what it receives. */
export function startMailCatcher(options?: { port?: number; host?: string; onMessage?: (mail: ParsedMail) => void }): Promise<MailCatcher>;
