import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { UPLOAD_FIELD, UPLOAD_MAX_FILES } from "@otl/protocol";
import busboy from "busboy";
import type { ReceivedFile } from "../domain/uploads.ts";
import { OtlProblem, validationProblem } from "../problem.ts";

// Multipart is parsed with busboy, which streams: each file's bytes are counted as they arrive and
// the request is cut the moment one passes the limit. Hono's `parseBody` (and `Request.formData`)
// would first buffer the whole body, which is exactly what a hard upload limit must not do.

/** Longest file name kept for display; longer ones are cut. */
const NAME_MAX = 200;

// Controls (C0, C1, DEL) and the characters that reorder text: bidi embeddings, overrides and
// isolates, and the direction marks. `evil\u202Efdp.exe` would otherwise show as `evilexe.pdf`.
const UNSHOWABLE = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * A file name fit to show: its last path segment in NFC, with no control or bidi character, at most
 * `NAME_MAX` characters; `statement` when nothing is left.
 */
function displayName(raw: string | undefined): string {
  const base = (raw ?? "").split(/[\\/]/).pop() ?? "";
  const clean = base.normalize("NFC").replace(UNSHOWABLE, "").trim();
  return clean.slice(0, NAME_MAX) || "statement";
}

/**
 * Reads the `file` parts of a `multipart/form-data` request, each at most `maxBytes` bytes, at most
 * `UPLOAD_MAX_FILES` of them. 413 `payload_too_large` as soon as a file passes `maxBytes` (the body
 * is cancelled, not read to its end); 400 `validation_failed` naming `file` for a body that is not
 * multipart, has no file, too many, or other fields.
 */
export async function readUploadedFiles(request: Request, maxBytes: number): Promise<ReceivedFile[]> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType) || !request.body) {
    throw validationProblem([{ field: UPLOAD_FIELD, message: "Send the files as multipart/form-data, each in a part named file" }]);
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      // Browsers send the file name as raw UTF-8 in the part's header; busboy's default reads it as latin1.
      defParamCharset: "utf8",
      limits: { fileSize: maxBytes, files: UPLOAD_MAX_FILES, fields: 0, parts: UPLOAD_MAX_FILES },
    });
  } catch {
    throw validationProblem([{ field: UPLOAD_FIELD, message: "The multipart body has no boundary" }]);
  }
  const source = Readable.fromWeb(request.body as NodeWebStream<Uint8Array>);
  const files: ReceivedFile[] = [];
  const done = new Promise<void>((resolve, reject) => {
    const fail = (problem: OtlProblem) => {
      // Stop reading: the rest of the body is never pulled from the client, let alone kept.
      source.unpipe(parser);
      source.destroy();
      reject(problem);
    };
    const tooMany = () => fail(validationProblem([{ field: UPLOAD_FIELD, message: `Send at most ${UPLOAD_MAX_FILES} files at once` }]));
    parser.on("file", (field, stream, info) => {
      if (field !== UPLOAD_FIELD) {
        stream.resume();
        fail(validationProblem([{ field, message: `Unexpected part; send each file in a part named ${UPLOAD_FIELD}` }]));
        return;
      }
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () => fail(new OtlProblem("payload_too_large", `Each file may be at most ${maxBytes} bytes`)));
      stream.on("end", () => {
        if (!stream.truncated) files.push({ name: displayName(info.filename), bytes: Buffer.concat(chunks) });
      });
    });
    parser.on("field", (field) => fail(validationProblem([{ field, message: `Unexpected field; send only parts named ${UPLOAD_FIELD}` }])));
    parser.on("filesLimit", tooMany);
    parser.on("partsLimit", tooMany);
    parser.on("fieldsLimit", () => fail(validationProblem([{ field: "", message: `Send only parts named ${UPLOAD_FIELD}` }])));
    parser.on("error", () => fail(validationProblem([{ field: UPLOAD_FIELD, message: "The multipart body is malformed" }])));
    parser.on("close", () => resolve());
    source.on("error", (error) => reject(error));
  });
  source.pipe(parser);
  await done;
  if (files.length === 0) throw validationProblem([{ field: UPLOAD_FIELD, message: "Send at least one file" }]);
  return files;
}
