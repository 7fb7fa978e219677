import { PDFDocument } from "pdf-lib";
import { SCREEN } from "./support/customer.ts";
import { expect, test } from "./support/fixtures.ts";

// Statement upload (Basiq-style): instead of signing in to a bank, the customer uploads official
// statements, which the host then downloads through the admin API.

/** A real one-page statement, made with pdf-lib. */
async function statementPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText("Acme Bank statement, March 2026. Closing balance 1,234.56");
  return Buffer.from(await doc.save());
}

const PNG_SIGNATURE = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

test("a customer uploads a PDF statement on the hosted page, removes a wrong file, continues to done, and the host downloads the PDF", async ({
  otl,
  page,
  customer,
}) => {
  const company = await otl.company("Statement Traders");
  const link = await otl.link(company.id);
  await page.goto(link.url);
  await customer.sees(SCREEN.landing("Statement Traders"), "landing");
  await customer.start();
  await customer.agree();

  await customer.link.getByRole("list", { name: SCREEN.select }).getByRole("button", { name: "Statement upload (test)" }).click();
  await customer.sees("Upload your statements", "upload");
  await expect(customer.link).toContainText("(PDF or CSV), up to 20 MB each");

  // A PNG named like a PDF is refused by its bytes, and the customer reads why.
  const picker = customer.link.locator("input[type=file]");
  await picker.setInputFiles({ name: "scan.pdf", mimeType: "application/pdf", buffer: PNG_SIGNATURE });
  // The types it takes are named as the customer knows them, not as media types.
  await expect(customer.link.locator("[part=error]")).toHaveText("scan.pdf: the file is a PNG file; accepted: PDF, CSV");

  const pdf = await statementPdf();
  await picker.setInputFiles([
    { name: "march.pdf", mimeType: "application/pdf", buffer: pdf },
    { name: "wrong.csv", mimeType: "text/csv", buffer: Buffer.from("date,amount\n2026-03-01,1.00\n") },
  ]);
  await expect(customer.button("Remove wrong.csv")).toBeVisible();
  await customer.snap("uploaded");
  await customer.button("Remove wrong.csv").click();
  await expect(customer.button("Remove wrong.csv")).toHaveCount(0);
  await expect(customer.button("Remove march.pdf")).toBeVisible();

  await customer.button("Continue").click();
  await customer.sees(SCREEN.review, "review");
  await expect(customer.link.getByRole("listitem")).toHaveText(["Statement upload: Connected"]);
  await customer.finish();

  const [connection] = await otl.connections(company.id);
  expect(connection).toMatchObject({ integration: "sandbox-statements", status: "linked" });
  const files = await otl.files(connection?.id ?? "");
  expect(files).toMatchObject([{ name: "march.pdf", mediaType: "application/pdf", size: pdf.byteLength }]);
  const download = await otl.download(files[0]?.id ?? "");
  expect(download.status).toBe(200);
  expect(download.headers["content-type"]).toBe("application/pdf");
  expect(download.headers["content-disposition"]).toContain("attachment");
  expect(download.body.equals(pdf)).toBe(true);
});
