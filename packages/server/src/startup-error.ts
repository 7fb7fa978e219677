import { KeyFileError } from "./key-file.ts";

/** Where the server was asked to start, for naming what went wrong. */
export interface StartupPlace {
  host: string;
  port: number;
  dataDir: string;
}

// The operating system's reasons, in words an operator reads without looking the code up.
const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the file system is read-only",
  ENOENT: "a folder on the path does not exist or cannot be created",
  ENOTDIR: "a part of the path is a file, not a folder",
  ENOSPC: "no space left on the device",
  EADDRINUSE: "the port is already in use",
  EADDRNOTAVAIL: "that address is not on this machine",
};

// What the server was doing when the file system said no, by system call.
const ACTIONS: Record<string, string> = { mkdir: "create the folder", access: "write in", open: "open", read: "read", write: "write" };

/**
 * One line that says why the server could not start, naming the file, folder or port involved and
 * how to fix it, with no stack trace. For errors of the environment (files, ports, the database),
 * not of flags, which get the usage instead.
 */
export function describeStartupError(error: unknown, place: StartupPlace): string {
  if (error instanceof KeyFileError) return error.message;
  const failure = error as NodeJS.ErrnoException & { errstr?: string };
  const reason = (failure.code && REASONS[failure.code]) ?? failure.message;
  const code = failure.code ? ` (${failure.code})` : "";
  if (failure.syscall === "listen" || failure.code === "EADDRINUSE") {
    const address = `${place.host.includes(":") ? `[${place.host}]` : place.host}:${place.port}`;
    return `cannot listen on ${address}: ${reason}${code}; choose another with --port (OTL_PORT) or --host (OTL_HOST)`;
  }
  if (failure.code === "ERR_SQLITE_ERROR") {
    return `cannot open the database in ${place.dataDir}: ${failure.message}; check that the folder and its files are writable by this user`;
  }
  if (failure.syscall && failure.path) {
    return `cannot ${ACTIONS[failure.syscall] ?? failure.syscall} ${failure.path}: ${reason}${code}; check --data-dir (OTL_DATA_DIR) and that this user may write there`;
  }
  return failure.message ?? String(error);
}
