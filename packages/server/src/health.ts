import { Hono } from "hono";
import type { OtlContext } from "./context.ts";
import { OtlProblem } from "./problem.ts";

// Probes answer before the store is asked for anything else and carry no secret, so no auth; they
// are not cached, or a proxy could report a stale "ready".
const NO_STORE = { "cache-control": "no-store" } as const;

/**
 * `GET /healthz`: 200 while the process runs (liveness). `GET /readyz`: 200 when the store answers
 * a query, else 503 `unavailable` with `Retry-After` (readiness; CONTRACT.md, "Operability").
 */
export function healthRoutes(ctx: OtlContext): Hono {
  const app = new Hono();
  app.get("/healthz", (c) => c.json({ status: "ok" }, 200, NO_STORE));
  app.get("/readyz", async (c) => {
    try {
      await ctx.store.ping();
    } catch (error) {
      ctx.logger.error("readiness check failed: the store does not answer", { error: (error as Error).message });
      throw new OtlProblem("unavailable", "The store does not answer", { headers: { "retry-after": "5" } });
    }
    return c.json({ status: "ready" }, 200, NO_STORE);
  });
  return app;
}
