import { html, LitElement } from "lit";
import { ApiError, ConsoleApi } from "./api.ts";
import { consoleStyles, frameStyles } from "./styles.ts";
import "./pages/companies-page.ts";
import "./pages/company-page.ts";
import "./pages/audit-page.ts";
import "./pages/webhooks-page.ts";
import "./pages/reference-page.ts";

/** The page a `location.hash` names: `#/companies`, `#/companies/co_…`, `#/audit`, `#/webhooks`, `#/reference`. */
type Route =
  | { page: "companies" }
  | { page: "company"; companyId: string }
  | { page: "audit" }
  | { page: "webhooks" }
  | { page: "reference" };

function routeOf(hash: string): Route {
  const [, first = "", second = ""] = hash.replace(/^#/, "").split("/");
  if (first === "companies" && second) return { page: "company", companyId: decodeURIComponent(second) };
  if (first === "audit" || first === "webhooks" || first === "reference") return { page: first };
  return { page: "companies" };
}

/**
 * `<otl-console>`: the admin console. Asks for the API key until the server grants a session, then
 * shows the pages; every page calls the admin API with the session cookie and the CSRF token.
 * The hash holds the page, so Back and Forward work and a reload stays where it was.
 */
export class OtlConsole extends LitElement {
  static override styles = [consoleStyles, frameStyles];
  static override properties = { state: { state: true }, route: { state: true }, notice: { state: true }, busy: { state: true } };
  declare state: "starting" | "signed-out" | "signed-in";
  declare route: Route;
  declare notice: string;
  declare busy: boolean;
  readonly #api = new ConsoleApi();
  readonly #onHash = () => {
    this.route = routeOf(location.hash);
  };

  constructor() {
    super();
    this.state = "starting";
    this.route = routeOf(location.hash);
    this.notice = "";
    this.busy = false;
    this.#api.addEventListener("signed-out", () => {
      this.state = "signed-out";
      this.notice = "Your console session has ended. Sign in again to go on.";
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener("hashchange", this.#onHash);
    void this.#api.resume().then((signedIn) => {
      this.state = signedIn ? "signed-in" : "signed-out";
    });
  }

  override disconnectedCallback(): void {
    removeEventListener("hashchange", this.#onHash);
    super.disconnectedCallback();
  }

  async #signIn(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const input = form.elements.namedItem("apiKey") as HTMLInputElement;
    this.busy = true;
    try {
      await this.#api.signIn(input.value);
      // The key leaves the page as soon as it has done its one job.
      input.value = "";
      this.notice = "";
      this.state = "signed-in";
    } catch (error) {
      this.notice = error instanceof ApiError && error.status === 429 ? error.message : "Sign-in failed.";
      input.select();
    } finally {
      this.busy = false;
    }
  }

  async #signOut(): Promise<void> {
    await this.#api.signOut().catch(() => undefined);
    this.notice = "You have signed out.";
    this.state = "signed-out";
  }

  override render() {
    if (this.state === "starting") return html`<main><p class="muted">Loading…</p></main>`;
    if (this.state === "signed-out") {
      return html`<main>
        <h1>OTL console</h1>
        ${this.notice ? html`<p role="alert">${this.notice}</p>` : null}
        <form @submit=${this.#signIn}>
          <label>API key <input name="apiKey" type="password" autocomplete="off" required spellcheck="false" /></label>
          <button type="submit" ?disabled=${this.busy}>Sign in</button>
        </form>
        <p class="muted">The key is exchanged for a session that ends after 15 idle minutes; this page does not keep it.</p>
      </main>`;
    }
    const current = this.route.page === "company" ? "companies" : this.route.page;
    const navLink = (page: string, label: string) =>
      html`<a href="#/${page}" aria-current=${current === page ? "page" : "false"}>${label}</a>`;
    return html`<header>
        <nav aria-label="Console">
          <strong>OTL console</strong>
          ${navLink("companies", "Companies")} ${navLink("audit", "Audit")} ${navLink("webhooks", "Webhooks")}
          ${navLink("reference", "API reference")}
          <button type="button" class="secondary" @click=${this.#signOut}>Sign out</button>
        </nav>
      </header>
      <main>${this.#page()}</main>`;
  }

  #page() {
    const api = this.#api;
    switch (this.route.page) {
      case "company":
        return html`<otl-console-company .api=${api} .companyId=${this.route.companyId}></otl-console-company>`;
      case "audit":
        return html`<otl-console-audit .api=${api}></otl-console-audit>`;
      case "webhooks":
        return html`<otl-console-webhooks .api=${api}></otl-console-webhooks>`;
      case "reference":
        return html`<otl-console-reference .api=${api}></otl-console-reference>`;
      default:
        return html`<otl-console-companies .api=${api}></otl-console-companies>`;
    }
  }
}

customElements.define("otl-console", OtlConsole);
