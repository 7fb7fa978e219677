// The package's one side effect: defining <otl-link>, in the browser only.
// Not through `@otl/link`'s own registration module: on the server a page that also imports a
// LitElement gets Lit's stand-in `customElements` (from @lit-labs/ssr-dom-shim), and that module would
// define the element there.
import { OtlLink } from "@otl/link/element";

// A page that also loads `@otl/link` or the server's /assets/otl-link.js has it defined already: keep that one.
if (typeof window !== "undefined" && !window.customElements.get("otl-link")) window.customElements.define("otl-link", OtlLink);
