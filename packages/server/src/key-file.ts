import { randomBytes } from "node:crypto";
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { HashKey } from "./tokens.ts";

/** The name of the key file in a data directory. */
export const KEY_FILE = "hash-keys.json";

// Files whose presence means secrets were already issued under some key, so a new key would void them.
const DATA_FILES = ["otl.sqlite"];

/**
 * A key file that cannot be used: empty, damaged, or missing where data exists. The message names
 * the file and says what to do; the server stops rather than mint a key that voids every issued
 * secret (SECURITY.md, "Durability and faults").
 */
export class KeyFileError extends Error {
  override readonly name = "KeyFileError";
  /** The key file's path. */
  readonly path: string;

  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.path = path;
  }
}

/**
 * The HMAC keys of a data directory, created on first start. They live beside the database, not in
 * it, and only the owner can read them; secrets issued before a restart keep working after it.
 * Throws {@link KeyFileError} when the file is empty or damaged, or missing while the directory
 * already holds data. Call it before the store opens, which creates the database file.
 */
export function loadOrCreateHashKeys(dataDir: string): HashKey[] {
  const path = join(dataDir, KEY_FILE);
  if (!existsSync(path)) {
    const data = DATA_FILES.map((name) => join(dataDir, name)).find((file) => existsSync(file));
    if (data !== undefined) {
      throw new KeyFileError(
        path,
        `missing, but ${data} holds data hashed with it. Restore the file from a backup (or set OTL_HASH_KEYS); a new key would void every issued link and session`,
      );
    }
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileAtomically(path, `${JSON.stringify([{ id: "k1", secret: randomBytes(32).toString("base64url") }], null, 2)}\n`);
  }
  return readKeyFile(path);
}

function readKeyFile(path: string): HashKey[] {
  const text = readFileSync(path, "utf8");
  if (text.trim() === "") throw new KeyFileError(path, "empty. Restore it from a backup (or set OTL_HASH_KEYS)");
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    throw new KeyFileError(path, "damaged: not valid JSON. Restore it from a backup (or set OTL_HASH_KEYS)");
  }
  const valid =
    Array.isArray(stored) &&
    stored.length > 0 &&
    stored.every((key) => typeof key?.id === "string" && key.id !== "" && typeof key.secret === "string" && key.secret.length >= 22);
  if (!valid) throw new KeyFileError(path, 'damaged: expected [{"id": …, "secret": …}, …], newest first. Restore it from a backup');
  return (stored as { id: string; secret: string }[]).map((key) => ({ id: key.id, secret: Buffer.from(key.secret, "base64url") }));
}

/**
 * Writes a new file so that a crash leaves either nothing or the whole file, never an empty one:
 * a temporary file is written and fsynced, then linked to its name, then the directory is fsynced.
 * A link rather than a rename, because a link refuses to replace: when two processes start on one
 * new directory at once, the second keeps the first one's key instead of overwriting it.
 */
export function writeFileAtomically(path: string, content: string): void {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const fd = openSync(temporary, "wx", 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, path);
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(temporary);
  }
  const directory = openSync(join(path, ".."), "r");
  try {
    fsyncSync(directory);
  } finally {
    closeSync(directory);
  }
}

/** Parses `OTL_HASH_KEYS`: `id:base64url-secret` pairs, comma-separated, newest first. */
export function parseHashKeys(value: string): HashKey[] {
  return value.split(",").map((pair) => {
    const [id, secret] = pair.trim().split(":");
    if (!id || !secret) throw new Error("OTL_HASH_KEYS must be id:secret pairs separated by commas");
    return { id, secret: Buffer.from(secret, "base64url") };
  });
}
