import { html } from "lit";
import type { Page } from "../api.ts";
import { failureNotice, when } from "../notices.ts";
import { PageElement } from "../page-element.ts";
import { readPage } from "../paging.ts";
import type { AuditRecord } from "../types.ts";

/** `#/audit`: the audit timeline (`GET /v1/audit`), filtered by company, link or event, a page at a time. */
export class AuditPage extends PageElement {
  static override properties = { ...PageElement.properties, records: { state: true }, failure: { state: true } };
  declare records: Page<AuditRecord> | null;
  declare failure: unknown;
  #filters = new URLSearchParams();

  constructor() {
    super();
    this.records = null;
    this.failure = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load(false);
  }

  async #load(more: boolean): Promise<void> {
    const query = new URLSearchParams(this.#filters);
    query.set("limit", "50");
    try {
      this.records = await readPage(this.api, "/v1/audit", query, this.records, more);
      this.failure = null;
    } catch (error) {
      this.failure = error;
    }
  }

  #onFilter(event: SubmitEvent): void {
    event.preventDefault();
    this.#filters = new URLSearchParams();
    for (const [name, value] of new FormData(event.target as HTMLFormElement)) {
      if (typeof value === "string" && value.trim()) this.#filters.set(name, value.trim());
    }
    void this.#load(false);
  }

  override render() {
    return html`<h1 tabindex="-1">Audit timeline</h1>
      <form @submit=${this.#onFilter}>
        <label>Company id <input name="companyId" placeholder="co_…" /></label>
        <label>Link id <input name="linkId" placeholder="ln_…" /></label>
        <label>Event <input name="event" placeholder="link.redeemed" /></label>
        <button type="submit">Filter</button>
      </form>
      ${this.failure ? failureNotice(this.failure, "GET /v1/audit") : this.#timeline()}`;
  }

  #timeline() {
    if (!this.records) return html`<p class="muted">Loading…</p>`;
    if (this.records.items.length === 0) return html`<p>No records match.</p>`;
    return html`<table>
        <thead><tr><th scope="col">When</th><th scope="col">Event</th><th scope="col">Company</th><th scope="col">Link</th><th scope="col">Detail</th></tr></thead>
        <tbody>
          ${this.records.items.map(
            (record) => html`<tr>
              <td>${when(record.at)}</td>
              <td><code>${record.event}</code></td>
              <td>${record.companyId ? html`<a href="#/companies/${encodeURIComponent(record.companyId)}">${record.companyId}</a>` : "—"}</td>
              <td>${record.linkId ?? "—"}</td>
              <td>${
                record.detail
                  ? Object.entries(record.detail)
                      .map(([key, value]) => `${key}: ${String(value)}`)
                      .join(", ")
                  : "—"
              }</td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${this.records.nextCursor ? html`<button type="button" class="secondary" @click=${() => this.#load(true)}>Older records</button>` : null}`;
  }
}

customElements.define("otl-console-audit", AuditPage);
