import { ExchangeRequest, type ExchangeResult, InspectRequest, type InspectResult, RenewRequest } from "@otl/protocol";
import { Hono } from "hono";
import { answerEmpty, answerJson } from "../answer-frame.ts";
import { iso } from "../clock.ts";
import { actorOf, type OtlContext } from "../context.ts";
import { inspectLink, type Presented, redeem } from "../domain/redeem.ts";
import { renewLink } from "../domain/renew.ts";
import { linkUrl } from "../link-url.ts";
import { failureRateLimit, requestRateLimit } from "../middleware/rate-limit.ts";
import { OtlProblem } from "../problem.ts";
import type { GrantKind } from "../store/types.ts";
import { hasValidChecksum, newLinkCode, newSessionToken } from "../tokens.ts";
import { readBody } from "../validate.ts";
import { flowView } from "../views.ts";

const LINK_KINDS: GrantKind[] = ["company_link", "connection_link"];

/** The browser's entry points: look at a link without consuming it, and exchange a secret for a session. */
export function linkRoutes(ctx: OtlContext): Hono {
  const app = new Hono();
  app.use("/v1/link/inspect", failureRateLimit(ctx, "inspect"));
  app.use("/v1/link/exchange", failureRateLimit(ctx, "exchange"));
  app.use("/v1/link/renew", requestRateLimit(ctx, "renew"));

  // The stored forms of a secret; none for one whose checksum fails, so a typo or a guess costs no look-up.
  const hashesOf = (secret: string) => (hasValidChecksum(secret) ? ctx.keyring.candidates(secret) : []);

  app.post("/v1/link/inspect", async (c) => {
    const body = await readBody(c, InspectRequest);
    const match = { hashes: hashesOf(body.code), kinds: LINK_KINDS, companyId: body.companyId, connectionId: body.connectionId ?? null };
    const { grant, status, company } = await inspectLink(ctx, match, actorOf(ctx, c));
    const result: InspectResult = {
      status,
      companyName: company?.name ?? "",
      expiresAt: iso(grant.expiresAt),
      require2fa: grant.require2fa,
      dataShared: ctx.dataShared,
      recipient: ctx.recipient,
    };
    return answerJson(c, result);
  });

  app.post("/v1/link/exchange", async (c) => {
    const body = (await readBody(c, ExchangeRequest)) as ExchangeRequest;
    let presented: Presented;
    if ("accessToken" in body) {
      presented = { secret: { hashes: hashesOf(body.accessToken), kinds: ["access_token"], companyId: null, connectionId: null } };
    } else if ("code" in body) {
      presented = {
        secret: { hashes: hashesOf(body.code), kinds: LINK_KINDS, companyId: body.companyId, connectionId: body.connectionId ?? null },
      };
    } else {
      presented = { reusableLinkOf: body.companyId };
    }
    const sessionToken = newSessionToken();
    let redeemed: Awaited<ReturnType<typeof redeem>>;
    try {
      redeemed = await redeem(ctx, { presented, sessionTokenHash: ctx.keyring.hash(sessionToken) }, actorOf(ctx, c));
    } catch (error) {
      // The audit names the link; the log line only says why (it never carries the secret).
      if (error instanceof OtlProblem) ctx.logger.info(`redeem refused: ${error.code}`);
      throw error;
    }
    const { grant, state } = redeemed;
    ctx.logger.info(
      `${grant ? `${grant.kind === "access_token" ? "access token" : "link"} ${grant.id}` : "reusable link"} redeemed into ${state.flow.id}`,
    );
    const result: ExchangeResult = { sessionToken, expiresAt: iso(state.session.idleExpiresAt), flow: flowView(ctx, state) };
    return answerJson(c, result, 201);
  });

  // "Send me a new link": one answer, 202 with no body, whatever happened, so it tells nothing about
  // the code, its flow or the contact on file (SECURITY.md). The work runs after the answer, so not even
  // its timing differs between a made-up code and a link sent. The outcome goes to the audit and the log.
  app.post("/v1/link/renew", async (c) => {
    const body = await readBody(c, RenewRequest);
    if (ctx.renewLinks) {
      const match = { hashes: hashesOf(body.code), kinds: LINK_KINDS, companyId: body.companyId, connectionId: body.connectionId ?? null };
      const newCode = () => {
        const code = newLinkCode();
        return { code, hash: ctx.keyring.hash(code) };
      };
      const actor = actorOf(ctx, c);
      ctx.background.run(
        async () => {
          const outcome = await renewLink(ctx, { match, newCode, url: (grant, code) => linkUrl(ctx.publicUrl, grant, code) }, actor);
          ctx.logger.info(`link renewal requested: ${outcome}`);
        },
        (error) => ctx.logger.error(`link renewal failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
    return answerEmpty(c, 202);
  });

  return app;
}
