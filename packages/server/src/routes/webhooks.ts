import { type CreatedWebhookEndpoint, CreateWebhookEndpointRequest, WebhookEndpointId } from "@otl/protocol";
import { Hono } from "hono";
import { answerEmpty, answerJson } from "../answer-frame.ts";
import type { OtlContext } from "../context.ts";
import { createWebhookEndpoint, deleteWebhookEndpoint, listWebhookDeliveries, type WebhookSettings } from "../domain/webhooks.ts";
import { adminAuth } from "../middleware/admin-auth.ts";
import { parseWith, readBody } from "../validate.ts";
import { configuredEndpointView, webhookDeliveryView, webhookEndpointView } from "../views.ts";

/** The admin API's webhook endpoints: make (the secret shown once), list (no secrets), remove, and see deliveries. */
export function webhookRoutes(ctx: OtlContext, settings: WebhookSettings): Hono {
  const app = new Hono();
  app.use("/v1/webhook-endpoints", adminAuth(ctx));
  app.use("/v1/webhook-endpoints/*", adminAuth(ctx));

  app.post("/v1/webhook-endpoints", async (c) => {
    const body = await readBody(c, CreateWebhookEndpointRequest);
    const { endpoint, secret } = await createWebhookEndpoint(ctx.store, settings, body);
    ctx.logger.info(`webhook endpoint ${endpoint.id} created`);
    const created: CreatedWebhookEndpoint = { ...webhookEndpointView(endpoint), secret };
    return answerJson(c, created, 201);
  });

  app.get("/v1/webhook-endpoints", async (c) => {
    const stored = (await ctx.store.listWebhookEndpoints()).map(webhookEndpointView);
    return answerJson(c, { items: settings.configured ? [configuredEndpointView(settings.configured), ...stored] : stored });
  });

  app.delete("/v1/webhook-endpoints/:endpointId", async (c) => {
    const id = parseWith(WebhookEndpointId, c.req.param("endpointId"));
    await deleteWebhookEndpoint(ctx.store, id);
    ctx.logger.info(`webhook endpoint ${id} removed`);
    return answerEmpty(c, 204);
  });

  app.get("/v1/webhook-endpoints/:endpointId/deliveries", async (c) => {
    const messages = await listWebhookDeliveries(ctx.store, settings, c.req.param("endpointId"));
    return answerJson(c, { items: messages.map(webhookDeliveryView) });
  });

  return app;
}
