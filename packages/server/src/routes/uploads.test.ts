import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type Company, type FlowView, type IssuedLink, type Problem, type StoredFile, UploadResult } from "@otl/protocol";
import type { Hono } from "hono";
import { PDFDocument } from "pdf-lib";
import { type StartedPostgres, startPostgres } from "../../../../scripts/postgres.mjs";
import { createOtlServer } from "../app.ts";
import { SANDBOX_STATEMENT_UPLOAD } from "../integrations/sandbox-upload.ts";
import type { UploadIntegration } from "../integrations/types.ts";
import { PostgresStore } from "../store/postgres/store.ts";
import { SqliteStore } from "../store/sqlite/store.ts";
import type { OtlStore } from "../store/types.ts";
import { tempDataDir } from "../test/harness.ts";

const API_KEY = "otl_sk_upload-test-key-0123456789";

/** A statement upload whose limit is small enough to pass in a test: 64 KiB. */
const SMALL_LIMIT: UploadIntegration = {
  ...SANDBOX_STATEMENT_UPLOAD,
  key: "small-statements",
  name: "Small statements",
  maxBytes: 64 * 1024,
};

/** A real one-page PDF, made with pdf-lib. */
async function realPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText("Statement, March 2026: opening balance 100.00");
  return doc.save();
}

/**
 * A PDF whose trailer names an /Encrypt dictionary (Standard security handler, RC4 40-bit), as a
 * password-protected statement's does: pdf-lib cannot encrypt, but readers go by this entry.
 */
async function encryptedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  const encrypt = doc.context.obj({ Filter: "Standard", V: 1, R: 2, P: -44, O: "x".repeat(32), U: "y".repeat(32) });
  doc.context.trailerInfo.Encrypt = doc.context.register(encrypt);
  return doc.save({ useObjectStreams: false });
}

/** The 8-byte PNG signature and an IHDR chunk: enough for any sniffer to say PNG. */
const PNG = Uint8Array.from(
  Buffer.from(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4b20000000049454e44ae426082",
    "hex",
  ),
);

const CSV = new TextEncoder().encode("date,description,amount\n2026-03-01,Opening balance,100.00\n2026-03-02,Coffee,-4.50\n");

/** A browser-style upload body: one `file` part per entry. */
function form(...files: [name: string, bytes: Uint8Array, type?: string][]): FormData {
  const body = new FormData();
  for (const [name, bytes, type] of files)
    body.append("file", new Blob([bytes as Uint8Array<ArrayBuffer>], { type: type ?? "application/octet-stream" }), name);
  return body;
}

/** Runs every upload test against one store. */
function describeUploads(name: string, open: (blobDir: string) => Promise<OtlStore>) {
  describe(`statement upload: ${name}`, () => {
    let store: OtlStore;
    let app: Hono;
    let blobDir: string;
    before(async () => {
      blobDir = join(tempDataDir(), "files");
      store = await open(blobDir);
      app = createOtlServer({
        store,
        apiKey: API_KEY,
        publicUrl: "https://otl.example.test",
        logger: false,
        integrations: [SANDBOX_STATEMENT_UPLOAD, SMALL_LIMIT],
      });
    });
    after(() => store.close());

    async function call<T>(
      method: string,
      path: string,
      token: string,
      body?: BodyInit | object,
    ): Promise<{ status: number; headers: Headers; body: T; bytes: Uint8Array }> {
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      let payload: BodyInit | undefined;
      if (body instanceof FormData || body instanceof ReadableStream) payload = body;
      else if (body !== undefined) {
        payload = JSON.stringify(body);
        headers["content-type"] = "application/json";
      }
      const init: RequestInit & { duplex?: "half" } = { method, headers, body: payload };
      if (body instanceof ReadableStream) {
        init.duplex = "half";
        headers["content-type"] = "multipart/form-data; boundary=cut-here";
      }
      const response = await app.request(new Request(`http://localhost${path}`, init));
      const bytes = new Uint8Array(await response.arrayBuffer());
      const text = new TextDecoder().decode(bytes);
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = text;
      }
      return { status: response.status, headers: response.headers, body: parsed as T, bytes };
    }

    /** A session at `connect` on a fresh upload connection of `integration`: its token and connection id. */
    async function uploading(integration = SANDBOX_STATEMENT_UPLOAD.key) {
      const company = (await call<Company>("POST", "/v1/companies", API_KEY, { name: "Acme Pty Ltd" })).body;
      const link = (await call<IssuedLink>("POST", `/v1/companies/${company.id}/links`, API_KEY, { type: "company" })).body;
      const exchanged = await app.request(
        new Request("http://localhost/v1/link/exchange", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ code: link.code, companyId: company.id }),
        }),
      );
      const token = ((await exchanged.json()) as { sessionToken: string }).sessionToken;
      assert.equal((await call<FlowView>("POST", "/v1/session/consent", token, { accept: true })).status, 200);
      const started = await call<{ connection: { id: string }; next: unknown }>("POST", "/v1/session/connections", token, { integration });
      assert.equal(started.status, 200);
      return { token, connectionId: started.body.connection.id, next: started.body.next };
    }

    const upload = (token: string, connectionId: string, body: FormData | ReadableStream) =>
      call<UploadResult & Problem>("POST", `/v1/session/connections/${connectionId}/upload`, token, body);
    const filesOf = async (connectionId: string) =>
      (await call<{ items: StoredFile[] }>("GET", `/v1/connections/${connectionId}/files`, API_KEY)).body.items;

    it("offers the upload step with the media types and the default 20 MB limit", async () => {
      const { next } = await uploading();
      assert.deepEqual(next, { kind: "upload", accept: ["application/pdf", "text/csv"], maxBytes: 20 * 1024 * 1024 });
    });

    it("accepts a real PDF and a CSV in one connection, and the host downloads the original bytes", async () => {
      const { token, connectionId } = await uploading();
      const pdf = await realPdf();
      const first = await upload(token, connectionId, form(["march.pdf", pdf, "application/pdf"]));
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.ok(UploadResult.safeParse(first.body).success);
      assert.equal(first.body.step, "connect");
      const second = await upload(token, connectionId, form(["april.csv", CSV, "text/csv"]));
      assert.equal(second.status, 200, JSON.stringify(second.body));
      assert.deepEqual(
        second.body.files.map(({ name, mediaType, size }) => ({ name, mediaType, size })),
        [
          { name: "march.pdf", mediaType: "application/pdf", size: pdf.byteLength },
          { name: "april.csv", mediaType: "text/csv", size: CSV.byteLength },
        ],
      );

      const listed = await filesOf(connectionId);
      assert.deepEqual(listed, second.body.files);
      const download = await call<unknown>("GET", `/v1/files/${listed[0]?.id}`, API_KEY);
      assert.equal(download.status, 200);
      assert.equal(download.headers.get("content-type"), "application/pdf");
      assert.equal(download.headers.get("x-content-type-options"), "nosniff");
      assert.match(download.headers.get("content-disposition") ?? "", /^attachment; filename="march\.pdf"/);
      assert.deepEqual(download.bytes, pdf);

      // Only the admin API key downloads: the customer's session token does not.
      assert.equal((await call<Problem>("GET", `/v1/files/${listed[0]?.id}`, token)).status, 401);
    });

    it("keeps a file name in any script as the browser sent it (UTF-8), without controls or bidi overrides", async () => {
      const { token, connectionId } = await uploading();
      // A browser writes the name as raw UTF-8 in the part's header, as FormData does here.
      const named = await upload(token, connectionId, form(["relevé-März-كشف.csv", CSV, "text/csv"]));
      assert.equal(named.status, 200, JSON.stringify(named.body));
      // U+202E would show `evil\u202Efdp.csv` as `evilvsc.pdf`; U+0085 and U+200F are invisible.
      const spoofed = await upload(token, connectionId, form(["evil\u202Efdp.\u0085csv\u200f", CSV, "text/csv"]));
      assert.equal(spoofed.status, 200, JSON.stringify(spoofed.body));
      assert.deepEqual(
        spoofed.body.files.map((file) => file.name),
        ["relevé-März-كشف.csv", "evilfdp.csv"],
      );
      const [first] = await filesOf(connectionId);
      const download = await call<unknown>("GET", `/v1/files/${first?.id}`, API_KEY);
      assert.match(download.headers.get("content-disposition") ?? "", /filename\*=UTF-8''relev%C3%A9-M%C3%A4rz-/);
    });

    it("links the connection once the customer continues, and the flow goes on to review", async () => {
      const { token, connectionId } = await uploading();
      const early = await call<Problem>("POST", `/v1/session/connections/${connectionId}/upload/complete`, token);
      assert.equal(early.status, 409, "continuing with no file is refused");
      await upload(token, connectionId, form(["march.csv", CSV]));
      const done = await call<FlowView>("POST", `/v1/session/connections/${connectionId}/upload/complete`, token);
      assert.equal(done.status, 200);
      assert.equal(done.body.step, "review");
      assert.equal(done.body.connections.find((connection) => connection.id === connectionId)?.status, "linked");
      const finished = await call<FlowView>("POST", "/v1/session/finish", token, { disclosedAll: true });
      assert.equal(finished.body.step, "done");
    });

    it("lets the customer remove a file before continuing", async () => {
      const { token, connectionId } = await uploading();
      const uploaded = await upload(token, connectionId, form(["a.csv", CSV], ["b.pdf", await realPdf()]));
      assert.equal(uploaded.body.files.length, 2);
      const [first] = uploaded.body.files;
      const removed = await call<UploadResult>("DELETE", `/v1/session/connections/${connectionId}/files/${first?.id}`, token);
      assert.equal(removed.status, 200);
      assert.deepEqual(
        removed.body.files.map((file) => file.name),
        ["b.pdf"],
      );
      assert.equal((await call<Problem>("GET", `/v1/files/${first?.id}`, API_KEY)).status, 404);
      assert.equal((await call<Problem>("DELETE", `/v1/session/connections/${connectionId}/files/${first?.id}`, token)).status, 404);
    });

    for (const [what, file, why] of [
      ["an encrypted PDF", encryptedPdf, /encrypted/],
      // The types it takes named as the customer knows them (the element shows this detail as is), not as media types.
      ["a PNG renamed .pdf", async () => PNG, /^statement\.pdf: the file is a PNG file; accepted: PDF, CSV$/],
      ["an empty file", async () => new Uint8Array(0), /empty/],
      ["a PDF header with nothing behind it", async () => new TextEncoder().encode("%PDF-1.7\n%garbage"), /PDF cannot be opened/],
      ["binary that is neither PDF nor text", async () => Uint8Array.from([0xff, 0xfe, 0x00, 0x81, 0x90]), /neither a PDF nor CSV/],
      ["a CSV with an unclosed quote", async () => new TextEncoder().encode('a,b\n"1,2\n'), /CSV cannot be read/],
    ] as const) {
      it(`refuses ${what} with 422 upload_rejected, storing nothing`, async () => {
        const { token, connectionId } = await uploading();
        // A good CSV beside it is not kept either: a request is accepted whole or not at all.
        const refused = await upload(token, connectionId, form(["good.csv", CSV], ["statement.pdf", await file(), "application/pdf"]));
        assert.equal(refused.status, 422);
        assert.equal(refused.headers.get("content-type"), "application/problem+json");
        assert.equal(refused.body.code, "upload_rejected");
        assert.match(refused.body.detail ?? "", /^statement\.pdf: /);
        assert.match(refused.body.detail ?? "", why);
        assert.deepEqual(await filesOf(connectionId), []);
      });
    }

    it("cuts an oversized stream at the limit with 413 payload_too_large, storing nothing", async () => {
      const { token, connectionId } = await uploading(SMALL_LIMIT.key);
      const blobsBefore = blobCount(blobDir);
      const limit = SMALL_LIMIT.maxBytes as number;
      const chunk = new Uint8Array(16 * 1024).fill(0x41);
      const endless = 100; // chunks the client would send: 1.6 MB, 25 times the limit
      let pulled = 0;
      const head = new TextEncoder().encode(
        '--cut-here\r\nContent-Disposition: form-data; name="file"; filename="huge.csv"\r\nContent-Type: text/csv\r\n\r\n',
      );
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulled === 0) controller.enqueue(head);
          if (pulled++ >= endless) controller.close();
          else controller.enqueue(chunk);
        },
      });
      const answer = await upload(token, connectionId, body);
      assert.equal(answer.status, 413);
      assert.equal(answer.body.code, "payload_too_large");
      assert.ok(pulled * chunk.byteLength < limit * 4, `read ${pulled} chunks of a ${limit}-byte limit: the stream was not cut`);
      assert.deepEqual(await filesOf(connectionId), []);
      assert.equal(blobCount(blobDir), blobsBefore);
    });

    it("refuses a body that is not multipart, or has no file part, naming the field", async () => {
      const { token, connectionId } = await uploading();
      const json = await call<Problem>("POST", `/v1/session/connections/${connectionId}/upload`, token, { file: "x" });
      assert.equal(json.status, 400);
      assert.equal(json.body.code, "validation_failed");
      assert.equal(json.body.errors?.[0]?.field, "file");
      const other = new FormData();
      other.append("statement", new Blob([CSV]), "a.csv");
      const misnamed = await upload(token, connectionId, other);
      assert.equal(misnamed.status, 400);
      assert.equal(misnamed.body.errors?.[0]?.field, "statement");
    });

    it("refuses an upload to another flow's connection", async () => {
      const a = await uploading();
      const b = await uploading();
      const foreign = await upload(a.token, b.connectionId, form(["a.csv", CSV]));
      assert.equal(foreign.status, 404);
      assert.deepEqual(await filesOf(b.connectionId), []);
    });
  });
}

function blobCount(dir: string): number {
  try {
    return readdirSync(dir).length;
  } catch {
    return 0;
  }
}

describeUploads("SQLite, bytes in the blob directory", async (blobDir) => new SqliteStore({ dataDir: join(blobDir, ".."), blobDir }));

let database: StartedPostgres;
describe("on PostgreSQL", () => {
  before(async () => {
    database = await startPostgres();
  });
  after(async () => {
    await database?.stop();
  });
  describeUploads("PostgreSQL, bytes in file_blobs", async () => PostgresStore.open({ url: database.url }));
});
