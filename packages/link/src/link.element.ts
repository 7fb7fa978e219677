import { html } from "lit-html";
import { customerTime } from "./customer-time.ts";
import { ElementBase, type PropertyDeclarations } from "./element-base.ts";
import { FlowController } from "./flow/controller.ts";
import { styles } from "./link.styles.ts";
import { catalogue, contentTag, languageFor, type MessageOverrides, type Messages, withOverrides } from "./locales/index.ts";
import { SCREENS, type View } from "./steps/index.ts";
import { progress } from "./steps/progress.ts";
import { errorMessage } from "./steps/view.ts";

/** The colour schemes of the element; `auto` follows the customer's system. */
export type OtlTheme = "light" | "dark" | "auto";

/**
 * The whole one-time link consent flow in one tag: landing, optional 2FA code, consent, choosing
 * and connecting integrations, review and done, with a clear screen for every way a link can fail.
 *
 * @summary Lets a customer share their accounts through a one-time link or an access token.
 * @tag otl-link
 *
 * @attr base-url - The OTL server, e.g. `https://otl.example.com`.
 * @attr access-token - A single-use access token from the host's backend; exchanged at once.
 * @attr code - A one-time link code; shown as a landing screen and exchanged only when the customer starts.
 * @attr company-id - The company of the link code (`co_…`).
 * @attr connection-id - The connection of a connection link (`cn_…`).
 * @attr locale - The customer's language (BCP 47), e.g. `fr` or `fr-CA`: en, fr, de, es, nl, pt and ar ship; `fr-CA` falls back to `fr`, an unknown language to English.
 * @attr theme - `light` (default), `dark`, or `auto` to follow the system.
 * @attr show-sandbox-integrations - Set to `false` to hide sandbox integrations.
 * @attr renew - Offer "Send me a new link" on the used, expired, replaced, timed-out and locked (five wrong 2FA codes) screens of a link code (the hosted page sets it).
 *
 * @event {CustomEvent<{}>} otl-ready - The first screen is shown.
 * @event {CustomEvent<{step: FlowStep}>} otl-step - A flow step is shown.
 * @event {CustomEvent<{connection: ConnectionView}>} otl-connection - A connection was started, linked or failed.
 * @event {CustomEvent<{flow: FlowView}>} otl-finish - The customer finished: the flow is done.
 * @event {CustomEvent<{step: FlowStep}>} otl-close - The customer declined to share.
 * @event {CustomEvent<{code: string, message: string, recoverable: boolean}>} otl-error - A call failed.
 *
 * @csspart container - The box around everything.
 * @csspart heading - Each screen's heading.
 * @csspart text - A paragraph.
 * @csspart list - A list: data to share, integrations, connected accounts.
 * @csspart item - An entry of a list.
 * @csspart form - The 2FA and credentials forms.
 * @csspart field - A label with its input.
 * @csspart label - A label.
 * @csspart input - A text, password, code or search input.
 * @csspart actions - The row of buttons of a screen.
 * @csspart button - Every button.
 * @csspart primary-button - The main button of a screen (also has part `button`).
 * @csspart error - An error message, and the message of a failure screen.
 * @csspart progress - The step indicator ("Step 2 of 4" and its bars).
 * @csspart facts - Who receives the data, what, why, for how long and how to withdraw.
 * @csspart logo - The recipient's logo, and each integration's.
 * @csspart link - A link, such as the recipient's privacy policy.
 * @csspart status - The "Connecting…" line while an integration checks a sign-in.
 *
 * @cssproperty --otl-accent - Primary buttons, focus rings.
 * @cssproperty --otl-on-accent - Text on primary buttons.
 * @cssproperty --otl-background - Background.
 * @cssproperty --otl-text - Text.
 * @cssproperty --otl-muted - Secondary text.
 * @cssproperty --otl-border - Borders of the box, inputs and buttons.
 * @cssproperty --otl-danger - Error messages.
 * @cssproperty --otl-radius - Corner radius.
 * @cssproperty --otl-spacing - Space inside the box and between blocks.
 * @cssproperty --otl-font-family - Font family.
 * @cssproperty --otl-font-size - Base font size.
 */
export class OtlLink extends ElementBase {
  static override styles = styles;

  // `declare` fields emit nothing, so they never shadow the accessors whatever `useDefineForClassFields` says.
  static override properties: PropertyDeclarations = {
    baseUrl: { attribute: "base-url" },
    accessToken: { attribute: "access-token" },
    code: {},
    companyId: { attribute: "company-id" },
    connectionId: { attribute: "connection-id" },
    locale: {},
    theme: {},
    // `show-sandbox-integrations="false"` must mean false, as the hosted page writes it.
    showSandboxIntegrations: { attribute: "show-sandbox-integrations", fromAttribute: (value) => value !== "false" },
    // A boolean attribute: present is true, whatever its text.
    renew: { fromAttribute: (value) => value !== null },
    fetchAccessToken: { attribute: false },
    messages: { attribute: false },
  };

  /** The OTL server, e.g. `https://otl.example.com`. */
  declare baseUrl: string | undefined;
  /** A single-use access token from the host's backend. */
  declare accessToken: string | undefined;
  /** A one-time link code. */
  declare code: string | undefined;
  /** The company of the link code. */
  declare companyId: string | undefined;
  /** The connection of a connection link. */
  declare connectionId: string | undefined;
  /** The customer's language (BCP 47): the exact tag, then its language, then English. */
  declare locale: string | undefined;
  /**
   * Words that replace the kit's, by locale tag: `{ fr: { landing: { start: "C'est parti" } } }`.
   * Any string of any catalogue can be replaced; the most specific tag wins (`fr-CA` over `fr`), and
   * a language the kit does not ship (`sv`) is laid over English.
   */
  declare messages: Readonly<Record<string, MessageOverrides>> | undefined;
  /** The colour scheme. */
  declare theme: OtlTheme;
  /** Whether sandbox integrations are offered. */
  declare showSandboxIntegrations: boolean;
  /**
   * Offer "Send me a new link" when a link code was used, expired or replaced, or its session timed
   * out (`POST /v1/link/renew`). The server's hosted page sets it unless the server turned renewal off.
   */
  declare renew: boolean;
  /** Gets a fresh access token from the host's backend when the session expires mid-flow. */
  declare fetchAccessToken: (() => Promise<string>) | undefined;

  readonly #flow = new FlowController(this);
  /** The integration search box's text: the element's own, not the flow's. */
  #query = "";

  constructor() {
    super();
    this.theme = "light";
    this.showSandboxIntegrations = true;
    this.renew = false;
  }

  override render() {
    const theme = this.theme === "dark" || this.theme === "auto" ? this.theme : "light";
    const t = this.#messages();
    if (!t) {
      // The language's file is still on its way: an empty, busy box rather than a flash of English.
      return html`<div part="container" class="c ${theme}" aria-busy="true"></div>`;
    }
    const state = this.#flow.state;
    const refresh = () => this.requestUpdate();
    const search = (query: string) => {
      this.#query = query;
      this.requestUpdate();
    };
    const view: View = {
      state,
      t,
      flow: this.#flow,
      embedded: Boolean(this.accessToken),
      coming: this.accessToken ? "consent" : this.code ? "landing" : null,
      renewable: this.renew && !this.accessToken && Boolean(this.code && this.companyId),
      query: this.#query,
      search,
      refresh,
      when: (iso) => customerTime(t.lang, refresh)?.format(new Date(iso)) ?? null,
    };
    const step = SCREENS[state.screen](view);
    // Loading (the shell of the step to come), and the choose screen until its list is there, are not
    // ready: assistive technology (and a test) waits for them.
    const busy =
      state.busy || step.busy || state.screen === "loading" || (state.screen === "select" && !state.integrations && !state.error);
    return html`<div part="container" class="c ${theme}" lang=${t.lang} dir=${t.dir} data-screen=${state.screen} aria-busy=${busy ? "true" : "false"}>
      ${progress(view)}
      <h2 part="heading" tabindex="-1">${step.title}</h2>
      ${step.body}
      <p class="sr" role="status" aria-live="polite">${step.notice ?? errorMessage(view) ?? step.title}</p>
    </div>`;
  }

  /**
   * The catalogue of the element's locale with the host's overrides, or null while it loads. Made
   * afresh on each render: merging a few dozen strings costs microseconds, less than a cache's bytes.
   */
  #messages(): Messages | null {
    const base = catalogue(languageFor(this.locale), () => this.requestUpdate());
    if (!base) return null;
    const t = withOverrides(base, this.locale, this.messages);
    return { ...t, lang: contentTag(this.locale, t.lang) };
  }
}
