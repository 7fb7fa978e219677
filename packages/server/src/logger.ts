/** Where the server writes its lines. Callers never pass a secret: links are named by id. */
export interface Logger {
  info(line: string): void;
  error(line: string): void;
  /** `false` when info lines go nowhere, so the server need not time requests to write them. Default true. */
  readonly infoEnabled?: boolean;
}

/** Lines to stdout and stderr, one per event. */
export const stdoutLogger: Logger = {
  info: (line) => process.stdout.write(`${line}\n`),
  error: (line) => process.stderr.write(`${line}\n`),
};
