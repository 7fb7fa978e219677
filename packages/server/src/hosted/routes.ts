import { LinkCode } from "@otl/protocol";
import type { Context } from "hono";
import { Hono } from "hono";
import type { OtlContext } from "../context.ts";
import { OtlProblem } from "../problem.ts";
import { ASSET_NAME, type BuiltBundle, ElementBundle, type PublishedFile } from "./element-bundle.ts";
import { SHELL_STYLE_SOURCE } from "./landing-shell.ts";
import { HOSTED_PAGE_CSS, hostedInvalidLinkHtml, hostedPageHtml, PAGE_STYLE_SOURCE } from "./page.ts";
import { HOSTED_PAGE_SCRIPT, readLinkQuery } from "./page-script.ts";
import { PublicAsset } from "./public-asset.ts";

/**
 * The link pages must never be cached, indexed, framed, or leak their URL (which carries the code) as a
 * referrer. Their CSP allows no inline script, and two inline styles by their hashes: the page's and the landing shell's.
 */
export const PAGE_HEADERS = {
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
  "x-robots-tag": "noindex",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "content-security-policy": `default-src 'none'; script-src 'self'; style-src 'self' ${PAGE_STYLE_SOURCE} ${SHELL_STYLE_SOURCE}; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
};

// The names an asset URL may give for a file of the element's bundle; `file()` then checks it is one the bundle has.
const BUNDLE_FILE = /^otl-link[.a-z]*\.js$/;

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
    // The language as the page script will read it, however a mail client mangled the query.
    const { code, options } = readLinkQuery(new URL(c.req.url).search);
    const locale = options["link.locale"] ?? null;
    const company = await ctx.store.getCompany(companyId);
    if (!company) return c.html(hostedInvalidLinkHtml(locale), 404, PAGE_HEADERS);
    const theme = options["link.theme"] ?? null;
    // The shape the element checks before it lands: a malformed code goes to its not-valid screen instead.
    const shell = LinkCode.safeParse(code).success;
    const html = hostedPageHtml({ publicUrl: ctx.publicUrl, companyId, connectionId, locale, renew: ctx.renewLinks, theme, shell });
    return c.html(html, 200, PAGE_HEADERS);
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

  // The bundle and, beside it, the catalogue files it imports relative to its own URL (otl-link.fr.js …),
  // under the same public-asset headers, so a page on any origin can load them.
  function file(name: string): PublicAsset {
    const asset = ASSET_NAME.test(name) ? built().files.get(name) : undefined;
    if (!asset) throw new OtlProblem("not_found", `This server has no ${name}: see /assets/manifest.json`);
    return asset;
  }
  // What a host needs to pin the element with Subresource Integrity (CONTRACT.md, "Assets").
  function manifestAsset(): PublicAsset {
    const { version, files } = built();
    if (manifest?.version !== version) {
      const listed: Record<string, PublishedFile & { url: string }> = {};
      for (const [name, asset] of files) {
        listed[name] = {
          url: `${ctx.publicUrl.replace(/\/+$/, "")}/assets/v${version}/${name}`,
          integrity: asset.integrity,
          bytes: asset.raw.length,
          gzipBytes: asset.gzip.length,
        };
      }
      manifest = { version, asset: new PublicAsset(JSON.stringify({ version, files: listed }), "application/json") };
    }
    return manifest.asset;
  }

  // One plain `:file` route per depth, the names told apart here: a static route beside a pattern one
  // (`/assets/:file{otl-link…}`) at the same depth is more than Hono's RegExpRouter takes, and the app
  // would fall back to its TrieRouter, which matches every request of every route more slowly.
  app.get("/assets/:file", (c) => {
    const name = c.req.param("file");
    if (name === "otl-hosted.js") return pageScript.respond(c, MOVING);
    if (name === "otl-hosted.css") return pageStyle.respond(c, MOVING);
    if (name === "manifest.json") return manifestAsset().respond(c, MOVING);
    if (BUNDLE_FILE.test(name)) return file(name).respond(c, MOVING);
    return c.notFound();
  });
  app.get("/assets/:version/:file", (c) => {
    const name = c.req.param("file");
    if (!/^v[^/]+$/.test(c.req.param("version")) || !BUNDLE_FILE.test(name)) return c.notFound();
    const { version } = built();
    if (c.req.param("version") !== `v${version}`) {
      throw new OtlProblem("not_found", `This server has otl-link.js v${version} only: see /assets/manifest.json`);
    }
    return file(name).respond(c, IMMUTABLE);
  });
  return app;
}
