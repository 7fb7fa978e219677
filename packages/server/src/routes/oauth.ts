import { Hono } from "hono";
import { actorOf, type OtlContext } from "../context.ts";
import { completeRedirect, RefusedReturn } from "../domain/oauth.ts";
import { hostedInvalidLinkHtml } from "../hosted/page.ts";
import { PAGE_HEADERS } from "../hosted/routes.ts";
import { OtlProblem } from "../problem.ts";
import { OAUTH_CALLBACK_PATH, redirectContext } from "./oauth-return.ts";

/**
 * `GET /v1/oauth/callback`, the redirect URI of every `redirect` integration: the provider sends the
 * customer's browser here with `state` and `code` (or `error`). The connection is settled, then the
 * browser goes back (302) to the page the flow started from, which continues at review (or at
 * connect with the failure's message). A missing, forged, replayed or expired state is refused:
 * nothing is exchanged, and an API client gets problem+json. A browser's navigation (the customer
 * pressed Back at the bank and approved again) is not left on a JSON page: a replayed or expired
 * state sends it back (302) to its flow's page, which shows where the flow stands; a state this
 * server never issued gets the hosted "not valid" page, with the problem's status, and no redirect.
 */
export function oauthRoutes(ctx: OtlContext): Hono {
  const app = new Hono();
  const redirects = redirectContext(ctx);
  app.get(OAUTH_CALLBACK_PATH, async (c) => {
    const params = new URL(c.req.url).searchParams;
    // The page must not keep the callback's code in its history entry or send it on as a referrer.
    c.header("referrer-policy", "no-referrer");
    c.header("cache-control", "no-store");
    try {
      const { returnTo, detail } = await completeRedirect(redirects, params, actorOf(ctx, c));
      if (detail) ctx.logger.info(`oauth callback did not link: ${detail}`);
      return c.redirect(returnTo, 302);
    } catch (error) {
      if (!(error instanceof OtlProblem) || !isNavigation(c.req.header("accept"))) throw error;
      ctx.logger.info(`oauth callback refused: ${error.detail ?? error.code}`);
      if (error instanceof RefusedReturn) return c.redirect(error.returnTo, 302);
      return c.html(hostedInvalidLinkHtml(null), error.status as 400, PAGE_HEADERS);
    }
  });
  return app;
}

/** Whether a request is a browser loading a page (its `Accept` names HTML), not an API client. */
function isNavigation(accept: string | undefined): boolean {
  return accept?.includes("text/html") ?? false;
}
