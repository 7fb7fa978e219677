import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { KeyFileError, writeFileAtomically } from "../key-file.ts";
import { newOutboxKey, type OutboxKey } from "./cipher.ts";

const FILE = "outbox-keys.json";

/**
 * The outbox's AES keys of a data directory, created on first start beside the hash keys, written
 * atomically and never replaced (`writeFileAtomically`: a second process starting at once keeps the
 * first one's key). A damaged file stops the server ({@link KeyFileError}) rather than minting a key
 * that could not open the messages already queued.
 */
export function loadOrCreateOutboxKeys(dataDir: string): OutboxKey[] {
  const path = join(dataDir, FILE);
  if (!existsSync(path)) {
    const key = newOutboxKey();
    writeFileAtomically(path, `${JSON.stringify([{ id: key.id, secret: key.secret.toString("base64url") }], null, 2)}\n`);
  }
  let stored: { id: string; secret: string }[];
  try {
    stored = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    throw new KeyFileError(
      path,
      "damaged: not valid JSON. Restore it from a backup (or set OTL_OUTBOX_KEYS); queued messages cannot be opened without it",
    );
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
