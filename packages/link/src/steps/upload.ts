import { html } from "lit";
import { fill } from "../locales/fill.ts";
import { addWords } from "../locales/index.ts";
import { isolate } from "../locales/isolate.ts";
import { UPLOAD_WORDS } from "../locales/upload-words.ts";
import { actions, button, errorLine, errorMessage, type StepTemplate, text } from "./view.ts";

// The upload step of an `upload` integration (Basiq-style statements): a drop zone with a real file
// button inside it, progress while a request is under way, the files uploaded so far each with a
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
  const name = isolate(connecting?.connection.integrationName ?? "");
  const next = connecting?.next.kind === "upload" ? connecting.next : { accept: [] as string[], maxBytes: 0 };
  const accept = next.accept.map((type) => EXTENSIONS[type] ?? type).join(",");
  const types = next.accept.map((type) => (EXTENSIONS[type] ?? type).replace(".", "").toUpperCase()).join(", ");
  // A refused file's own reason (the server names the file and why) says more than the generic words.
  const code = state.error?.code;
  const message =
    code === "upload_rejected" ? (state.error?.message ?? null) : code === "payload_too_large" ? w.tooLarge : errorMessage(view);
  const send = (files: FileList | null | undefined) => {
    if (files && files.length > 0) view.flow.upload([...files]);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    send(event.dataTransfer?.files);
  };
  const onDragOver = (event: DragEvent) => event.preventDefault();
  const onPick = (event: Event) => {
    const picker = event.target as HTMLInputElement;
    send(picker.files);
    // The same file chosen again (after a refusal is fixed) must fire `change` again.
    picker.value = "";
  };
  const progress = state.progress;
  return {
    title: fill(w.heading, { integration: name }, lang),
    notice: message,
    body: html`${text(fill(w.intro, { types: isolate(types), megabytes: Math.round(next.maxBytes / (1024 * 1024)) }, lang))}
      <div part="dropzone" @drop=${onDrop} @dragover=${onDragOver}>
        <p part="text">${w.drop}</p>
        <label part="label" for="upload-files">${w.choose}</label>
        <input part="input file-input" id="upload-files" type="file" multiple accept=${accept} ?disabled=${state.busy} @change=${onPick} />
      </div>
      ${progress === null ? "" : html`<p part="text"><label>${w.progress} <progress part="file-progress" max="1" value=${progress}></progress></label></p>`}
      <p part="text"><strong>${w.uploaded}</strong></p>
      ${
        state.files.length === 0
          ? text(w.none)
          : html`<ul part="list">${state.files.map(
              (file) => html`<li part="item">${isolate(file.name)} (${kilobytes(file.size, lang)})
                ${button(view, fill(w.remove, { name: isolate(file.name) }, lang), () => view.flow.removeFile(file.id))}</li>`,
            )}</ul>`
      }
      ${errorLine(view, message)}
      ${actions(
        ...(state.files.length > 0 ? [button(view, w.continue, () => view.flow.completeUpload(), true)] : []),
        button(view, t.back, () => view.flow.go("back")),
      )}`,
  };
};

/** A file's size in kilobytes, at least 1, with the unit as the customer's language writes it ("12 kB", "12 ko"). */
function kilobytes(bytes: number, lang: string): string {
  return new Intl.NumberFormat(lang, { style: "unit", unit: "kilobyte" }).format(Math.max(1, Math.round(bytes / 1024)));
}
