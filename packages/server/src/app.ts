import { type Context, Hono } from "hono";
import { answerFrame, answerProblem } from "./answer-frame.ts";
import type { BackgroundWork } from "./background.ts";
import { bounded } from "./bounds.ts";
import { consoleRoutes } from "./console/routes.ts";
import { createContext } from "./context.ts";
import { healthRoutes } from "./health.ts";
import { hostedRoutes } from "./hosted/routes.ts";
import { type OtlServerOptions, resolveOptions } from "./options.ts";
import type { Outbox } from "./outbox/setup.ts";
import { attachWebhooks, createWebhooks } from "./outbox/webhooks-setup.ts";
import { OtlProblem } from "./problem.ts";
import { requestFields } from "./request-log.ts";
import { adminRoutes } from "./routes/admin.ts";
import { auditRoutes } from "./routes/audit.ts";
import { linkRoutes } from "./routes/link.ts";
import { oauthRoutes } from "./routes/oauth.ts";
import { openApiRoutes } from "./routes/openapi.ts";
import { sessionRoutes } from "./routes/session.ts";
import { uploadRoutes } from "./routes/uploads.ts";
import { webhookRoutes } from "./routes/webhooks.ts";
import { isStoreFault, STORE_FAULT_RETRY_AFTER_SECONDS } from "./store/fault.ts";

const outboxes = new WeakMap<Hono, Outbox>();

const backgrounds = new WeakMap<Hono, BackgroundWork>();

/** The work an app's requests left running after their answers (renewals): settle it before closing the store. */
export function backgroundOf(app: Hono): BackgroundWork | undefined {
  return backgrounds.get(app);
}

/** The outbox (and its worker) of an app made by `createOtlServer`: stop it before closing the store. */
export function outboxOf(app: Hono): Outbox | undefined {
  return outboxes.get(app);
}

/**
 * Builds the OTL server as a Hono app: the admin API, the browser API, the hosted link pages and the
 * admin console.
 * Mount it in a host app, or serve it with `startOtlServer`. Options are checked here, once. When a
 * sender is configured (`mail`, `sms`), the outbox worker starts here too; `outboxOf(app).stop()` ends it.
 */
export function createOtlServer(options: OtlServerOptions): Hono {
  const resolved = resolveOptions(options);
  const webhooks = createWebhooks(resolved.store, resolved.webhookOptions, resolved.logger);
  // The domain announces every audited change the contract lists, in the change's own transaction (`domain/record.ts`).
  const ctx = createContext(resolved, webhooks.domain);
  const app = new Hono();

  // A problem thrown by a route is answered with the headers the answer frame gave its request
  // (X-Request-Id, and no-store, Vary and CORS under /v1): a refusal or a failure names its request too.
  app.onError((error, c) => answerProblem(c, problemOf(error, c)));
  app.notFound((c) => answerProblem(c, new OtlProblem("not_found", `No route for ${bounded(c.req.method, 16)} ${bounded(c.req.path)}`)));

  /** The problem an error is answered with; an unexpected one is logged first (by name and message only). */
  function problemOf(error: Error, c: Context): OtlProblem {
    if (error instanceof OtlProblem) return error;
    if (isStoreFault(error)) {
      // The disk is full or read-only, or the database unreachable: nothing of the request was kept, and
      // the same request can succeed once the fault clears, with no restart (CONTRACT.md, "Operability").
      ctx.logger.error(
        `${bounded(c.req.method, 16)} ${bounded(c.req.path)} unavailable: the store failed: ${bounded(error.message)}`,
        requestFields(c),
      );
      return new OtlProblem("unavailable", "The data store cannot serve this now; try again shortly", {
        headers: { "retry-after": String(STORE_FAULT_RETRY_AFTER_SECONDS) },
      });
    }
    // Only the error's name and message reach the log: request data (and any secret in it) stays out.
    ctx.logger.error(
      `${bounded(c.req.method, 16)} ${bounded(c.req.path)} failed: ${error.name}: ${bounded(error.message)}`,
      requestFields(c),
    );
    return new OtlProblem("internal");
  }

  // Request id, body limit, private answers, CORS and the request log, as one middleware (answer-frame.ts).
  app.use("*", answerFrame(ctx));

  app.route("/", healthRoutes(ctx));
  app.route("/", adminRoutes(ctx));
  app.route("/", auditRoutes(ctx));
  app.route("/", linkRoutes(ctx));
  app.route("/", sessionRoutes(ctx));
  app.route("/", oauthRoutes(ctx));
  app.route("/", uploadRoutes(ctx));
  app.route("/", hostedRoutes(ctx));
  app.route("/", consoleRoutes(ctx));
  app.route("/", openApiRoutes());
  app.route("/", webhookRoutes(ctx, webhooks.settings));
  webhooks.worker.start();
  attachWebhooks(app, webhooks);
  ctx.outbox.start();
  outboxes.set(app, ctx.outbox);
  backgrounds.set(app, ctx.background);
  return app;
}
