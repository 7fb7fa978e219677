import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { HashKey } from "./tokens.ts";

const FILE = "hash-keys.json";

/**
 * The HMAC keys of a data directory, created on first start. They live beside the database, not in
 * it, and only the owner can read them; secrets issued before a restart keep working after it.
 */
export function loadOrCreateHashKeys(dataDir: string): HashKey[] {
  const path = join(dataDir, FILE);
  if (!existsSync(path)) {
    const key = { id: "k1", secret: randomBytes(32).toString("base64url") };
    try {
      writeFileSync(path, `${JSON.stringify([key], null, 2)}\n`, { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  const stored = JSON.parse(readFileSync(path, "utf8")) as { id: string; secret: string }[];
  return stored.map((key) => ({ id: key.id, secret: Buffer.from(key.secret, "base64url") }));
}

/** Parses `OTL_HASH_KEYS`: `id:base64url-secret` pairs, comma-separated, newest first. */
export function parseHashKeys(value: string): HashKey[] {
  return value.split(",").map((pair) => {
    const [id, secret] = pair.trim().split(":");
    if (!id || !secret) throw new Error("OTL_HASH_KEYS must be id:secret pairs separated by commas");
    return { id, secret: Buffer.from(secret, "base64url") };
  });
}
