// The package's one side effect: registering the element. Everything else can be imported,
// tree-shaken and server-rendered without touching `customElements`.
import { OtlLink } from "./link.element.ts";

// A second copy of the bundle (a page that loads both the npm build and /assets/otl-link.js) must not throw.
if (typeof customElements !== "undefined" && !customElements.get("otl-link")) customElements.define("otl-link", OtlLink);

declare global {
  interface HTMLElementTagNameMap {
    "otl-link": OtlLink;
  }
}
