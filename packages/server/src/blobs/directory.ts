import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { open, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { BlobStore } from "../store/types.ts";

// File ids are `fi_` + hex (ids.ts); anything else never becomes a path, so no id can walk out of the directory.
const SAFE_ID = /^fi_[0-9a-f]{20}$/;

function pathIn(dir: string, id: string): string {
  if (!SAFE_ID.test(id)) throw new Error(`Not a file id: ${JSON.stringify(id)}`);
  return join(dir, id);
}

/**
 * Uploaded files' bytes as files in one directory (SQLite's `OTL_BLOB_DIR`, default `files/` in the
 * data dir), which no route serves. Each is written atomically, as the key files are: a temporary
 * file, fsync, then rename, so a crash leaves the whole file or none of it.
 */
export class DirectoryBlobStore implements BlobStore {
  readonly #dir: string;

  /** Creates `dir` (mode 0700) if it is missing. */
  constructor(dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.#dir = dir;
  }

  async put(id: string, bytes: Uint8Array): Promise<void> {
    const target = pathIn(this.#dir, id);
    const temporary = join(this.#dir, `.${id}.${randomUUID()}.tmp`);
    const handle = await open(temporary, "wx", 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  }

  async get(id: string): Promise<Uint8Array<ArrayBuffer> | null> {
    try {
      return await readFile(pathIn(this.#dir, id));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  async delete(id: string): Promise<void> {
    await rm(pathIn(this.#dir, id), { force: true });
  }
}
