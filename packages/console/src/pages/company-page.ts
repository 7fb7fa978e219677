import { html, type PropertyValues } from "lit";
import { ApiError, SERVER_ROOT } from "../api.ts";
import { failureNotice, when } from "../notices.ts";
import { PageElement } from "../page-element.ts";
import type { Company, Connection, FileRecord, Flow, Link } from "../types.ts";

/** A read that may fail on its own without taking the page down. */
type Loaded<T> = { ok: true; value: T } | { ok: false; error: unknown };

async function load<T>(read: Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, value: await read };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * A section's body from one read: "Loading…", the failure (naming the route), the words for nothing
 * found, or what `show` makes of the value.
 */
function shown<T>(
  loaded: Loaded<T> | null,
  route: string,
  isEmpty: (value: T) => boolean,
  empty: string,
  show: (value: T) => unknown,
): unknown {
  if (loaded === null) return html`<p class="muted">Loading…</p>`;
  if (!loaded.ok) return failureNotice(loaded.error, route);
  if (isEmpty(loaded.value)) return html`<p>${empty}</p>`;
  return show(loaded.value);
}

const none = (items: unknown[]) => items.length === 0;

/** A file size for people: `48.2 kB`. */
const kilobytes = (bytes: number) => `${(bytes / 1000).toLocaleString(undefined, { maximumFractionDigits: 1 })} kB`;

/**
 * `#/companies/:id`: one company — its flow and consent receipt, connections and their files, links
 * with their statuses — and what staff do with it: issue a link (copy it, or have the server e-mail
 * or text it), revoke one, resume the flow with a fresh link.
 */
export class CompanyPage extends PageElement {
  static override properties = {
    ...PageElement.properties,
    companyId: { attribute: false },
    company: { state: true },
    flow: { state: true },
    connections: { state: true },
    files: { state: true },
    links: { state: true },
    issued: { state: true },
    actionFailure: { state: true },
    status: { state: true },
  };
  declare companyId: string;
  declare company: Loaded<Company> | null;
  declare flow: Loaded<Flow | null> | null;
  declare connections: Loaded<Connection[]> | null;
  declare files: Map<string, Loaded<FileRecord[]>>;
  declare links: Loaded<Link[]> | null;
  declare issued: Link | null;
  declare actionFailure: { error: unknown; route: string } | null;
  declare status: string;

  constructor() {
    super();
    this.company = null;
    this.flow = null;
    this.connections = null;
    this.files = new Map();
    this.links = null;
    this.issued = null;
    this.actionFailure = null;
    this.status = "";
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("companyId")) {
      this.issued = null;
      void this.refresh();
    }
  }

  /** Reads everything the page shows again (after an action, or with the Refresh button). */
  async refresh(): Promise<void> {
    const id = encodeURIComponent(this.companyId);
    const [company, flow, connections, links] = await Promise.all([
      load(this.api.get<Company>(`/v1/companies/${id}`)),
      // A company with no flow yet answers 404: that is "no flow", not a failure.
      load(
        this.api.get<Flow>(`/v1/companies/${id}/flow`).catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 404 && !error.routeMissing) return null;
          throw error;
        }),
      ),
      load(this.api.get<{ items: Connection[] }>(`/v1/companies/${id}/connections`).then((page) => page.items)),
      load(this.api.get<{ items: Link[] }>(`/v1/companies/${id}/links`).then((page) => page.items)),
    ]);
    const files = new Map<string, Loaded<FileRecord[]>>();
    if (connections.ok) {
      await Promise.all(
        connections.value.map(async (connection) => {
          files.set(
            connection.id,
            await load(this.api.get<{ items: FileRecord[] }>(`/v1/connections/${connection.id}/files`).then((page) => page.items)),
          );
        }),
      );
    }
    Object.assign(this, { company, flow, connections, links, files });
  }

  async #act(route: string, action: () => Promise<void>, done: string): Promise<void> {
    try {
      await action();
      this.actionFailure = null;
      this.status = done;
    } catch (error) {
      this.actionFailure = { error, route };
      this.status = "";
    }
    await this.refresh();
  }

  #issue(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const target = String(data.get("target") ?? "company");
    const deliver = String(data.get("deliver") ?? "none");
    const body = {
      ...(target === "company" ? { type: "company" } : { type: "connection", connectionId: target }),
      ...(deliver === "email" ? { deliver: { email: true } } : deliver === "sms" ? { deliver: { sms: true } } : {}),
    };
    return this.#act(
      `POST /v1/companies/${this.companyId}/links`,
      async () => {
        this.issued = await this.api.post<Link>(`/v1/companies/${encodeURIComponent(this.companyId)}/links`, body);
      },
      deliver === "none" ? "Link issued." : `Link issued; the server is sending it by ${deliver === "email" ? "e-mail" : "SMS"}.`,
    );
  }

  #resume(): Promise<void> {
    return this.#act(
      `POST /v1/companies/${this.companyId}/links`,
      async () => {
        this.issued = await this.api.post<Link>(`/v1/companies/${encodeURIComponent(this.companyId)}/links`, { type: "company" });
      },
      "A fresh link was issued: it opens the flow where the customer left it, and the older links no longer work.",
    );
  }

  #revoke(link: Link): Promise<void> {
    return this.#act(
      `DELETE /v1/links/${link.id}`,
      async () => {
        await this.api.delete(`/v1/links/${encodeURIComponent(link.id)}`);
        if (this.issued?.id === link.id) this.issued = null;
      },
      `Link ${link.id} revoked.`,
    );
  }

  async #copy(url: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(url);
      this.status = "Link copied to the clipboard.";
    } catch {
      this.status = "The browser did not allow copying: select the link and copy it.";
    }
  }

  override render() {
    const company = this.company;
    const name = company?.ok ? company.value.name : this.companyId;
    return html`<p><a href="#/companies">← Companies</a></p>
      <h1 tabindex="-1">${name}</h1>
      ${company === null ? html`<p class="muted">Loading…</p>` : company.ok ? this.#details(company.value) : failureNotice(company.error, "GET /v1/companies/:id")}
      <p role="status">${this.status}</p>
      ${this.actionFailure ? failureNotice(this.actionFailure.error, this.actionFailure.route) : null}
      ${company?.ok ? html`${this.#flow()} ${this.#issueForm()} ${this.#links()} ${this.#connections()}` : null}`;
  }

  #details(company: Company) {
    return html`<dl>
      <dt>Id</dt>
      <dd><code>${company.id}</code></dd>
      <dt>Contact</dt>
      <dd>${[company.contact.email, company.contact.phone].filter(Boolean).join(" · ") || "none on file"}</dd>
      <dt>External reference</dt>
      <dd>${company.externalRef ?? "—"}</dd>
    </dl>`;
  }

  #flow() {
    const body = shown(
      this.flow,
      "GET /v1/companies/:id/flow",
      (value) => value === null,
      "No flow yet: the customer has not opened a link.",
      (flow) => {
        const value = flow as Flow;
        const receipt = value.consentReceipt;
        return html`<dl>
          <dt>Status</dt>
          <dd data-testid="flow-status">${value.status === "done" ? "Done" : value.status === "expired" ? "Expired" : `Open, at ${value.step}`}</dd>
          <dt>Consent</dt>
          <dd>${value.consent.status}${value.consent.at ? ` (${when(value.consent.at)})` : ""}</dd>
          <dt>Consent receipt</dt>
          <dd>
            ${receipt ? `Text version ${receipt.textVersion}, ${receipt.locale}, accepted ${when(receipt.acceptedAt)}` : "None: consent has not been accepted."}
          </dd>
          <dt>Expires</dt>
          <dd>${when(value.expiresAt)}</dd>
          <dt>Finished</dt>
          <dd>${when(value.finishedAt)}</dd>
        </dl>
        ${value.status === "open" ? html`<button type="button" @click=${this.#resume}>Resume with a fresh link</button>` : null}`;
      },
    );
    return html`<section aria-labelledby="flow-heading">
      <h2 id="flow-heading">Flow</h2>
      ${body}
      <button type="button" class="secondary" @click=${() => this.refresh()}>Refresh</button>
    </section>`;
  }

  #issueForm() {
    const connections = this.connections?.ok ? this.connections.value : [];
    return html`<section aria-labelledby="issue-heading">
      <h2 id="issue-heading">Issue a link</h2>
      <form @submit=${this.#issue}>
        <label
          >For
          <select name="target">
            <option value="company">the whole flow (company link)</option>
            ${connections.map((connection) => html`<option value=${connection.id}>connection ${connection.integrationName} (${connection.id})</option>`)}
          </select>
        </label>
        <fieldset>
          <legend>Send it</legend>
          <label><input type="radio" name="deliver" value="none" checked /> no, I will copy it</label>
          <label><input type="radio" name="deliver" value="email" /> by e-mail to the contact</label>
          <label><input type="radio" name="deliver" value="sms" /> by SMS to the contact</label>
        </fieldset>
        <button type="submit">Issue link</button>
      </form>
      ${
        this.issued?.url
          ? html`<form @submit=${(event: Event) => event.preventDefault()}>
              <label>New link (shown once) <input readonly size="60" .value=${this.issued.url} /></label>
              <button type="button" @click=${() => this.#copy(this.issued?.url ?? "")}>Copy link</button>
            </form>`
          : null
      }
    </section>`;
  }

  #links() {
    const body = shown(
      this.links,
      "GET /v1/companies/:id/links",
      none,
      "No links yet.",
      (links) => html`<table>
        <thead>
          <tr><th scope="col">Link</th><th scope="col">Type</th><th scope="col">Status</th><th scope="col">Delivery</th><th scope="col">Expires</th><th scope="col"><span class="muted">Action</span></th></tr>
        </thead>
        <tbody>
          ${links.map(
            (link) => html`<tr>
              <td><code>${link.id}</code></td>
              <td>${link.type}</td>
              <td data-testid="link-status">${link.status}</td>
              <td>${link.delivery ? `${link.delivery.channel} to ${link.delivery.to}: ${link.delivery.status}` : "—"}</td>
              <td>${when(link.expiresAt)}</td>
              <td>
                ${link.status === "active" ? html`<button type="button" class="secondary" aria-label="Revoke ${link.id}" @click=${() => this.#revoke(link)}>Revoke</button>` : null}
              </td>
            </tr>`,
          )}
        </tbody>
      </table>`,
    );
    return html`<section aria-labelledby="links-heading"><h2 id="links-heading">Links</h2>${body}</section>`;
  }

  #connections() {
    const body = shown(
      this.connections,
      "GET /v1/companies/:id/connections",
      none,
      "No connections yet.",
      (connections) => html`<table>
        <thead><tr><th scope="col">Integration</th><th scope="col">Status</th><th scope="col">Files</th></tr></thead>
        <tbody>
          ${connections.map((connection) => {
            const files = this.files.get(connection.id);
            return html`<tr>
              <td>${connection.integrationName} <code>${connection.id}</code></td>
              <td>${connection.status}${connection.message ? html` — ${connection.message}` : null}</td>
              <td>${files === undefined ? "…" : files.ok ? this.#fileList(files.value) : failureNotice(files.error, "GET /v1/connections/:id/files")}</td>
            </tr>`;
          })}
        </tbody>
      </table>`,
    );
    return html`<section aria-labelledby="connections-heading"><h2 id="connections-heading">Connections and files</h2>${body}</section>`;
  }

  #fileList(files: FileRecord[]) {
    if (files.length === 0) return "none";
    return html`<ul>
      ${files.map(
        (file) =>
          html`<li><a href="${SERVER_ROOT}/v1/files/${encodeURIComponent(file.id)}" download>${file.name}</a> <span class="muted">(${file.mediaType}, ${kilobytes(file.size)}, ${when(file.createdAt)})</span></li>`,
      )}
    </ul>`;
  }
}

customElements.define("otl-console-company", CompanyPage);
