import { closeSync, existsSync, fsyncSync, linkSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { randomString } from "../random.ts";
import { newOutboxKey, type OutboxKey } from "./cipher.ts";

const FILE = "outbox-keys.json";

/**
 * The outbox's AES keys of a data directory, created on first start beside the hash keys. The file is
 * written atomically and never replaced: a temporary file is written and fsynced, then hard-linked
 * to its name, which fails if another process got there first (then theirs is used). A damaged file
 * stops the server rather than minting a key that could not open the messages already queued.
 */
export function loadOrCreateOutboxKeys(dataDir: string): OutboxKey[] {
  const path = join(dataDir, FILE);
  if (!existsSync(path)) {
    const key = newOutboxKey();
    const temporary = join(dataDir, `.${FILE}.${randomString(6, "hex")}.tmp`);
    const fd = openSync(temporary, "wx", 0o600);
    try {
      writeSync(fd, `${JSON.stringify([{ id: key.id, secret: key.secret.toString("base64url") }], null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(temporary, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      rmSync(temporary, { force: true });
    }
  }
  let stored: { id: string; secret: string }[];
  try {
    stored = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`${path} is damaged; restore it from a backup (queued messages cannot be opened without it)`, { cause: error });
  }
  return stored.map((key) => ({ id: key.id, secret: Buffer.from(key.secret, "base64url") }));
}

/** Parses `OTL_OUTBOX_KEYS`: `id:base64url-secret` pairs (32-byte secrets), comma-separated, newest first. */
export function parseOutboxKeys(value: string): OutboxKey[] {
  return value.split(",").map((pair) => {
    const [id, secret] = pair.trim().split(":");
    if (!id || !secret) throw new Error("OTL_OUTBOX_KEYS must be id:secret pairs separated by commas");
    return { id, secret: Buffer.from(secret, "base64url") };
  });
}
