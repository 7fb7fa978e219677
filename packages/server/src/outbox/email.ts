import nodemailer from "nodemailer";
import type { OutboxRecord } from "../store/types.ts";
import { OutboxSendError } from "./send-error.ts";
import type { OutboxHandler } from "./worker.ts";

/** How the server sends e-mail. */
export interface EmailSettings {
  /** `smtp://` or `smtps://user:pass@host:port` (`OTL_SMTP_URL`). */
  smtpUrl: string;
  /** The sender, e.g. `OTL <links@example.com>` (`OTL_MAIL_FROM`). */
  from: string;
}

/** An e-mail queued in the outbox: plain text and HTML, already written. */
interface QueuedEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * The outbox handler of kind `email`: sends over SMTP with nodemailer, one pooled transport per
 * server. A 5xx reply (the address or the message refused for good) gives up; anything else —
 * a 4xx, a refused connection, a timeout — is retried by the outbox. Nodemailer is told not to
 * fetch URLs or files named in a message, so queued content can never make the server reach out.
 */
export function emailHandler(settings: EmailSettings): OutboxHandler & { close(): void } {
  const transport = nodemailer.createTransport(settings.smtpUrl, {
    from: settings.from,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(payload: unknown, message: OutboxRecord) {
      const mail = payload as QueuedEmail;
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          // One id per outbox message: a retry after a lost reply is recognisable as the same mail.
          messageId: `<${message.id}@otl>`,
        });
        const status = Number.parseInt(String(info.response ?? "").slice(0, 3), 10);
        return { status: Number.isFinite(status) ? status : 250 };
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        // SMTP errors quote the server's reply, never the message body: safe to show the host.
        throw new OutboxSendError(`SMTP: ${(error as Error).message}`, {
          permanent: code !== undefined && code >= 500,
          status: code ?? null,
          cause: error,
        });
      }
    },
    close: () => transport.close(),
  };
}
