import { html } from "lit-html";
import * as uploads from "../flow/upload-actions.ts";
import { fill } from "../locales/fill.ts";
import { isolate, type Words } from "../locales/isolate.ts";
import { addWords } from "../locales/step-words.ts";
import { UPLOAD_WORDS } from "../locales/upload-words.ts";
import { actions, button, errorLine, errorMessage, localButton, type StepTemplate, text, type View } from "./view.ts";

// The upload step of an `upload` integration (Basiq-style statements): a drop zone with a file
// button inside it (the kit's, in the customer's words, over a hidden file input), progress while a request is under way, the files uploaded so far each with a
// Remove button, and Continue once there is at least one.

// The language files leave this step's words out (../locales/wire.ts): loading the step brings them.
addWords("upload", UPLOAD_WORDS);

/** File extensions the browser's picker should offer for each media type the server accepts. */
const EXTENSIONS: Readonly<Record<string, string>> = { "application/pdf": ".pdf", "text/csv": ".csv" };

/**
 * The upload step; `connect.ts` hands over to it when the connection's next step is `upload`. Loaded
 * on demand as `otl-link.upload.js` (./loaded-by-kind.ts).
 */
export const uploadStep: StepTemplate = (view) => {
  const { t, state } = view;
  const w = t.upload;
  const lang = t.lang;
  const connecting = state.flow?.connecting;
  const next = connecting?.next.kind === "upload" ? connecting.next : { accept: [] as string[], maxBytes: 0 };
  const accept = next.accept.map((type) => EXTENSIONS[type] ?? type).join(",");
  // "PDF or CSV", in the customer's language.
  const types = new Intl.ListFormat(lang, { type: "disjunction" }).format(
    next.accept.map((type) => (EXTENSIONS[type] ?? type).replace(".", "").toUpperCase()),
  );
  const code = state.error?.code;
  const message =
    code === "upload_rejected"
      ? rejected(view, state.error?.message ?? "", types)
      : code === "payload_too_large"
        ? w.tooLarge
        : errorMessage(view);
  const send = (files: FileList | null | undefined) => {
    if (files && files.length > 0) uploads.upload(view.flow, [...files]);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    send(event.dataTransfer?.files);
  };
  const onDragOver = (event: DragEvent) => event.preventDefault();
  // The browser's own file button speaks the browser's language ("Choose Files", "No file chosen" on
  // an Arabic page): the input is hidden, from sight, the tab order and assistive technology alike
  // (else it is a second "button" of the same name), and the kit's button, in the customer's words,
  // opens its picker.
  const pick = (event?: Event) => (((event as Event).currentTarget as HTMLElement).previousElementSibling as HTMLInputElement).click();
  const onPick = (event: Event) => {
    const picker = event.target as HTMLInputElement;
    send(picker.files);
    // The same file chosen again (after a refusal is fixed) must fire `change` again.
    picker.value = "";
  };
  const progress = state.progress;
  return {
    // The integration is named on the screen before; "Upload your statements: Statement upload" said it twice.
    title: w.heading,
    notice: message,
    body: html`${text(fill(w.intro, { types: isolate(types), megabytes: Math.round(next.maxBytes / (1024 * 1024)) }, lang))}
      <div part="dropzone" @drop=${onDrop} @dragover=${onDragOver}>
        <p part="text">${w.drop}</p>
        <input part="input file-input" class="sr" id="upload-files" type="file" tabindex="-1" aria-hidden="true" multiple accept=${accept} ?disabled=${state.busy} @change=${onPick} />
        ${button(view, w.choose, pick)}
      </div>
      ${progress === null ? "" : html`<p part="text"><label>${w.progress} <progress part="file-progress" max="1" value=${progress}></progress></label></p>`}
      <p part="text"><strong>${w.uploaded}</strong></p>
      ${
        state.files.length === 0
          ? text(w.none)
          : html`<ul part="list">${state.files.map(
              // The button in a span keeps its own width (a list's buttons fill it, as the choices on
              // select do), and its words in one: a button's gap would open around the file's name.
              (file) => html`<li part="item">${isolate(file.name)} (${size(file.size, lang)})
                <span>${button(view, html`<span>${fill(w.remove, { name: isolate(file.name) }, lang)}</span>`, () => uploads.removeFile(view.flow, file.id))}</span></li>`,
            )}</ul>`
      }
      ${errorLine(view, message)}
      ${actions(
        ...(state.files.length > 0 ? [button(view, w.continue, () => uploads.completeUpload(view.flow), true)] : []),
        localButton(view, t.back, () => view.flow.go("back")),
      )}`,
  };
};

/**
 * Why a file was refused. In English, the server's own reason (it names the file and why, in words a
 * customer reads: "the PDF is encrypted", "accepted: PDF, CSV"); in any other language the server's
 * English would be out of place, so the catalogue's sentence names the file (the reason's prefix,
 * `name: why`) and the types it takes, as the connect step does with an integration's message.
 */
function rejected(view: View, reason: string, types: string): Words {
  if (/^en(-|$)/i.test(view.t.lang)) return reason;
  return fill(view.t.upload.rejected, { name: isolate(reason.split(": ")[0] as string), types: isolate(types) }, view.t.lang);
}

/**
 * A file's size as the customer's language writes it: in bytes under 1 kB ("74 bytes", "74 octets"),
 * then in kB and MB with at most one decimal ("1.5 kB", "12 Mo"). A kB is 1,024 bytes, as the upload
 * limit ("up to 20 MB", `maxBytes` / 1,024²) counts, so a file shown under the limit is under it.
 */
export function size(bytes: number, lang: string): string {
  const power = bytes < 1024 ? 0 : bytes < 1024 ** 2 ? 1 : 2;
  // Bytes in full ("74 bytes": the short form is "74 byte"), kB and MB as abbreviations.
  const unit = ["byte", "kilobyte", "megabyte"][power];
  return new Intl.NumberFormat(lang, { style: "unit", unit, unitDisplay: power ? "short" : "long", maximumFractionDigits: 1 }).format(
    bytes / 1024 ** power,
  );
}
