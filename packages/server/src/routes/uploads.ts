import type { StoredFile, UploadResult } from "@otl/protocol";
import { Hono } from "hono";
import { answerJson } from "../answer-frame.ts";
import { iso } from "../clock.ts";
import { actorOf, type OtlContext, type OtlEnv } from "../context.ts";
import {
  addFiles,
  completeUpload,
  downloadFile,
  listConnectionFiles,
  removeFile,
  type UploadState,
  uploadTarget,
} from "../domain/uploads.ts";
import { adminAuth } from "../middleware/admin-auth.ts";
import { sessionAuth } from "../middleware/session-auth.ts";
import type { FileRecord } from "../store/types.ts";
import { flowView } from "../views.ts";
import { readUploadedFiles } from "./uploads-multipart.ts";

/** The path of the upload call: the app's 64 KiB JSON body limit does not apply to it (it has its own). */
export const UPLOAD_PATH = /^\/v1\/session\/connections\/[^/]+\/upload$/;

/** The wire form of a file record. */
function fileView(file: FileRecord): StoredFile {
  return {
    id: file.id,
    connectionId: file.connectionId,
    name: file.name,
    mediaType: file.mediaType,
    size: file.size,
    createdAt: iso(file.createdAt),
  };
}

function uploadResult(ctx: OtlContext, { state, files }: UploadState): UploadResult {
  return { ...flowView(ctx, state), files: files.map(fileView) };
}

// A downloaded statement is the customer's document, handed to the host as an attachment: it must
// never render in the admin's browser (a PDF with script, a CSV opened as HTML), hence no sniffing,
// a sandboxing CSP, and `attachment`.
const DOWNLOAD_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; sandbox",
  "Cache-Control": "no-store",
};

/** `filename*` per RFC 6266 / RFC 8187, with a plain ASCII `filename` beside it for old clients. */
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Statement upload: the browser's upload, remove and continue calls (session token), and the host's
 * list and download (admin API key).
 */
export function uploadRoutes(ctx: OtlContext): Hono<OtlEnv> {
  const app = new Hono<OtlEnv>();
  app.use("/v1/session/connections/*", sessionAuth(ctx));
  app.use("/v1/connections/*", adminAuth(ctx));
  app.use("/v1/files/*", adminAuth(ctx));

  app.post("/v1/session/connections/:connectionId/upload", async (c) => {
    const hashes = c.get("sessionHashes");
    // Who may upload, and how much, is decided before a byte of the body is read.
    const target = await uploadTarget(ctx, hashes, c.req.param("connectionId"));
    const received = await readUploadedFiles(c.req.raw, target.maxBytes);
    return answerJson(c, uploadResult(ctx, await addFiles(ctx, hashes, target, received, actorOf(ctx, c))));
  });

  app.delete("/v1/session/connections/:connectionId/files/:fileId", async (c) => {
    const { connectionId, fileId } = c.req.param();
    return answerJson(c, uploadResult(ctx, await removeFile(ctx, c.get("sessionHashes"), connectionId, fileId, actorOf(ctx, c))));
  });

  app.post("/v1/session/connections/:connectionId/upload/complete", async (c) => {
    const state = await completeUpload(ctx, c.get("sessionHashes"), c.req.param("connectionId"), actorOf(ctx, c));
    return answerJson(c, flowView(ctx, state));
  });

  app.get("/v1/connections/:connectionId/files", async (c) => {
    const files = await listConnectionFiles(ctx, c.req.param("connectionId"));
    return answerJson(c, { items: files.map(fileView) });
  });

  app.get("/v1/files/:fileId", async (c) => {
    const { file, bytes } = await downloadFile(ctx, c.req.param("fileId"));
    return new Response(bytes, {
      headers: {
        ...DOWNLOAD_HEADERS,
        "Content-Type": file.mediaType,
        "Content-Length": String(bytes.byteLength),
        "Content-Disposition": attachment(file.name),
      },
    });
  });

  return app;
}
