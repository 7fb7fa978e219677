import {
  ConsentRequest,
  CreateConnectionRequest,
  CredentialsRequest,
  FinishRequest,
  type Integration,
  type StartConnectionResult,
} from "@otl/protocol";
import type { Context } from "hono";
import { Hono } from "hono";
import { actorOf, type OtlContext, type OtlEnv } from "../context.ts";
import { patchOnConsent, STEPS_THAT_CAN_CONNECT, visibleStep } from "../flow.ts";
import { newId } from "../ids.ts";
import { sessionAuth } from "../middleware/session-auth.ts";
import { OtlProblem, validationProblem } from "../problem.ts";
import type { ConnectionRecord, FlowRecord } from "../store/types.ts";
import { readBody } from "../validate.ts";
import { connectionCustomerView, flowView } from "../views.ts";

type SessionContext = Context<OtlEnv>;

/** The flow calls a browser makes with its session token: read, consent, connect, finish, leave. */
export function sessionRoutes(ctx: OtlContext): Hono<OtlEnv> {
  const app = new Hono<OtlEnv>();
  app.use("/v1/session", sessionAuth(ctx));
  app.use("/v1/session/*", sessionAuth(ctx));

  async function currentFlow(c: SessionContext): Promise<FlowRecord> {
    const flow = await ctx.store.getFlow(c.get("session").flowId);
    if (!flow) throw new OtlProblem("not_found", "The flow of this session no longer exists");
    return flow;
  }

  // Every call that changes the flow: the second factor first, then an open flow.
  async function flowToChange(c: SessionContext): Promise<FlowRecord> {
    const flow = await currentFlow(c);
    if (visibleStep(flow, c.get("session")) === "verify") {
      throw new OtlProblem("second_factor_required", "Verify the code sent to the customer first");
    }
    if (flow.status !== "open" || flow.expiresAt <= ctx.clock.now()) {
      throw new OtlProblem("conflict", flow.status === "done" ? "This flow is already done" : "This flow has expired");
    }
    return flow;
  }

  async function answerFlow(c: SessionContext, flow: FlowRecord) {
    return c.json(await flowView(ctx, flow, c.get("session")));
  }

  function stepConflict(flow: FlowRecord, action: string): OtlProblem {
    return new OtlProblem("conflict", `Cannot ${action} at the ${flow.step} step`);
  }

  app.get("/v1/session", async (c) => answerFlow(c, await currentFlow(c)));

  app.delete("/v1/session", async (c) => {
    await ctx.store.endSession(c.get("session").id, actorOf(ctx, c));
    return c.body(null, 204);
  });

  app.post("/v1/session/consent", async (c) => {
    const body = await readBody(c, ConsentRequest);
    const flow = await flowToChange(c);
    const actor = actorOf(ctx, c);
    const wording = { textVersion: body.textVersion ?? "unspecified", locale: body.locale ?? "und", clientHash: actor.clientHash };
    const patch = patchOnConsent(flow, body.accept, ctx.clock.now(), wording);
    const audit = { event: "flow.consent" as const, detail: { accepted: body.accept } };
    const updated = await ctx.store.updateFlow(flow.id, ["consent"], patch, audit, actor);
    if (!updated) throw stepConflict(flow, "answer consent");
    return answerFlow(c, updated);
  });

  app.get("/v1/session/integrations", async (c) => {
    const hideSandbox = c.req.query("sandbox") === "false";
    const items: Integration[] = [...ctx.integrations.values()]
      .filter((integration) => !(hideSandbox && integration.sandbox))
      .map(({ key, name, category, kind, sandbox }) => ({ key, name, category, kind, sandbox }));
    return c.json({ items });
  });

  app.post("/v1/session/connections", async (c) => {
    const body = await readBody(c, CreateConnectionRequest);
    const integration = ctx.integrations.get(body.integration);
    if (!integration) throw validationProblem([{ field: "integration", message: "is not an integration this server offers" }]);
    const flow = await flowToChange(c);
    if (!STEPS_THAT_CAN_CONNECT.includes(flow.step)) throw stepConflict(flow, "connect");
    // Retrying the integration already under way re-attempts that connection instead of adding another.
    const current = flow.activeConnectionId ? await ctx.store.getConnection(flow.activeConnectionId) : null;
    const now = ctx.clock.now();
    const candidate: ConnectionRecord =
      current && current.integration === body.integration && current.status !== "linked"
        ? current
        : {
            id: newId("connection"),
            companyId: flow.companyId,
            flowId: flow.id,
            integration: body.integration,
            status: "pending",
            message: null,
            createdAt: now,
            updatedAt: now,
          };
    const started = await ctx.store.startConnection(flow.id, STEPS_THAT_CAN_CONNECT, candidate, actorOf(ctx, c));
    if (!started) throw stepConflict(flow, "connect");
    const result: StartConnectionResult = {
      connection: connectionCustomerView(ctx, started.connection),
      next: { kind: "credentials", fields: integration.fields },
    };
    return c.json(result);
  });

  app.post("/v1/session/connections/:connectionId/credentials", async (c) => {
    const body = await readBody(c, CredentialsRequest);
    const flow = await flowToChange(c);
    const connectionId = c.req.param("connectionId");
    const connection = await ctx.store.getConnection(connectionId);
    if (!connection || connection.flowId !== flow.id) throw new OtlProblem("not_found", `No connection ${connectionId} in this flow`);
    if (flow.step !== "connect" || flow.activeConnectionId !== connection.id)
      throw stepConflict(flow, "send credentials for this connection");
    const integration = ctx.integrations.get(connection.integration);
    if (!integration) throw new OtlProblem("conflict", `The integration ${connection.integration} is no longer offered`);
    const missing = integration.fields.filter((field) => !body.values[field.name]);
    if (missing.length > 0)
      throw validationProblem(missing.map((field) => ({ field: `values.${field.name}`, message: `${field.label} is required` })));
    const outcome = await integration.connect(body.values);
    const result = outcome.ok ? { status: "linked" as const, message: null } : { status: "failed" as const, message: outcome.message };
    const settled = await ctx.store.settleConnection(flow.id, connection.id, result, actorOf(ctx, c));
    if (!settled) throw stepConflict(flow, "send credentials for this connection");
    return answerFlow(c, settled.flow);
  });

  app.post("/v1/session/finish", async (c) => {
    await readBody(c, FinishRequest);
    const flow = await flowToChange(c);
    const finished = await ctx.store.finishFlow(flow.id, actorOf(ctx, c));
    if (!finished) throw new OtlProblem("conflict", `Connect at least one account before finishing (the flow is at the ${flow.step} step)`);
    ctx.logger.info(`flow ${flow.id} finished; revoked ${finished.revokedLinkIds.length} remaining link(s)`);
    return answerFlow(c, finished.flow);
  });

  return app;
}
