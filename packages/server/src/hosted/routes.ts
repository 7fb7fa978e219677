import type { Context } from "hono";
import { Hono } from "hono";
import type { OtlContext } from "../context.ts";
import { ElementBundle } from "./element-bundle.ts";
import { HOSTED_PAGE_CSS, hostedErrorHtml, hostedPageHtml } from "./page.ts";
import { HOSTED_PAGE_SCRIPT } from "./page-script.ts";

// The link pages must never be cached, indexed, framed, or leak their URL (which carries the code) as a referrer.
const PAGE_HEADERS = {
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
  "x-robots-tag": "noindex",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

const ASSET_HEADERS = { "cache-control": "public, max-age=300", "x-content-type-options": "nosniff" };

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

  app.get("/assets/otl-hosted.js", (c) =>
    c.body(HOSTED_PAGE_SCRIPT, 200, { ...ASSET_HEADERS, "content-type": "text/javascript; charset=utf-8" }),
  );
  app.get("/assets/otl-hosted.css", (c) => c.body(HOSTED_PAGE_CSS, 200, { ...ASSET_HEADERS, "content-type": "text/css; charset=utf-8" }));
  app.get("/assets/otl-link.js", (c) => {
    const source = bundle.read();
    if (source === null) return c.text("otl-link.js is not built: run `pnpm build`", 404, { "cache-control": "no-store" });
    return c.body(source, 200, { ...ASSET_HEADERS, "content-type": "text/javascript; charset=utf-8" });
  });
  return app;
}
