import { Hono } from "hono";
import { actorOf, type OtlContext } from "../context.ts";
import { completeRedirect } from "../domain/oauth.ts";
import { OAUTH_CALLBACK_PATH, redirectContext } from "./oauth-return.ts";

/**
 * `GET /v1/oauth/callback`, the redirect URI of every `redirect` integration: the provider sends the
 * customer's browser here with `state` and `code` (or `error`). The connection is settled, then the
 * browser goes back (302) to the page the flow started from, which continues at review (or at
 * connect with the failure's message). A missing, forged, replayed or expired state is refused
 * with problem+json and redirects nowhere.
 */
export function oauthRoutes(ctx: OtlContext): Hono {
  const app = new Hono();
  const redirects = redirectContext(ctx);
  app.get(OAUTH_CALLBACK_PATH, async (c) => {
    const params = new URL(c.req.url).searchParams;
    const { returnTo, detail } = await completeRedirect(redirects, params, actorOf(ctx, c));
    if (detail) ctx.logger.info(`oauth callback did not link: ${detail}`);
    // The page must not keep the callback's code in its history entry or send it on as a referrer.
    c.header("referrer-policy", "no-referrer");
    c.header("cache-control", "no-store");
    return c.redirect(returnTo, 302);
  });
  return app;
}
