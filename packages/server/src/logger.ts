/** Where the server writes its lines. Callers never pass a secret: links are named by id. */
export interface Logger {
  info(line: string): void;
  error(line: string): void;
}

/** Lines to stdout and stderr, one per event. */
export const stdoutLogger: Logger = {
  info: (line) => process.stdout.write(`${line}\n`),
  error: (line) => process.stderr.write(`${line}\n`),
};
