import * as z from "zod/mini";
import { ConnectionId, FileId } from "./ids.ts";
import { FlowView } from "./public.ts";
import { Timestamp } from "./text.ts";

/**
 * A statement the customer uploaded (CONTRACT.md, ◇ upload). `mediaType` is what the server found in
 * the bytes (`application/pdf`, `text/csv`), never what the browser claimed; `name` is the file name
 * the browser sent, for display only; `size` is in bytes.
 */
export const StoredFile = z.object({
  id: FileId,
  connectionId: ConnectionId,
  name: z.string(),
  mediaType: z.string(),
  size: z.int(),
  createdAt: Timestamp,
});
/** A statement the customer uploaded. */
export type StoredFile = z.infer<typeof StoredFile>;

/**
 * `POST /v1/session/connections/:id/upload` (and removing a file) answer: the flow, plus every file
 * the connection holds so far, oldest first, so the element can list them and offer to remove each.
 */
export const UploadResult = z.object({ ...FlowView.shape, files: z.array(StoredFile) });
/** The flow plus the connection's files. */
export type UploadResult = z.infer<typeof UploadResult>;

/** The multipart field name of each uploaded file. */
export const UPLOAD_FIELD = "file";

/** At most this many files in one upload request. */
export const UPLOAD_MAX_FILES = 10;
