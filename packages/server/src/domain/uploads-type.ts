import type { PDFDocument } from "pdf-lib";
import { OtlProblem } from "../problem.ts";

// The checkers load on the first upload, not at start: pdf-lib alone is a large module graph that a
// server which never sees an upload (or a CLI that only migrates) should not pay for.

// A statement's type is decided by its bytes, never by its name or the browser's Content-Type
// (SECURITY.md, uploads): a PNG renamed `.pdf` is a PNG.

/** The media types the server can check; an upload integration's `accept` is a subset. */
export const CHECKED_MEDIA_TYPES = ["application/pdf", "text/csv"] as const;

/** 422 `upload_rejected` for the file `name`, `detail` saying why in words the customer can read. */
export function uploadRejected(name: string, why: string): OtlProblem {
  return new OtlProblem("upload_rejected", `${name}: ${why}`);
}

async function checkPdf(name: string, bytes: Uint8Array): Promise<void> {
  let doc: PDFDocument;
  try {
    // Loaded with encryption ignored so that an encrypted file is told apart from a damaged one:
    // pdf-lib's own EncryptedPDFError is compiled to ES5 and fails `instanceof`.
    const { PDFDocument } = await import("pdf-lib");
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: true });
  } catch {
    throw uploadRejected(name, "the PDF cannot be opened; it may be damaged");
  }
  if (doc.isEncrypted) throw uploadRejected(name, "the PDF is encrypted (password-protected); upload an unprotected copy");
  let pages = 0;
  try {
    pages = doc.getPageCount();
  } catch {
    // A catalog with no page tree: nothing to read.
  }
  if (pages === 0) throw uploadRejected(name, "the PDF cannot be opened; it has no pages");
}

async function checkCsv(name: string, bytes: Uint8Array): Promise<void> {
  const { parse: parseCsv } = await import("csv-parse/sync");
  let text: string;
  try {
    // `fatal`: a file that is not UTF-8 text (a binary of a type file-type does not know) is refused, not mangled.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw uploadRejected(name, "the file is neither a PDF nor CSV text");
  }
  let rows: unknown[];
  try {
    rows = parseCsv(text, { bom: true, skip_empty_lines: true });
  } catch (error) {
    throw uploadRejected(name, `the CSV cannot be read (${(error as Error).message.split("\n")[0]})`);
  }
  if (rows.length === 0) throw uploadRejected(name, "the CSV has no rows");
}

/**
 * The media type of a file, decided by its bytes: `application/pdf` for a PDF that opens and is not
 * encrypted, `text/csv` for UTF-8 text that parses as CSV. Throws 422 `upload_rejected` naming the
 * file and why for an empty file, a type outside `accept`, an unreadable PDF or CSV, or an encrypted PDF.
 */
export async function mediaTypeOf(name: string, bytes: Uint8Array, accept: readonly string[]): Promise<string> {
  if (bytes.byteLength === 0) throw uploadRejected(name, "the file is empty");
  const { fileTypeFromBuffer } = await import("file-type");
  const found = await fileTypeFromBuffer(bytes);
  // file-type knows binary formats; text formats (CSV) have no magic number, so "unknown" may be CSV.
  const mediaType = found?.mime ?? "text/csv";
  if (!accept.includes(mediaType)) {
    const what = found ? `a ${found.ext.toUpperCase()} file` : "not a PDF";
    // The customer reads this: "PDF, CSV", not "application/pdf, text/csv".
    const names = accept.map((type) => type.slice(type.indexOf("/") + 1).toUpperCase());
    throw uploadRejected(name, `the file is ${what}; accepted: ${names.join(", ")}`);
  }
  if (mediaType === "application/pdf") await checkPdf(name, bytes);
  else if (mediaType === "text/csv") await checkCsv(name, bytes);
  return mediaType;
}
