import { newId } from "../ids.ts";
import { DEFAULT_UPLOAD_MAX_BYTES } from "../integrations/next.ts";
import type { UploadedFile, UploadIntegration } from "../integrations/types.ts";
import { OtlProblem } from "../problem.ts";
import type { Actor, ConnectionRecord, FileRecord, FlowRecord, StoreTransaction } from "../store/types.ts";
import type { DomainContext, FlowState } from "./context.ts";
import { changeableFlow, checkChangeable, stateOf, stepConflict } from "./flow.ts";
import { record } from "./record.ts";
import { currentSession } from "./session.ts";
import { mediaTypeOf, uploadRejected } from "./uploads-type.ts";

// Statement upload (CONTRACT.md ◇ upload; SECURITY.md, uploads): the customer sends files to the
// connection under way, may remove them, and then continues; the connection is linked once it holds
// at least one accepted file. Nothing is stored from a request that has a file refused.

/** A file as the browser sent it: its name (display only) and its bytes. */
export interface ReceivedFile {
  name: string;
  bytes: Uint8Array;
}

/** The flow's state after an upload step, with the connection's files, oldest first. */
export interface UploadState {
  state: FlowState;
  files: FileRecord[];
}

/** Where an upload goes: the connection under way and its upload integration, with its byte limit. */
export interface UploadTarget {
  connection: ConnectionRecord;
  integration: UploadIntegration;
  maxBytes: number;
}

/** The connection `connectionId` of the flow, if it is the one under way at `connect`; 404 or 409 otherwise. */
function activeConnection(flow: FlowRecord, connection: ConnectionRecord | null, connectionId: string, action: string): ConnectionRecord {
  if (!connection || connection.flowId !== flow.id) throw new OtlProblem("not_found", `No connection ${connectionId} in this flow`);
  if (flow.step !== "connect" || flow.activeConnectionId !== connection.id) throw stepConflict(flow, action);
  return connection;
}

function uploadIntegrationOf(d: DomainContext, connection: ConnectionRecord): UploadIntegration {
  const integration = d.integrations.get(connection.integration);
  if (!integration) throw new OtlProblem("conflict", `The integration ${connection.integration} is no longer offered`);
  if (integration.kind !== "upload") throw new OtlProblem("conflict", `${integration.name} does not connect by upload`);
  return integration;
}

/**
 * Checks, before a byte of the body is read, that the session may upload to `connectionId` now:
 * the connection under way at `connect`, of an upload integration. Answers its byte limit.
 * 401/403 for the session, 404 for a connection not in this flow, 409 otherwise.
 */
export async function uploadTarget(d: DomainContext, hashes: string[], connectionId: string): Promise<UploadTarget> {
  const { session, flow, now } = await currentSession(d, hashes);
  checkChangeable(flow, session, now);
  const connection = activeConnection(flow, await d.store.getConnection(connectionId), connectionId, "upload files for this connection");
  const integration = uploadIntegrationOf(d, connection);
  return { connection, integration, maxBytes: integration.maxBytes ?? DEFAULT_UPLOAD_MAX_BYTES };
}

/** Inside `tx`: the session's flow, still at `connect` on `connectionId`. */
async function stillUploading(d: DomainContext, tx: StoreTransaction, hashes: string[], connectionId: string, action: string) {
  const { session, flow } = await changeableFlow(d, tx, hashes);
  const connection = activeConnection(flow, await tx.getConnection(connectionId), connectionId, action);
  return { session, flow, connection };
}

/**
 * Accepts `received` into the target connection: each file's type is decided by its bytes (then the
 * integration's own `check`, if any), every file must pass, and only then are the bytes stored and
 * the records written, each audited `file.uploaded`. A refused file answers 422 `upload_rejected`
 * with nothing stored. Bytes whose records could not be written are deleted again.
 */
export async function addFiles(
  d: DomainContext,
  hashes: string[],
  target: UploadTarget,
  received: readonly ReceivedFile[],
  actor: Actor,
): Promise<UploadState> {
  const checked: UploadedFile[] = [];
  for (const file of received) {
    const mediaType = await mediaTypeOf(file.name, file.bytes, target.integration.accept);
    const uploaded: UploadedFile = { name: file.name, mediaType, size: file.bytes.byteLength, bytes: file.bytes };
    const verdict = target.integration.check ? await target.integration.check(uploaded) : { ok: true as const };
    if (!verdict.ok) throw uploadRejected(file.name, verdict.message);
    checked.push(uploaded);
  }
  const ids = checked.map(() => newId("file"));
  // Bytes first, records second: a record never points at bytes that are not there.
  await Promise.all(checked.map((file, index) => d.store.blobs.put(ids[index] as string, file.bytes)));
  try {
    return await d.store.withTransaction(async (tx) => {
      const { session, flow, connection } = await stillUploading(d, tx, hashes, target.connection.id, "upload files for this connection");
      const now = await tx.now();
      for (const [index, file] of checked.entries()) {
        await tx.insertFile({
          id: ids[index] as string,
          companyId: connection.companyId,
          connectionId: connection.id,
          name: file.name,
          mediaType: file.mediaType,
          size: file.size,
          createdAt: now,
        });
      }
      await record(
        tx,
        d,
        ids.map((id, index) => ({
          event: "file.uploaded" as const,
          companyId: flow.companyId,
          flowId: flow.id,
          detail: {
            connectionId: connection.id,
            fileId: id,
            mediaType: checked[index]?.mediaType ?? null,
            size: checked[index]?.size ?? null,
          },
        })),
        actor,
      );
      return { state: await stateOf(tx, session, flow), files: await tx.listFiles(connection.id) };
    });
  } catch (error) {
    await Promise.all(ids.map((id) => d.store.blobs.delete(id)));
    throw error;
  }
}

/** Removes a file the customer uploaded to the connection under way, before they continue. 404 for a file not in it. */
export async function removeFile(
  d: DomainContext,
  hashes: string[],
  connectionId: string,
  fileId: string,
  actor: Actor,
): Promise<UploadState> {
  const result = await d.store.withTransaction(async (tx) => {
    const { session, flow, connection } = await stillUploading(d, tx, hashes, connectionId, "remove files of this connection");
    if (!(await tx.deleteFile(fileId, connection.id))) throw new OtlProblem("not_found", `No file ${fileId} in this connection`);
    await record(
      tx,
      d,
      [{ event: "file.removed", companyId: flow.companyId, flowId: flow.id, detail: { connectionId: connection.id, fileId } }],
      actor,
    );
    return { state: await stateOf(tx, session, flow), files: await tx.listFiles(connection.id) };
  });
  // After the commit: bytes whose record is gone are never served, so a crash here only leaves garbage.
  await d.store.blobs.delete(fileId);
  return result;
}

/**
 * "I have uploaded my statements": links the connection under way, which must hold at least one
 * file, and moves the flow to `review`. 409 with no file, or when the flow has moved on.
 */
export async function completeUpload(d: DomainContext, hashes: string[], connectionId: string, actor: Actor): Promise<FlowState> {
  return d.store.withTransaction(async (tx) => {
    const { session, flow, connection } = await stillUploading(d, tx, hashes, connectionId, "finish uploading for this connection");
    uploadIntegrationOf(d, connection);
    const files = await tx.listFiles(connection.id);
    if (files.length === 0) throw new OtlProblem("conflict", "Upload at least one statement before continuing");
    const linked = await tx.setConnectionStatus(connection.id, flow.id, "linked", null);
    if (!linked) throw stepConflict(flow, "finish uploading for this connection");
    const updated = await tx.updateFlow(flow.id, { step: "review", activeConnectionId: null }, ["connect"]);
    if (!updated) throw stepConflict(flow, "finish uploading for this connection");
    await record(
      tx,
      d,
      [
        {
          event: "connection.linked",
          companyId: flow.companyId,
          flowId: flow.id,
          detail: { connectionId: connection.id, integration: connection.integration, files: files.length },
        },
      ],
      actor,
    );
    return stateOf(tx, session, updated);
  });
}

/** A connection's files, oldest first (admin API). 404 for an unknown connection. */
export async function listConnectionFiles(d: DomainContext, connectionId: string): Promise<FileRecord[]> {
  if (!(await d.store.getConnection(connectionId))) throw new OtlProblem("not_found", `No connection ${connectionId}`);
  return d.store.listFiles(connectionId);
}

/** A file's record and its original bytes (admin API). 404 for an unknown file. */
export async function downloadFile(d: DomainContext, fileId: string): Promise<{ file: FileRecord; bytes: Uint8Array<ArrayBuffer> }> {
  const file = await d.store.getFile(fileId);
  const bytes = file ? await d.store.blobs.get(file.id) : null;
  if (!file || !bytes) throw new OtlProblem("not_found", `No file ${fileId}`);
  return { file, bytes };
}
