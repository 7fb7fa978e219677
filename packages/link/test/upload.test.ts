// The upload step as a customer meets it: choose statements, see them listed, remove one, continue.
import { expect, waitUntil } from "@open-wc/testing";
import { announced, button, create, reach, serve, textOf, tokenAttributes } from "./setup.ts";

const pdf = (name: string) => new File(["%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"], name, { type: "application/pdf" });

/** Starts with an access token and walks to the upload step of "Statement upload". */
async function atUpload() {
  const server = await serve();
  const started = await create(tokenAttributes(server));
  await reach(started.el, "consent");
  button(started.el, "I agree").click();
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
    expect(textOf(el)).to.include("Upload your official bank statements (PDF), up to 10 MB each.");
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
