import { html } from "lit";
import { failureNotice, when } from "../notices.ts";
import { PageElement } from "../page-element.ts";
import type { WebhookDelivery, WebhookEndpoint } from "../types.ts";

/** `#/webhooks`: webhook endpoints (add, remove) and each one's deliveries with their attempts. */
export class WebhooksPage extends PageElement {
  static override properties = {
    ...PageElement.properties,
    endpoints: { state: true },
    failure: { state: true },
    created: { state: true },
    deliveries: { state: true },
  };
  declare endpoints: WebhookEndpoint[] | null;
  declare failure: { error: unknown; route: string } | null;
  declare created: WebhookEndpoint | null;
  declare deliveries: Map<string, WebhookDelivery[] | { error: unknown }>;

  constructor() {
    super();
    this.endpoints = null;
    this.failure = null;
    this.created = null;
    this.deliveries = new Map();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load(): Promise<void> {
    try {
      this.endpoints = (await this.api.get<{ items: WebhookEndpoint[] }>("/v1/webhook-endpoints")).items;
    } catch (error) {
      this.failure = { error, route: "GET /v1/webhook-endpoints" };
    }
  }

  async #create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const events = String(data.get("events") ?? "")
      .split(",")
      .map((name) => name.trim())
      .filter(Boolean);
    const description = String(data.get("description") ?? "").trim();
    try {
      this.created = await this.api.post<WebhookEndpoint>("/v1/webhook-endpoints", {
        url: String(data.get("url") ?? "").trim(),
        ...(events.length ? { events } : {}),
        ...(description ? { description } : {}),
      });
      this.failure = null;
      (event.target as HTMLFormElement).reset();
    } catch (error) {
      this.failure = { error, route: "POST /v1/webhook-endpoints" };
    }
    await this.#load();
  }

  async #remove(endpoint: WebhookEndpoint): Promise<void> {
    try {
      await this.api.delete(`/v1/webhook-endpoints/${encodeURIComponent(endpoint.id)}`);
      this.failure = null;
    } catch (error) {
      this.failure = { error, route: "DELETE /v1/webhook-endpoints/:id" };
    }
    await this.#load();
  }

  async #showDeliveries(endpoint: WebhookEndpoint): Promise<void> {
    let found: WebhookDelivery[] | { error: unknown };
    try {
      found = (await this.api.get<{ items: WebhookDelivery[] }>(`/v1/webhook-endpoints/${encodeURIComponent(endpoint.id)}/deliveries`))
        .items;
    } catch (error) {
      found = { error };
    }
    this.deliveries = new Map(this.deliveries).set(endpoint.id, found);
  }

  override render() {
    return html`<h1 tabindex="-1">Webhooks</h1>
      ${this.failure ? failureNotice(this.failure.error, this.failure.route) : null}
      ${
        this.created?.secret
          ? html`<p role="status">
              Endpoint added. Its signing secret, shown this once: <code data-testid="webhook-secret">${this.created.secret}</code>
            </p>`
          : null
      }
      <section aria-labelledby="add-heading">
        <h2 id="add-heading">Add an endpoint</h2>
        <form @submit=${this.#create}>
          <label>URL <input name="url" type="url" required placeholder="https://…" /></label>
          <label>Events (comma-separated; empty for all) <input name="events" /></label>
          <label>Description <input name="description" /></label>
          <button type="submit">Add endpoint</button>
        </form>
      </section>
      <section aria-labelledby="endpoints-heading">
        <h2 id="endpoints-heading">Endpoints</h2>
        ${this.#endpoints()}
      </section>`;
  }

  #endpoints() {
    if (this.endpoints === null) return this.failure ? null : html`<p class="muted">Loading…</p>`;
    if (this.endpoints.length === 0) return html`<p>No endpoints.</p>`;
    return this.endpoints.map(
      (endpoint) => html`<article aria-label=${endpoint.url}>
        <h3>${endpoint.url}</h3>
        <p class="muted">${endpoint.events.length ? endpoint.events.join(", ") : "all events"}${endpoint.description ? ` — ${endpoint.description}` : ""}</p>
        <button type="button" class="secondary" @click=${() => this.#showDeliveries(endpoint)}>Show deliveries</button>
        <button type="button" class="secondary" aria-label="Remove ${endpoint.url}" @click=${() => this.#remove(endpoint)}>Remove</button>
        ${this.#deliveries(endpoint)}
      </article>`,
    );
  }

  #deliveries(endpoint: WebhookEndpoint) {
    const found = this.deliveries.get(endpoint.id);
    if (found === undefined) return null;
    if (!Array.isArray(found)) return failureNotice(found.error, "GET /v1/webhook-endpoints/:id/deliveries");
    if (found.length === 0) return html`<p>No deliveries yet.</p>`;
    return html`<table>
      <thead><tr><th scope="col">Event</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col">Last answer</th><th scope="col">Next attempt</th><th scope="col">Webhook id</th></tr></thead>
      <tbody>
        ${found.map(
          (delivery) => html`<tr>
            <td><code>${delivery.event}</code></td>
            <td data-testid="delivery-status">${delivery.status}</td>
            <td>${delivery.attempts}</td>
            <td>${delivery.lastStatus ?? "—"}</td>
            <td>${when(delivery.nextAttemptAt)}</td>
            <td><code>${delivery.webhookId}</code></td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }
}

customElements.define("otl-console-webhooks", WebhooksPage);
