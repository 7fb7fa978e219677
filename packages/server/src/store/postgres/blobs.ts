import type { BlobStore } from "../types.ts";
import type { PostgresPool } from "./connection.ts";

/**
 * Uploaded files' bytes in PostgreSQL's `file_blobs` table (bytea), not in a directory: every
 * process sharing the database can then serve every file, with no shared disk to set up, and a
 * backup of the database holds the files too. Statements are capped at 20 MB by default, far under
 * bytea's 1 GB.
 */
export class PostgresBlobStore implements BlobStore {
  readonly #sql: PostgresPool;

  constructor(sql: PostgresPool) {
    this.#sql = sql;
  }

  async put(id: string, bytes: Uint8Array): Promise<void> {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await this.#sql`INSERT INTO file_blobs (id, bytes) VALUES (${id}, ${buffer}) ON CONFLICT (id) DO UPDATE SET bytes = excluded.bytes`;
  }

  async get(id: string): Promise<Uint8Array<ArrayBuffer> | null> {
    const [row] = await this.#sql`SELECT bytes FROM file_blobs WHERE id = ${id}`;
    return row ? new Uint8Array(row.bytes as Buffer) : null;
  }

  async delete(id: string): Promise<void> {
    await this.#sql`DELETE FROM file_blobs WHERE id = ${id}`;
  }
}
