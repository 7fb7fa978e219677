// A local SMTP server that keeps what it is sent: for tests of e-mail delivery and for `pnpm start`,
// so a laptop can walk the whole delivery and 2FA journey without a real mail server.
//
// `startMailCatcher()` listens on 127.0.0.1 (a free port unless told), accepts any sender and
// recipient without TLS or authentication, parses each message with mailparser and keeps it.
// `refuse(n, code)` makes the next n deliveries fail with that SMTP reply (451: try again later;
// 550: refused for good), so tests can watch the outbox retry.
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * Starts a catcher. Answers `{ port, url, messages, refuse(count, code), next(predicate?, timeoutMs?), close() }`:
 * `url` is an `smtp://` URL for `OTL_SMTP_URL`; `messages` are mailparser's `ParsedMail`s in order of arrival;
 * `next` resolves with the first message (after those already seen by `next`) that matches, or rejects after the timeout.
 */
export async function startMailCatcher({ port = 0, host = "127.0.0.1", onMessage } = {}) {
  const messages = [];
  const waiters = new Set();
  let refusals = [];
  let seen = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      const code = refusals.shift();
      if (code === undefined) return callback();
      const error = new Error(code >= 500 ? "mailbox unavailable" : "try again later");
      error.responseCode = code;
      callback(error);
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          onMessage?.(mail);
          for (const waiter of waiters) waiter();
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const actual = server.server.address().port;
  return {
    port: actual,
    url: `smtp://${host}:${actual}`,
    messages,
    refuse(count, code = 451) {
      refusals = Array(count).fill(code);
    },
    next(predicate = () => true, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const look = () => {
          while (seen < messages.length) {
            const mail = messages[seen++];
            if (predicate(mail)) {
              waiters.delete(look);
              clearTimeout(timer);
              resolve(mail);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(look);
          reject(new Error(`no matching mail within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(look);
        look();
      });
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
