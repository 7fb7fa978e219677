import { html, type TemplateResult } from "lit";
import { ApiError } from "./api.ts";

/**
 * What a page shows when a call failed. A route this server does not have yet (a part of the
 * contract still being built) is said plainly, naming it, with no stand-in data; any other failure
 * shows the server's words and the fields it named.
 */
export function failureNotice(error: unknown, route: string): TemplateResult {
  if (error instanceof ApiError && error.routeMissing) {
    return html`<p class="missing" role="status">This server does not have <code>${route}</code> yet, so there is nothing to show here.</p>`;
  }
  const message = error instanceof Error ? error.message : String(error);
  const fields = error instanceof ApiError ? error.errors : [];
  return html`<div class="error" role="alert">
    <p>${message}</p>
    ${fields.length ? html`<ul>${fields.map((field) => html`<li><code>${field.field}</code> ${field.message}</li>`)}</ul>` : null}
  </div>`;
}

/** A timestamp as the reader's local date and time; an em dash for none. */
export function when(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : "—";
}
