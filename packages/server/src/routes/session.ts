import {
  ConsentRequest,
  CredentialsRequest,
  FinishRequest,
  type Integration,
  StartConnectionRequest,
  type StartConnectionResult,
  VerifyRequest,
} from "@otl/protocol";
import { Hono } from "hono";
import { answerEmpty, answerJson } from "../answer-frame.ts";
import { actorOf, type OtlContext, type OtlEnv } from "../context.ts";
import { answerConsent, finishFlow, readFlow, sendCredentials, startConnection } from "../domain/flow.ts";
import { startRedirect } from "../domain/oauth.ts";
import { resendSecondFactor, verifySecondFactor } from "../domain/second-factor.ts";
import { currentSession, endSession } from "../domain/session.ts";
import { connectNext } from "../integrations/next.ts";
import { sessionAuth } from "../middleware/session-auth.ts";
import { readBody } from "../validate.ts";
import { connectionCustomerView, flowView } from "../views.ts";
import { allowedReturnTo, hostedPageUrl, redirectContext } from "./oauth-return.ts";

/** The flow calls a browser makes with its session token: read, verify the second factor, consent, connect, finish, leave. */
export function sessionRoutes(ctx: OtlContext): Hono<OtlEnv> {
  const app = new Hono<OtlEnv>();
  app.use("/v1/session", sessionAuth(ctx));
  app.use("/v1/session/*", sessionAuth(ctx));

  app.get("/v1/session", async (c) => answerJson(c, flowView(ctx, await readFlow(ctx, c.get("sessionHashes")))));

  app.delete("/v1/session", async (c) => {
    await endSession(ctx, c.get("sessionHashes"), actorOf(ctx, c));
    return answerEmpty(c, 204);
  });

  app.post("/v1/session/verify", async (c) => {
    const body = await readBody(c, VerifyRequest);
    return answerJson(c, flowView(ctx, await verifySecondFactor(ctx, c.get("sessionHashes"), body.code, actorOf(ctx, c))));
  });

  app.post("/v1/session/verify/resend", async (c) => {
    await resendSecondFactor(ctx, c.get("sessionHashes"), actorOf(ctx, c));
    return answerEmpty(c, 204);
  });

  app.post("/v1/session/consent", async (c) => {
    const body = await readBody(c, ConsentRequest);
    return answerJson(c, flowView(ctx, await answerConsent(ctx, c.get("sessionHashes"), body, actorOf(ctx, c))));
  });

  app.get("/v1/session/integrations", async (c) => {
    await currentSession(ctx, c.get("sessionHashes"));
    const hideSandbox = c.req.query("sandbox") === "false";
    const items: Integration[] = [...ctx.integrations.values()]
      .filter((integration) => !(hideSandbox && integration.sandbox))
      .map(({ key, name, category, kind, sandbox }) => ({ key, name, category, kind, sandbox }));
    return answerJson(c, { items });
  });

  app.post("/v1/session/connections", async (c) => {
    const body = await readBody(c, StartConnectionRequest);
    const returnTo = body.returnTo === undefined ? undefined : allowedReturnTo(ctx, body.returnTo);
    const hashes = c.get("sessionHashes");
    const { connection, integration } = await startConnection(ctx, hashes, body.integration, actorOf(ctx, c));
    const authorizeUrl =
      integration.kind === "redirect"
        ? await startRedirect(
            redirectContext(ctx),
            hashes,
            connection.id,
            integration,
            returnTo ?? hostedPageUrl(ctx, connection.companyId),
          )
        : null;
    const result: StartConnectionResult = {
      connection: connectionCustomerView(ctx, connection),
      next: connectNext(integration, authorizeUrl),
    };
    return answerJson(c, result);
  });

  app.post("/v1/session/connections/:connectionId/credentials", async (c) => {
    const body = await readBody(c, CredentialsRequest);
    const state = await sendCredentials(ctx, c.get("sessionHashes"), c.req.param("connectionId"), body.values, actorOf(ctx, c));
    return answerJson(c, flowView(ctx, state));
  });

  app.post("/v1/session/finish", async (c) => {
    await readBody(c, FinishRequest);
    const { state, revokedLinkIds } = await finishFlow(ctx, c.get("sessionHashes"), actorOf(ctx, c));
    ctx.logger.info(`flow ${state.flow.id} finished; revoked ${revokedLinkIds.length} remaining link(s)`);
    return answerJson(c, flowView(ctx, state));
  });

  return app;
}
