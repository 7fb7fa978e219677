import { MAX_BODY_BYTES } from "@otl/protocol";
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import type { BackgroundWork } from "./background.ts";
import { bounded } from "./bounds.ts";
import { consoleRoutes } from "./console/routes.ts";
import { createContext } from "./context.ts";
import { healthRoutes } from "./health.ts";
import { hostedRoutes } from "./hosted/routes.ts";
import { privateAnswers } from "./middleware/private-answers.ts";
import { type OtlServerOptions, resolveOptions } from "./options.ts";
import type { Outbox } from "./outbox/setup.ts";
import { attachWebhooks, createWebhooks } from "./outbox/webhooks-setup.ts";
import { OtlProblem } from "./problem.ts";
import { requestFields, requestLog, withRequestId } from "./request-log.ts";
import { adminRoutes } from "./routes/admin.ts";
import { auditRoutes } from "./routes/audit.ts";
import { linkRoutes } from "./routes/link.ts";
import { oauthRoutes } from "./routes/oauth.ts";
import { openApiRoutes } from "./routes/openapi.ts";
import { sessionRoutes } from "./routes/session.ts";
import { UPLOAD_PATH, uploadRoutes } from "./routes/uploads.ts";
import { webhookRoutes } from "./routes/webhooks.ts";
import { isStoreFault, STORE_FAULT_RETRY_AFTER_SECONDS } from "./store/fault.ts";
import { bodyTooLarge } from "./validate.ts";

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

  // A problem thrown by a route replaces the answer the middlewares were building, and with it the
  // X-Request-Id they set: the answer of a refusal or a failure names its request all the same.
  app.onError((error, c) => withRequestId(c, problemOf(error, c).toResponse()));
  app.notFound((c) =>
    withRequestId(c, new OtlProblem("not_found", `No route for ${bounded(c.req.method, 16)} ${bounded(c.req.path)}`).toResponse()),
  );

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

  app.use("*", requestLog(ctx.logger));

  // A declared Content-Length is checked from the header alone, which leaves the body to be read
  // straight from the socket; a body sent in chunks is counted as it streams by Hono's own limit.
  const streamedBodyLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw bodyTooLarge();
    },
  });
  app.use("/v1/*", async (c, next) => {
    const method = c.req.method;
    if (method === "GET" || method === "HEAD") return next();
    // Uploads stream multipart under their integration's own limit (routes/uploads-multipart.ts).
    if (method === "POST" && UPLOAD_PATH.test(c.req.path)) return next();
    const length = c.req.header("content-length");
    if (length === undefined || !/^\d+$/.test(length) || c.req.header("transfer-encoding") !== undefined) return streamedBodyLimit(c, next);
    if (Number(length) > MAX_BODY_BYTES) throw bodyTooLarge();
    return next();
  });

  // The browser API answers the allow-listed origins and the server's own; the admin API is server-to-server.
  const allowOrigin = (origin: string) => (origin === ctx.publicOrigin || ctx.allowedOrigins.has(origin) ? origin : null);
  const preflight = cors({
    origin: allowOrigin,
    allowMethods: ["GET", "POST", "DELETE"],
    allowHeaders: ["authorization", "content-type"],
    maxAge: 600,
  });
  // Hono's cors answers preflights. On the calls themselves it adds `Vary` with `c.header` after the
  // handler, which rebuilds the answer as a full web Response (a quarter of an exchange's time on Node);
  // the same headers, set on the answer's own (mutable) headers, leave it on @hono/node-server's fast path.
  const browserCors: MiddlewareHandler = async (c, next) => {
    if (c.req.method === "OPTIONS") return preflight(c, next);
    const origin = allowOrigin(c.req.header("origin") ?? "");
    if (origin) {
      c.res.headers.set("Access-Control-Allow-Origin", origin);
      // A page on another origin reads the server's clock (`Date`: the 2FA resend countdown runs on it,
      // not on a browser clock that may be off) and how long to wait after a refusal (`Retry-After`).
      c.res.headers.set("Access-Control-Expose-Headers", "Date, Retry-After");
    }
    await next();
    try {
      c.res.headers.append("Vary", "Origin");
    } catch {
      // An answer with immutable headers (say, one passed through from fetch): let Hono copy it.
      c.header("Vary", "Origin", { append: true });
    }
  };

  app.use("/v1/*", privateAnswers);
  app.use("/v1/link/*", browserCors);
  app.use("/v1/session", browserCors);
  app.use("/v1/session/*", browserCors);

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
