import { MAX_BODY_BYTES } from "@otl/protocol";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { createContext } from "./context.ts";
import { hostedRoutes } from "./hosted/routes.ts";
import { type OtlServerOptions, resolveOptions } from "./options.ts";
import { OtlProblem } from "./problem.ts";
import { adminRoutes } from "./routes/admin.ts";
import { linkRoutes } from "./routes/link.ts";
import { sessionRoutes } from "./routes/session.ts";
import { bodyTooLarge } from "./validate.ts";

/**
 * Builds the OTL server as a Hono app: the admin API, the browser API and the hosted link pages.
 * Mount it in a host app, or serve it with `startOtlServer`. Options are checked here, once.
 */
export function createOtlServer(options: OtlServerOptions): Hono {
  const ctx = createContext(resolveOptions(options));
  const app = new Hono();

  app.onError((error, c) => {
    if (error instanceof OtlProblem) return error.toResponse();
    // Only the error's name and message reach the log: request data (and any secret in it) stays out.
    ctx.logger.error(`${c.req.method} ${c.req.path} failed: ${error.name}: ${error.message}`);
    return new OtlProblem("internal").toResponse();
  });
  app.notFound((c) => new OtlProblem("not_found", `No route for ${c.req.method} ${c.req.path}`).toResponse());

  app.use("*", async (c, next) => {
    const started = performance.now();
    await next();
    // The path only: query strings carry link codes.
    ctx.logger.info(`${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`);
  });

  app.use(
    "/v1/*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw bodyTooLarge();
      },
    }),
  );

  // The browser API answers the allow-listed origins and the server's own; the admin API is server-to-server.
  const browserCors = cors({
    origin: (origin) => (origin === ctx.publicOrigin || ctx.allowedOrigins.has(origin) ? origin : null),
    allowMethods: ["GET", "POST", "DELETE"],
    allowHeaders: ["authorization", "content-type"],
    maxAge: 600,
  });
  app.use("/v1/link/*", browserCors);
  app.use("/v1/session", browserCors);
  app.use("/v1/session/*", browserCors);

  app.route("/", adminRoutes(ctx));
  app.route("/", linkRoutes(ctx));
  app.route("/", sessionRoutes(ctx));
  app.route("/", hostedRoutes(ctx));
  return app;
}
