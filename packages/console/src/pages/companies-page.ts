import { html } from "lit";
import type { Page } from "../api.ts";
import { failureNotice, when } from "../notices.ts";
import { PageElement } from "../page-element.ts";
import { readPage } from "../paging.ts";
import type { Company } from "../types.ts";

/** `#/companies`: search companies by name or external reference (`GET /v1/companies`), and create one. */
export class CompaniesPage extends PageElement {
  static override properties = {
    ...PageElement.properties,
    results: { state: true },
    searchFailure: { state: true },
    createFailure: { state: true },
  };
  declare results: Page<Company> | null;
  declare searchFailure: unknown;
  declare createFailure: unknown;
  #query = "";

  constructor() {
    super();
    this.results = null;
    this.searchFailure = null;
    this.createFailure = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#search(false);
  }

  async #search(more: boolean): Promise<void> {
    try {
      this.results = await readPage(
        this.api,
        "/v1/companies",
        new URLSearchParams({ query: this.#query, limit: "20" }),
        this.results,
        more,
      );
      this.searchFailure = null;
    } catch (error) {
      this.searchFailure = error;
    }
  }

  #onSearch(event: SubmitEvent): void {
    event.preventDefault();
    this.#query = String(new FormData(event.target as HTMLFormElement).get("query") ?? "");
    void this.#search(false);
  }

  #onOpen(event: SubmitEvent): void {
    event.preventDefault();
    const id = String(new FormData(event.target as HTMLFormElement).get("companyId") ?? "").trim();
    if (id) location.hash = `#/companies/${encodeURIComponent(id)}`;
  }

  async #onCreate(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? "").trim();
    const contact = { ...(text("email") ? { email: text("email") } : {}), ...(text("phone") ? { phone: text("phone") } : {}) };
    try {
      const company = await this.api.post<Company>("/v1/companies", {
        name: text("name"),
        ...(Object.keys(contact).length ? { contact } : {}),
        ...(text("externalRef") ? { externalRef: text("externalRef") } : {}),
      });
      location.hash = `#/companies/${encodeURIComponent(company.id)}`;
    } catch (error) {
      this.createFailure = error;
    }
  }

  override render() {
    return html`<h1 tabindex="-1">Companies</h1>
      <section aria-labelledby="search-heading">
        <h2 id="search-heading">Find a company</h2>
        <form role="search" @submit=${this.#onSearch}>
          <label>Name or external reference <input name="query" type="search" /></label>
          <button type="submit">Search</button>
        </form>
        ${this.searchFailure ? failureNotice(this.searchFailure, "GET /v1/companies") : this.#results()}
        <form @submit=${this.#onOpen}>
          <label>Company id <input name="companyId" placeholder="co_…" pattern="co_[A-Za-z0-9_-]+" /></label>
          <button type="submit" class="secondary">Open</button>
        </form>
      </section>
      <section aria-labelledby="create-heading">
        <h2 id="create-heading">Create a company</h2>
        <form @submit=${this.#onCreate}>
          <label>Name <input name="name" required /></label>
          <label>Contact e-mail <input name="email" type="email" /></label>
          <label>Contact phone (E.164) <input name="phone" type="tel" placeholder="+61…" /></label>
          <label>External reference <input name="externalRef" /></label>
          <button type="submit">Create company</button>
        </form>
        ${this.createFailure ? failureNotice(this.createFailure, "POST /v1/companies") : null}
      </section>`;
  }

  #results() {
    if (!this.results) return html`<p class="muted">Loading…</p>`;
    if (this.results.items.length === 0) return html`<p>No company matches.</p>`;
    return html`<table>
        <caption class="muted">Companies</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">External reference</th><th scope="col">Created</th></tr></thead>
        <tbody>
          ${this.results.items.map(
            (company) => html`<tr>
              <td><a href="#/companies/${encodeURIComponent(company.id)}">${company.name}</a></td>
              <td>${company.externalRef ?? "—"}</td>
              <td>${when(company.createdAt)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${this.results.nextCursor ? html`<button type="button" class="secondary" @click=${() => this.#search(true)}>More</button>` : null}`;
  }
}

customElements.define("otl-console-companies", CompaniesPage);
