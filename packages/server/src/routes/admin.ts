import {
  CreateAccessTokenRequest,
  CreateCompanyRequest,
  CreateConnectionRequest,
  CreateLinkRequest,
  type IssuedAccessToken,
  type IssuedLink,
} from "@otl/protocol";
import { Hono } from "hono";
import { iso } from "../clock.ts";
import { actorOf, type OtlContext } from "../context.ts";
import { newId, newInternalId } from "../ids.ts";
import { linkUrl } from "../link-url.ts";
import { adminAuth } from "../middleware/admin-auth.ts";
import { OtlProblem, validationProblem } from "../problem.ts";
import type { CompanyRecord, GrantRecord } from "../store/types.ts";
import { newAccessToken, newLinkCode } from "../tokens.ts";
import { readBody } from "../validate.ts";
import { companyView, connectionView, flowAdminView, linkView } from "../views.ts";

/** The admin API hosts call with their API key: companies, connections, links, access tokens, flows. */
export function adminRoutes(ctx: OtlContext): Hono {
  const app = new Hono();
  app.use("/v1/companies/*", adminAuth(ctx));
  app.use("/v1/companies", adminAuth(ctx));
  app.use("/v1/links/*", adminAuth(ctx));

  async function companyOr404(companyId: string): Promise<CompanyRecord> {
    const company = await ctx.store.getCompany(companyId);
    if (!company) throw new OtlProblem("not_found", `No company ${companyId}`);
    return company;
  }

  app.post("/v1/companies", async (c) => {
    const body = await readBody(c, CreateCompanyRequest);
    const company: CompanyRecord = {
      id: newId("company"),
      name: body.name,
      contactEmail: body.contact?.email ?? null,
      contactPhone: body.contact?.phone ?? null,
      externalRef: body.externalRef ?? null,
      createdAt: ctx.clock.now(),
    };
    await ctx.store.createCompany(company, actorOf(ctx, c));
    return c.json(companyView(company), 201);
  });

  app.get("/v1/companies/:companyId", async (c) => c.json(companyView(await companyOr404(c.req.param("companyId")))));

  app.post("/v1/companies/:companyId/connections", async (c) => {
    const company = await companyOr404(c.req.param("companyId"));
    const body = await readBody(c, CreateConnectionRequest);
    if (!ctx.integrations.has(body.integration)) {
      throw validationProblem([
        { field: "integration", message: `is not an integration this server offers (${[...ctx.integrations.keys()].join(", ")})` },
      ]);
    }
    const now = ctx.clock.now();
    const connection = {
      id: newId("connection"),
      companyId: company.id,
      flowId: null,
      integration: body.integration,
      status: "pending" as const,
      message: null,
      createdAt: now,
      updatedAt: now,
    };
    await ctx.store.createConnection(connection, actorOf(ctx, c));
    return c.json(connectionView(ctx, connection), 201);
  });

  app.get("/v1/companies/:companyId/connections", async (c) => {
    const company = await companyOr404(c.req.param("companyId"));
    const connections = await ctx.store.listConnections(company.id);
    return c.json({ items: connections.map((connection) => connectionView(ctx, connection)) });
  });

  app.post("/v1/companies/:companyId/links", async (c) => {
    const company = await companyOr404(c.req.param("companyId"));
    const body = await readBody(c, CreateLinkRequest);
    if (body.require2fa) {
      throw validationProblem([{ field: "require2fa", message: "is not available yet: this server cannot send 2FA codes" }]);
    }
    if (body.deliver) {
      throw validationProblem([{ field: "deliver", message: "is not available yet: this server has no e-mail or SMS sender configured" }]);
    }
    const connectionId = body.type === "connection" ? body.connectionId : null;
    if (connectionId !== null) {
      const connection = await ctx.store.getConnection(connectionId);
      if (!connection || connection.companyId !== company.id) {
        throw validationProblem([{ field: "connectionId", message: `is not a connection of company ${company.id}` }]);
      }
    }
    const code = newLinkCode();
    const now = ctx.clock.now();
    const grant: GrantRecord = {
      id: newId("link"),
      kind: body.type === "connection" ? "connection_link" : "company_link",
      companyId: company.id,
      connectionId,
      secretHash: ctx.keyring.hash(code),
      require2fa: false,
      createdAt: now,
      expiresAt: now + (body.ttlSeconds ?? ctx.lifetimes.link) * 1000,
      consumedAt: null,
      revokedAt: null,
      supersededAt: null,
    };
    const { supersededIds } = await ctx.store.issueGrant(grant, { supersede: ctx.latestLinkOnly }, actorOf(ctx, c));
    ctx.logger.info(`link ${grant.id} issued for ${company.id}${supersededIds.length ? `, superseding ${supersededIds.join(", ")}` : ""}`);
    const issued: IssuedLink = { ...linkView(grant, now), code, url: linkUrl(ctx.publicUrl, grant, code) };
    return c.json(issued, 201);
  });

  app.get("/v1/companies/:companyId/links", async (c) => {
    const company = await companyOr404(c.req.param("companyId"));
    const now = ctx.clock.now();
    return c.json({ items: (await ctx.store.listLinks(company.id)).map((grant) => linkView(grant, now)) });
  });

  app.delete("/v1/links/:linkId", async (c) => {
    const linkId = c.req.param("linkId");
    const grant = await ctx.store.revokeGrant(linkId, actorOf(ctx, c));
    if (!grant || grant.kind === "access_token") throw new OtlProblem("not_found", `No link ${linkId}`);
    const view = linkView(grant, ctx.clock.now());
    if (view.status !== "revoked")
      throw new OtlProblem("conflict", `Link ${linkId} is already ${view.status}; only an active link can be revoked`);
    ctx.logger.info(`link ${grant.id} revoked`);
    return c.json(view);
  });

  app.post("/v1/companies/:companyId/access-tokens", async (c) => {
    const company = await companyOr404(c.req.param("companyId"));
    const body = await readBody(c, CreateAccessTokenRequest);
    const accessToken = newAccessToken();
    const now = ctx.clock.now();
    const grant: GrantRecord = {
      id: newInternalId("at_"),
      kind: "access_token",
      companyId: company.id,
      connectionId: null,
      secretHash: ctx.keyring.hash(accessToken),
      require2fa: false,
      createdAt: now,
      expiresAt: now + (body.ttlSeconds ?? ctx.lifetimes.accessToken) * 1000,
      consumedAt: null,
      revokedAt: null,
      supersededAt: null,
    };
    await ctx.store.issueGrant(grant, { supersede: false }, actorOf(ctx, c));
    ctx.logger.info(`access token ${grant.id} issued for ${company.id}`);
    const issued: IssuedAccessToken = { accessToken, expiresAt: iso(grant.expiresAt) };
    return c.json(issued, 201);
  });

  app.get("/v1/companies/:companyId/flow", async (c) => {
    const company = await companyOr404(c.req.param("companyId"));
    const flow = await ctx.store.latestFlow(company.id);
    if (!flow) throw new OtlProblem("not_found", `Company ${company.id} has no flow yet`);
    return c.json(flowAdminView(ctx, flow, await ctx.store.flowConnections(flow.id)));
  });

  return app;
}
