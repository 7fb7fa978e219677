import { Hono } from "hono";
import type { Context } from "hono";
import type { OtlContext } from "../context.ts";

// The link pages must never be cached, indexed, or leak their URL (which carries the code) as a referrer.
const PAGE_HEADERS = {
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
  "x-robots-tag": "noindex",
  "x-content-type-options": "nosniff",
  "content-security-policy": "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

function page(title: string, message: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body><main><h1>${title}</h1><p>${message}</p></main></body>
</html>
`;
}

/**
 * The pages one-time link URLs open. A GET or HEAD never consumes anything: it only answers a page,
 * and the code is exchanged later by a POST after the customer's click.
 */
export function hostedRoutes(ctx: OtlContext): Hono {
  const app = new Hono();

  function answer(c: Context, code: string | undefined) {
    if (!code && !ctx.allowReusableLinks) {
      return c.html(page("This link is incomplete", "This link is missing its one-time code. Ask the company that sent it for a new link."), 404, PAGE_HEADERS);
    }
    return c.html(page("Connect your accounts", "Continue in a browser with JavaScript enabled to share your data."), 200, PAGE_HEADERS);
  }

  app.get("/company/:companyId", (c) => answer(c, c.req.query("link.otp")));
  app.get("/companies/:companyId/connections/:connectionId/start", (c) => answer(c, c.req.query("otp")));
  return app;
}
