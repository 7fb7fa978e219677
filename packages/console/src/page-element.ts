import { LitElement } from "lit";
import type { ConsoleApi } from "./api.ts";
import { consoleStyles } from "./styles.ts";

/**
 * What every console page shares: the API it calls, the console's styles, and focus on its heading
 * when it opens, so a keyboard or screen-reader user starts at the top of the new page.
 */
export class PageElement extends LitElement {
  static override styles = consoleStyles;
  static override properties = { api: { attribute: false } };
  declare api: ConsoleApi;

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLElement>("h1")?.focus();
  }
}
