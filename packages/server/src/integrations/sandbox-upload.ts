import type { UploadIntegration } from "./types.ts";

/**
 * The sandbox "Statement upload" integration (Basiq-style): the customer uploads PDF or CSV bank
 * statements instead of logging in. Every file the server accepts (a PDF that opens and is not
 * encrypted, a CSV that parses) is enough; the limit is the default 20 MB per file.
 */
export const SANDBOX_STATEMENT_UPLOAD: UploadIntegration = {
  key: "sandbox-statements",
  name: "Statement upload",
  category: "banking",
  kind: "upload",
  sandbox: true,
  accept: ["application/pdf", "text/csv"],
};
