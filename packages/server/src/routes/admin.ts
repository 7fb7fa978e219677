import {
  CompanyListQuery,
  CreateAccessTokenRequest,
  CreateCompanyRequest,
  CreateConnectionRequest,
  CreateLinkRequest,
  DEFAULT_PAGE_SIZE,
  type IssuedAccessToken,
  type IssuedLink,
} from "@otl/protocol";
import { Hono } from "hono";
import { answerJson } from "../answer-frame.ts";
import { iso } from "../clock.ts";
import { actorOf, type OtlContext } from "../context.ts";
import { companyOr404, createCompany, createConnection, listCompanies, listConnections } from "../domain/companies.ts";
import { linkDelivery } from "../domain/delivery.ts";
import { companyFlow } from "../domain/flow.ts";
import { issueAccessToken, issueLink, listLinks, readLink, revokeLink } from "../domain/grants.ts";
import { linkUrl } from "../link-url.ts";
import { adminAuth } from "../middleware/admin-auth.ts";
import { newAccessToken, newLinkCode } from "../tokens.ts";
import { parseWith, readBody } from "../validate.ts";
import { companyView, connectionView, flowAdminView, linkView } from "../views.ts";

/** The admin API hosts call with their API key: companies, connections, links, access tokens, flows. */
export function adminRoutes(ctx: OtlContext): Hono {
  const app = new Hono();
  app.use("/v1/companies/*", adminAuth(ctx));
  app.use("/v1/companies", adminAuth(ctx));
  app.use("/v1/links/*", adminAuth(ctx));

  app.post("/v1/companies", async (c) => {
    const body = await readBody(c, CreateCompanyRequest);
    const company = await createCompany(
      ctx,
      {
        name: body.name,
        contactEmail: body.contact?.email ?? null,
        contactPhone: body.contact?.phone ?? null,
        externalRef: body.externalRef ?? null,
        locale: body.locale ?? null,
      },
      actorOf(ctx, c),
    );
    return answerJson(c, companyView(company), 201);
  });

  app.get("/v1/companies", async (c) => {
    const query = parseWith(CompanyListQuery, c.req.query());
    const page = await listCompanies(ctx, { query: query.query, cursor: query.cursor, limit: query.limit ?? DEFAULT_PAGE_SIZE });
    return answerJson(c, { items: page.companies.map(companyView), nextCursor: page.nextCursor });
  });

  app.get("/v1/companies/:companyId", async (c) => answerJson(c, companyView(await companyOr404(ctx.store, c.req.param("companyId")))));

  app.post("/v1/companies/:companyId/connections", async (c) => {
    const body = await readBody(c, CreateConnectionRequest);
    const connection = await createConnection(ctx, c.req.param("companyId"), body.integration, actorOf(ctx, c));
    return answerJson(c, connectionView(ctx, connection), 201);
  });

  app.get("/v1/companies/:companyId/connections", async (c) => {
    const connections = await listConnections(ctx, c.req.param("companyId"));
    return answerJson(c, { items: connections.map((connection) => connectionView(ctx, connection)) });
  });

  app.post("/v1/companies/:companyId/links", async (c) => {
    const body = await readBody(c, CreateLinkRequest);
    const code = newLinkCode();
    const { grant, supersededIds } = await issueLink(
      ctx,
      {
        companyId: c.req.param("companyId"),
        type: body.type,
        connectionId: body.type === "connection" ? body.connectionId : null,
        secretHash: ctx.keyring.hash(code),
        ttlSeconds: body.ttlSeconds,
        require2fa: body.require2fa,
        deliver: body.deliver && {
          order: "email" in body.deliver ? { channel: "email", to: body.deliver.email } : { channel: "sms", to: body.deliver.sms },
          url: (grant) => linkUrl(ctx.publicUrl, grant, code),
        },
      },
      actorOf(ctx, c),
    );
    ctx.logger.info(
      `link ${grant.id} issued for ${grant.companyId}${supersededIds.length ? `, superseding ${supersededIds.join(", ")}` : ""}`,
    );
    const delivery = body.deliver ? await linkDelivery(ctx.store, grant.id) : undefined;
    const issued: IssuedLink = { ...linkView(grant, "active", delivery), code, url: linkUrl(ctx.publicUrl, grant, code) };
    return answerJson(c, issued, 201);
  });

  app.get("/v1/companies/:companyId/links", async (c) => {
    const links = await listLinks(ctx, c.req.param("companyId"));
    return answerJson(c, { items: links.map(({ grant, status, delivery }) => linkView(grant, status, delivery)) });
  });

  app.get("/v1/links/:linkId", async (c) => {
    const { grant, status, delivery } = await readLink(ctx, c.req.param("linkId"));
    return answerJson(c, linkView(grant, status, delivery));
  });

  app.delete("/v1/links/:linkId", async (c) => {
    const { grant, status } = await revokeLink(ctx, c.req.param("linkId"), actorOf(ctx, c));
    ctx.logger.info(`link ${grant.id} revoked`);
    return answerJson(c, linkView(grant, status));
  });

  app.post("/v1/companies/:companyId/access-tokens", async (c) => {
    const body = await readBody(c, CreateAccessTokenRequest);
    const accessToken = newAccessToken();
    const grant = await issueAccessToken(
      ctx,
      { companyId: c.req.param("companyId"), secretHash: ctx.keyring.hash(accessToken), ttlSeconds: body.ttlSeconds },
      actorOf(ctx, c),
    );
    ctx.logger.info(`access token ${grant.id} issued for ${grant.companyId}`);
    const issued: IssuedAccessToken = { accessToken, expiresAt: iso(grant.expiresAt) };
    return answerJson(c, issued, 201);
  });

  app.get("/v1/companies/:companyId/flow", async (c) => {
    const { flow, connections, now } = await companyFlow(ctx, c.req.param("companyId"));
    return answerJson(c, flowAdminView(ctx, flow, connections, now));
  });

  return app;
}
