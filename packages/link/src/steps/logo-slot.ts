import type { Integration } from "@otl/protocol/browser";
import { html, nothing, type SVGTemplateResult, svg, type TemplateResult } from "lit-html";

// The integrations' logos' paths (./logos.ts, plain data) are not in the bundle: they are their own
// file beside it, `otl-link.logos.js`, asked for while consent or review is shown (the screens
// before select, as the integration list is), so the first screen comes sooner and select rarely
// waits. Until the file is here each logo is an empty tile of the same size. The templates that draw
// the paths are here, so the file carries nothing but its data.

let logos: typeof import("./logos.ts") | null | undefined;
let pending: Promise<boolean> | undefined;

/** Starts loading the logos' file, once; resolves true when it is here, false if it could not be loaded. */
export function loadLogos(): Promise<boolean> {
  pending ??= import("./logos.ts").then(
    (module) => {
      logos = module;
      return true;
    },
    // The logos are decoration: without them the list shows empty tiles, and that is all.
    () => {
      logos = null;
      return false;
    },
  );
  return pending;
}

/** Whether the logos' file has arrived or failed: select is not ready (`aria-busy`) until then. */
export function logosSettled(): boolean {
  return logos !== undefined;
}

/** The integration's mark: its sandbox tile (the white path drawn beside the tile, over it), else its category's icon. */
function mark({ key, category }: Pick<Integration, "key" | "category">, { TILES, ICONS }: typeof import("./logos.ts")): SVGTemplateResult {
  const tile = TILES[key];
  return tile
    ? svg`<rect width="24" height="24" rx="6" fill=${tile[0]}></rect><path fill="#fff" d=${tile[1]}></path>`
    : svg`<path fill="none" stroke="currentColor" stroke-width="1.6" d=${ICONS[category]}></path>`;
}

/**
 * The integration's logo, 24 units square, hidden from assistive technology (its name is beside it):
 * an empty tile until the logos' file is here; `refresh` renders again once it is.
 */
export function logoOf(item: Pick<Integration, "key" | "category">, refresh: () => void): TemplateResult {
  if (logos === undefined) void loadLogos().then((loaded) => loaded && refresh());
  return html`<svg part="logo" class="logo" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${logos ? mark(item, logos) : nothing}</svg>`;
}
