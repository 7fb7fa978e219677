import type { Context } from "hono";
import { Hono } from "hono";
import type { OtlContext } from "../context.ts";
import { OtlProblem } from "../problem.ts";
import { type BuiltBundle, ElementBundle } from "./element-bundle.ts";
import { HOSTED_PAGE_CSS, hostedErrorHtml, hostedPageHtml } from "./page.ts";
import { HOSTED_PAGE_SCRIPT } from "./page-script.ts";
import { PublicAsset } from "./public-asset.ts";

/** The link pages must never be cached, indexed, framed, or leak their URL (which carries the code) as a referrer. */
export const PAGE_HEADERS = {
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
  "x-robots-tag": "noindex",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

/** Whether a request is a browser's or a previewer's prefetch, which must have no effect at all. */
function isPrefetch(c: Context): boolean {
  return /prefetch/i.test(c.req.header("sec-purpose") ?? "") || /prefetch/i.test(c.req.header("purpose") ?? "");
}

/**
 * The pages one-time link URLs open, and the assets they load. A GET or HEAD never consumes a code:
 * the page shows a landing screen, and the code is exchanged by a POST after the customer's click.
 */
export function hostedRoutes(ctx: OtlContext): Hono {
  const app = new Hono();
  const bundle = new ElementBundle();

  async function page(c: Context, companyId: string, connectionId: string | null) {
    if (isPrefetch(c)) return c.body(null, 204, { "cache-control": "no-store" });
    const company = await ctx.store.getCompany(companyId);
    if (!company) {
      return c.html(
        hostedErrorHtml(
          ctx.publicUrl,
          "This link is not valid",
          "Check that you opened the whole link, or ask the company that sent it for a new one.",
        ),
        404,
        PAGE_HEADERS,
      );
    }
    return c.html(hostedPageHtml({ publicUrl: ctx.publicUrl, companyId, connectionId }), 200, PAGE_HEADERS);
  }

  app.get("/company/:companyId", (c) => page(c, c.req.param("companyId"), null));
  app.get("/companies/:companyId/connections/:connectionId/start", (c) => page(c, c.req.param("companyId"), c.req.param("connectionId")));

  // The element's moving alias and the page's own files: a release changes them, so caches re-check within 5 minutes.
  const MOVING = "public, max-age=300";
  // A versioned URL names one release's bytes for ever.
  const IMMUTABLE = "public, max-age=31536000, immutable";
  const pageScript = new PublicAsset(HOSTED_PAGE_SCRIPT, "text/javascript; charset=utf-8");
  const pageStyle = new PublicAsset(HOSTED_PAGE_CSS, "text/css; charset=utf-8");
  let manifest: { version: string; asset: PublicAsset } | undefined;

  function built(): BuiltBundle {
    const found = bundle.read();
    if (!found) throw new OtlProblem("not_found", "otl-link.js is not built: run `pnpm build`");
    return found;
  }

  app.get("/assets/otl-hosted.js", (c) => pageScript.respond(c, MOVING));
  app.get("/assets/otl-hosted.css", (c) => pageStyle.respond(c, MOVING));
  app.get("/assets/otl-link.js", (c) => built().asset.respond(c, MOVING));
  app.get("/assets/:version{v[^/]+}/otl-link.js", (c) => {
    const { version, asset } = built();
    if (c.req.param("version") !== `v${version}`) {
      throw new OtlProblem("not_found", `This server has otl-link.js v${version} only: see /assets/manifest.json`);
    }
    return asset.respond(c, IMMUTABLE);
  });
  // What a host needs to pin the element with Subresource Integrity (CONTRACT.md, "Assets").
  app.get("/assets/manifest.json", (c) => {
    const { version, asset } = built();
    if (manifest?.version !== version) {
      const file = {
        url: `${ctx.publicUrl.replace(/\/+$/, "")}/assets/v${version}/otl-link.js`,
        integrity: asset.integrity,
        bytes: asset.raw.length,
        gzipBytes: asset.gzip.length,
      };
      manifest = { version, asset: new PublicAsset(JSON.stringify({ version, files: { "otl-link.js": file } }), "application/json") };
    }
    return manifest.asset.respond(c, MOVING);
  });
  return app;
}
