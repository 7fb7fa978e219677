// The upload step as a customer meets it: choose statements, see them listed, remove one, continue.
import { expect, waitUntil } from "@open-wc/testing";
import { en } from "../src/locales/en.ts";
import { fr } from "../src/locales/fr.ts";
import { announced, button, create, heading, reach, serve, textOf, tokenAttributes } from "./setup.ts";

/** A PDF of `bytes` bytes (its start is all the fake server checks). */
const pdf = (name: string, bytes = 36) =>
  new File(["%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n".padEnd(bytes, " ")], name, { type: "application/pdf" });

/** The start of a PNG: a picture, whatever its name says. */
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Starts with an access token and walks to the upload step of "Statement upload". */
async function atUpload(attributes: Record<string, string> = {}) {
  const server = await serve();
  const started = await create({ ...tokenAttributes(server), ...attributes });
  const t = attributes.locale === "fr" ? fr : en;
  await reach(started.el, "consent");
  button(started.el, t.consent.accept).click();
  await reach(started.el, "select");
  await waitUntil(() => textOf(started.el).includes("Statement upload"), "integrations should load");
  button(started.el, "Statement upload").click();
  await reach(started.el, "connect");
  return { server, ...started };
}

/** Chooses `files` in the step's file input, as the file button (or a drop) would. */
function choose(el: HTMLElement, files: File[]): void {
  const picker = el.shadowRoot?.querySelector<HTMLInputElement>("input[type=file]");
  if (!picker) throw new Error("no file input");
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  picker.files = transfer.files;
  picker.dispatchEvent(new Event("change", { bubbles: true }));
}

/** Drops `files` on the drop zone. */
function drop(el: HTMLElement, files: File[]): void {
  const zone = el.shadowRoot?.querySelector<HTMLElement>("[part=dropzone]");
  if (!zone) throw new Error("no drop zone");
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  zone.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
}

describe("upload step", () => {
  it("takes statements by the file button and by drag and drop, lists them, removes one, and continues to review", async () => {
    const { el, server } = await atUpload();
    // The integration was chosen a moment ago: the heading does not repeat its name.
    expect(heading(el)).to.equal("Upload your statements");
    expect(textOf(el)).to.include("Upload your official bank statements (PDF or CSV), up to 10 MB each.");
    expect(textOf(el)).to.include("No statement uploaded yet.");
    await expect(el).to.be.accessible();

    choose(el, [pdf("march.pdf")]);
    await waitUntil(() => textOf(el).includes("march.pdf"), "the chosen file should be listed");
    drop(el, [pdf("april.pdf")]);
    await waitUntil(() => textOf(el).includes("april.pdf"), "the dropped file should be listed");
    expect(server.count("POST /v1/session/connections/cn_00000000000000000001/upload")).to.equal(2);
    await expect(el).to.be.accessible();

    button(el, "Remove march.pdf").click();
    await waitUntil(() => !textOf(el).includes("march.pdf"), "the removed file should leave the list");
    expect(textOf(el)).to.include("april.pdf");

    button(el, "Continue").click();
    await reach(el, "review");
    expect(textOf(el)).to.include("Statement upload: Connected");
  });

  it("says why a file was refused, beside the step, and keeps what was uploaded", async () => {
    const { el } = await atUpload();
    choose(el, [pdf("march.pdf")]);
    await waitUntil(() => textOf(el).includes("march.pdf"));
    choose(el, [new File(["hello"], "notes.pdf")]);
    await waitUntil(() => textOf(el).includes("notes.pdf: the file is not a PDF"), "the server's reason should show");
    expect(announced(el)).to.include("notes.pdf: the file is not a PDF");
    expect(textOf(el)).to.include("march.pdf");
    await expect(el).to.be.accessible();
  });

  it("in another language, says in its words which file was refused and what the step takes", async () => {
    const { el } = await atUpload({ locale: "fr" });
    choose(el, [new File([PNG], "scan.pdf", { type: "application/pdf" })]);
    await waitUntil(() => textOf(el).includes("scan.pdf n’a pas été accepté :"), "the catalogue's sentence should show");
    expect(textOf(el)).to.include("PDF ou CSV uniquement.");
    expect(textOf(el)).not.to.include("accepted");
  });

  it("offers its own file button, in the customer's language, which opens the hidden file input's picker", async () => {
    const { el } = await atUpload({ locale: "fr" });
    const picker = el.shadowRoot?.querySelector<HTMLInputElement>("input[type=file]") as HTMLInputElement;
    // The browser's own button would say "Choose Files" whatever the page's language.
    expect(picker.getAttribute("aria-hidden"), "one button of that name, not two").to.equal("true");
    expect(picker.tabIndex).to.equal(-1);
    expect(getComputedStyle(picker).clipPath, "hidden from sight").to.equal("inset(50%)");
    let opened = 0;
    picker.addEventListener("click", (event) => {
      opened++;
      event.preventDefault();
    });
    button(el, "Choisir des fichiers").click();
    expect(opened).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it("writes a small file's size in bytes, and larger ones in kB and MB, in the customer's language", async () => {
    const { el } = await atUpload();
    choose(el, [pdf("tiny.pdf", 74), pdf("mid.pdf", 1536), pdf("big.pdf", 3 * 1024 * 1024)]);
    await waitUntil(() => textOf(el).includes("big.pdf"), "the files should be listed");
    expect(textOf(el)).to.include("tiny.pdf (74 bytes)").and.include("mid.pdf (1.5 kB)").and.include("big.pdf (3 MB)");
  });

  it("shows progress while an upload is under way", async () => {
    const { el, server } = await atUpload();
    const release = server.hold("POST /v1/session/connections/cn_00000000000000000001/upload");
    choose(el, [pdf("march.pdf")]);
    await waitUntil(() => el.shadowRoot?.querySelector("progress") !== null, "a progress bar should show");
    expect(textOf(el)).to.include("Uploading");
    release();
    await waitUntil(() => textOf(el).includes("march.pdf"));
    expect(el.shadowRoot?.querySelector("progress")).to.equal(null);
  });
});
