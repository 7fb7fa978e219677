import { ExchangeRequest, type ExchangeResult, InspectRequest, type InspectResult, type SpentTokenCode } from "@otl/protocol";
import { Hono } from "hono";
import { iso } from "../clock.ts";
import { actorOf, type OtlContext } from "../context.ts";
import { newId, newInternalId } from "../ids.ts";
import { failureRateLimit } from "../middleware/rate-limit.ts";
import { OtlProblem } from "../problem.ts";
import type { Actor, GrantKind, GrantRecord, RedeemRequest } from "../store/types.ts";
import { hasValidChecksum, newSessionToken } from "../tokens.ts";
import { readBody } from "../validate.ts";
import { flowView, grantStatus } from "../views.ts";

const LINK_KINDS: GrantKind[] = ["company_link", "connection_link"];

const SPENT: Record<Exclude<ReturnType<typeof grantStatus>, "active">, SpentTokenCode> = {
  consumed: "token_consumed",
  expired: "token_expired",
  revoked: "token_revoked",
  superseded: "token_superseded",
};

const SPENT_DETAIL: Record<SpentTokenCode, string> = {
  token_consumed: "This code has already been used",
  token_expired: "This code has expired",
  token_revoked: "This code was revoked",
  token_superseded: "A newer link replaced this code",
};

function invalid(): OtlProblem {
  return new OtlProblem("token_invalid", "No such code or access token");
}

/** Whether a grant found by its secret is the one this request may use: same kind, company and connection. */
function fitsRequest(grant: GrantRecord, request: Pick<RedeemRequest, "kinds" | "companyId" | "connectionId">): boolean {
  return (
    request.kinds.includes(grant.kind) &&
    (request.companyId === null || grant.companyId === request.companyId) &&
    grant.connectionId === request.connectionId
  );
}

/** The browser's entry points: look at a link without consuming it, and exchange a secret for a session. */
export function linkRoutes(ctx: OtlContext): Hono {
  const app = new Hono();
  app.use("/v1/link/inspect", failureRateLimit(ctx, "inspect"));
  app.use("/v1/link/exchange", failureRateLimit(ctx, "exchange"));

  app.post("/v1/link/inspect", async (c) => {
    const body = await readBody(c, InspectRequest);
    if (!hasValidChecksum(body.code)) throw invalid();
    const grant = await ctx.store.findGrant(ctx.keyring.candidates(body.code));
    const match = { kinds: LINK_KINDS, companyId: body.companyId, connectionId: body.connectionId ?? null };
    // A code shown at another company's URL is as unknown as a made-up one.
    if (!grant || !fitsRequest(grant, match)) throw invalid();
    const company = await ctx.store.getCompany(grant.companyId);
    await ctx.store.audit({ event: "link.viewed", companyId: grant.companyId, linkId: grant.id, clientHash: actorOf(ctx, c).clientHash });
    const result: InspectResult = {
      status: grantStatus(grant, ctx.clock.now()),
      companyName: company?.name ?? "",
      expiresAt: iso(grant.expiresAt),
      require2fa: grant.require2fa,
      dataShared: ctx.dataShared,
      recipient: ctx.recipient,
    };
    return c.json(result);
  });

  app.post("/v1/link/exchange", async (c) => {
    const body = (await readBody(c, ExchangeRequest)) as ExchangeRequest;
    const actor = actorOf(ctx, c);
    let secret: string | null = null;
    let match: Pick<RedeemRequest, "kinds" | "companyId" | "connectionId">;
    if ("accessToken" in body) {
      secret = body.accessToken;
      match = { kinds: ["access_token"], companyId: null, connectionId: null };
    } else if ("code" in body) {
      secret = body.code;
      match = { kinds: LINK_KINDS, companyId: body.companyId, connectionId: body.connectionId ?? null };
    } else {
      if (!ctx.allowReusableLinks) {
        throw new OtlProblem("token_invalid", "This link needs its one-time code: reusable links are turned off on this server");
      }
      match = { kinds: LINK_KINDS, companyId: body.companyId, connectionId: null };
    }
    if (secret !== null && !hasValidChecksum(secret)) {
      await recordFailure(ctx, actor, null, "token_invalid");
      throw invalid();
    }
    const sessionToken = newSessionToken();
    const outcome = await ctx.store.redeem(
      {
        ...match,
        hashes: secret === null ? null : ctx.keyring.candidates(secret),
        session: {
          id: newInternalId("ss_"),
          tokenHash: ctx.keyring.hash(sessionToken),
          idleMs: ctx.lifetimes.sessionIdle * 1000,
          absoluteMs: ctx.lifetimes.sessionAbsolute * 1000,
        },
        newFlow: { id: newId("flow"), lifetimeMs: ctx.lifetimes.flow * 1000 },
      },
      actor,
    );
    if (!outcome.ok) {
      const grant = outcome.grant && fitsRequest(outcome.grant, match) ? outcome.grant : null;
      const status = grant ? grantStatus(grant, ctx.clock.now()) : "active";
      // Found but "active" means the database saw it expire between its update and our read.
      const code = grant ? (status === "active" ? "token_expired" : SPENT[status]) : "token_invalid";
      await recordFailure(ctx, actor, grant, code);
      throw code === "token_invalid" ? invalid() : new OtlProblem(code, SPENT_DETAIL[code]);
    }
    ctx.logger.info(
      `${outcome.grant ? `${outcome.grant.kind === "access_token" ? "access token" : "link"} ${outcome.grant.id}` : "reusable link"} redeemed into ${outcome.flow.id}`,
    );
    const result: ExchangeResult = {
      sessionToken,
      expiresAt: iso(outcome.session.idleExpiresAt),
      flow: await flowView(ctx, outcome.flow, outcome.session),
    };
    return c.json(result, 201);
  });

  return app;
}

async function recordFailure(ctx: OtlContext, actor: Actor, grant: GrantRecord | null, code: string): Promise<void> {
  const replay = code === "token_consumed";
  await ctx.store.audit({
    event: replay ? "link.replayed" : "link.redeem_failed",
    companyId: grant?.companyId ?? null,
    linkId: grant?.id ?? null,
    clientHash: actor.clientHash,
    detail: { reason: code },
  });
  ctx.logger.info(`${grant ? `${grant.id} ` : ""}redeem refused: ${code}`);
}
