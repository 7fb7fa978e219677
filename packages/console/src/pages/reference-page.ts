import { html } from "lit";
import { SERVER_ROOT } from "../api.ts";
import { PageElement } from "../page-element.ts";

/** Where the server serves its OpenAPI description (CONTRACT.md, issue 12). */
const OPENAPI_PATH = `${SERVER_ROOT}/openapi.json`;
/** Where the server serves that description rendered for reading. */
const REFERENCE_PATH = `${SERVER_ROOT}/openapi`;

/** `#/reference`: links to the API reference, once the server serves one; says so plainly when it does not. */
export class ReferencePage extends PageElement {
  static override properties = { ...PageElement.properties, served: { state: true } };
  declare served: { openapi: boolean; reference: boolean } | null;

  constructor() {
    super();
    this.served = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const exists = (path: string) =>
      fetch(path, { method: "HEAD", credentials: "same-origin" }).then(
        (answer) => answer.ok,
        () => false,
      );
    void Promise.all([exists(OPENAPI_PATH), exists(REFERENCE_PATH)]).then(([openapi, reference]) => {
      this.served = { openapi, reference };
    });
  }

  override render() {
    const served = this.served;
    return html`<h1 tabindex="-1">API reference</h1>
      <p>Everything this console does is a call to the public admin API, with this session in place of the API key.</p>
      ${
        served === null
          ? html`<p class="muted">Looking…</p>`
          : html`<ul>
              <li>
                ${served.reference ? html`<a href=${REFERENCE_PATH}>The rendered API reference</a>` : html`<span class="missing">This server does not serve a rendered reference at <code>${REFERENCE_PATH}</code> yet.</span>`}
              </li>
              <li>
                ${served.openapi ? html`<a href=${OPENAPI_PATH}>The OpenAPI description (JSON)</a>` : html`<span class="missing">This server does not serve <code>${OPENAPI_PATH}</code> yet.</span>`}
              </li>
            </ul>`
      }`;
  }
}

customElements.define("otl-console-reference", ReferencePage);
