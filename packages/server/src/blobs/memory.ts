import type { BlobStore } from "../store/types.ts";

/** Uploaded files' bytes in memory, for the `memory://` store: nothing is kept after the process ends. */
export class MemoryBlobStore implements BlobStore {
  readonly #bytes = new Map<string, Uint8Array<ArrayBuffer>>();

  async put(id: string, bytes: Uint8Array): Promise<void> {
    this.#bytes.set(id, new Uint8Array(bytes));
  }

  async get(id: string): Promise<Uint8Array<ArrayBuffer> | null> {
    return this.#bytes.get(id) ?? null;
  }

  async delete(id: string): Promise<void> {
    this.#bytes.delete(id);
  }
}
