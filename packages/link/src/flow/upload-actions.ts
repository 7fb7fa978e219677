import type { FlowController } from "./controller.ts";

// The upload step's actions, on the upload connection under way. They ship with that step
// (`otl-link.upload.js`, src/steps/loaded-by-kind.ts), not in the bundle: a credentials flow never runs them.

/** Uploads statements, reporting progress. */
export function upload(flow: FlowController, files: readonly File[]): void {
  const connection = flow.state.flow?.connecting?.connection;
  if (!connection || files.length === 0) return;
  flow.act(async (session, signal, report) => {
    const onProgress = ({ loaded, total }: { loaded: number; total: number }) => {
      if (total > 0) report({ type: "progress", fraction: loaded / total });
    };
    // Shown from the start: a small file may be sent before the first progress event.
    onProgress({ loaded: 0, total: 1 });
    const result = await session.uploadFiles(connection.id, files, { signal, onProgress });
    report({ type: "files", flow: session.flow, files: result.files });
  });
}

/** Removes an uploaded statement before the customer continues. */
export function removeFile(flow: FlowController, fileId: string): void {
  const connection = flow.state.flow?.connecting?.connection;
  if (!connection) return;
  flow.act(async (session, signal, report) => {
    const result = await session.removeFile(connection.id, fileId, { signal });
    report({ type: "files", flow: session.flow, files: result.files });
  });
}

/** The customer has uploaded their statements: the connection is linked and the flow moves to review. */
export function completeUpload(flow: FlowController): void {
  const connection = flow.state.flow?.connecting?.connection;
  if (connection) flow.act((session, signal) => session.completeUpload(connection.id, { signal }));
}
