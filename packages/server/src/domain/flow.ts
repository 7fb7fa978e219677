import { newId } from "../ids.ts";
import type { IntegrationProvider } from "../integrations/types.ts";
import { OtlProblem, validationProblem } from "../problem.ts";
import type { Actor, ConnectionRecord, FlowRecord, SessionRecord, StoreReads, StoreTransaction } from "../store/types.ts";
import { companyOr404 } from "./companies.ts";
import type { DomainContext, FlowState } from "./context.ts";
import { isOpen, patchOnConsent, STEPS_THAT_CAN_CONNECT, visibleStep } from "./flow-rules.ts";
import { record } from "./record.ts";
import { currentSession, sessionIn } from "./session.ts";

// The customer's steps through a flow. Each runs in one transaction that finds the session, checks
// the flow, makes the change with a conditional write and answers from the rows it wrote.

/** 409 `conflict`: `action` is not possible at the flow's step. */
export function stepConflict(flow: FlowRecord, action: string): OtlProblem {
  return new OtlProblem("conflict", `Cannot ${action} at the ${flow.step} step`);
}

/** A flow a call may change: the second factor passed, then open and unexpired (403 or 409 otherwise). */
export function checkChangeable(flow: FlowRecord, session: SessionRecord, now: number): void {
  if (visibleStep(flow, session) === "verify") {
    throw new OtlProblem("second_factor_required", "Verify the code sent to the customer first");
  }
  if (!isOpen(flow, now)) throw new OtlProblem("conflict", flow.status === "done" ? "This flow is already done" : "This flow has expired");
}

/** The session and the flow it may change, inside `tx` (403 before the second factor, 409 once closed). */
export async function changeableFlow(d: DomainContext, tx: StoreTransaction, hashes: string[]) {
  const { session, flow, now } = await sessionIn(d, tx, hashes);
  checkChangeable(flow, session, now);
  return { session, flow, now };
}

/** The state a browser sees, from rows the transaction already holds plus the flow's connections. */
export async function stateOf(reads: StoreReads, session: SessionRecord, flow: FlowRecord): Promise<FlowState> {
  const atVerify = session.require2fa && session.verifiedAt === null;
  const [connections, company, secondFactor] = await Promise.all([
    reads.flowConnections(flow.id),
    companyOr404(reads, flow.companyId),
    atVerify ? reads.getSecondFactorCode(session.id) : null,
  ]);
  return { session, flow, connections, company, secondFactor };
}

/** The flow of the session with token hashes `hashes`, as it stands (GET /v1/session). */
export async function readFlow(d: DomainContext, hashes: string[]): Promise<FlowState> {
  const { session, flow } = await currentSession(d, hashes);
  return stateOf(d.store, session, flow);
}

/**
 * The customer's answer on the consent screen: accepted moves to `select` (or `connect`) and keeps the
 * consent receipt (the wording's version and language as the browser names them, `unspecified` and
 * `und` when it does not, the time and the actor's keyed address hash); declined stays and clears it.
 * 409 unless at `consent`.
 */
export async function answerConsent(
  d: DomainContext,
  hashes: string[],
  answer: { accept: boolean; textVersion?: string | undefined; locale?: string | undefined },
  actor: Actor,
): Promise<FlowState> {
  const { accept } = answer;
  const wording = { textVersion: answer.textVersion ?? "unspecified", locale: answer.locale ?? "und", clientHash: actor.clientHash };
  return d.store.withTransaction(async (tx) => {
    const { session, flow, now } = await changeableFlow(d, tx, hashes);
    const updated = await tx.updateFlow(flow.id, patchOnConsent(flow, accept, now, wording), ["consent"]);
    if (!updated) throw stepConflict(flow, "answer consent");
    await record(tx, d, [{ event: "flow.consent", companyId: flow.companyId, flowId: flow.id, detail: { accepted: accept } }], actor);
    return stateOf(tx, session, updated);
  });
}

/**
 * Starts connecting `integrationKey` (the flow moves to `connect`). Retrying the integration already
 * under way re-attempts that connection instead of adding another. 400 naming `integration` for one
 * not offered; 409 outside select, connect and review.
 */
export async function startConnection(
  d: DomainContext,
  hashes: string[],
  integrationKey: string,
  actor: Actor,
): Promise<{ connection: ConnectionRecord; integration: IntegrationProvider }> {
  const integration = d.integrations.get(integrationKey);
  if (!integration) throw validationProblem([{ field: "integration", message: "is not an integration this server offers" }]);
  return d.store.withTransaction(async (tx) => {
    const { flow, now } = await changeableFlow(d, tx, hashes);
    if (!STEPS_THAT_CAN_CONNECT.includes(flow.step)) throw stepConflict(flow, "connect");
    const current = flow.activeConnectionId ? await tx.getConnection(flow.activeConnectionId) : null;
    const retry =
      current && current.flowId === flow.id && current.integration === integrationKey && current.status !== "linked" ? current : null;
    const connectionId = retry?.id ?? newId("connection");
    const moved = await tx.updateFlow(flow.id, { step: "connect", activeConnectionId: connectionId }, STEPS_THAT_CAN_CONNECT);
    if (!moved) throw stepConflict(flow, "connect");
    let connection: ConnectionRecord;
    if (retry) {
      connection = (await tx.setConnectionStatus(retry.id, flow.id, "pending", null)) ?? retry;
    } else {
      connection = {
        id: connectionId,
        companyId: flow.companyId,
        flowId: flow.id,
        integration: integrationKey,
        status: "pending",
        message: null,
        createdAt: now,
        updatedAt: now,
      };
      await tx.insertConnection(connection);
    }
    await record(
      tx,
      d,
      [{ event: "connection.started", companyId: flow.companyId, flowId: flow.id, detail: { connectionId, integration: integrationKey } }],
      actor,
    );
    return { connection, integration };
  });
}

/**
 * Sends the customer's credentials for the connection under way to its integration, and records how
 * it answered: linked moves the flow to `review`, failed keeps it at `connect` with the message.
 * The integration is called between two transactions, never inside one. 404 for a connection not
 * in this flow; 409 when it is not the one under way; 400 naming each missing `values.<field>`.
 */
export async function sendCredentials(
  d: DomainContext,
  hashes: string[],
  connectionId: string,
  values: Readonly<Record<string, string>>,
  actor: Actor,
): Promise<FlowState> {
  const { session, flow, now } = await currentSession(d, hashes);
  checkChangeable(flow, session, now);
  const connection = await d.store.getConnection(connectionId);
  if (!connection || connection.flowId !== flow.id) throw new OtlProblem("not_found", `No connection ${connectionId} in this flow`);
  if (flow.step !== "connect" || flow.activeConnectionId !== connection.id)
    throw stepConflict(flow, "send credentials for this connection");
  const integration = d.integrations.get(connection.integration);
  if (!integration) throw new OtlProblem("conflict", `The integration ${connection.integration} is no longer offered`);
  if (integration.kind !== "credentials") throw new OtlProblem("conflict", `${integration.name} does not connect with credentials`);
  const missing = integration.fields.filter((field) => !values[field.name]);
  if (missing.length > 0) {
    throw validationProblem(missing.map((field) => ({ field: `values.${field.name}`, message: `${field.label} is required` })));
  }
  const outcome = await integration.connect(values);
  return d.store.withTransaction(async (tx) => {
    const status = outcome.ok ? "linked" : "failed";
    // Conditional writes: a connection linked meanwhile stays linked, a flow that moved on refuses.
    const settled = await tx.setConnectionStatus(connection.id, flow.id, status, outcome.ok ? null : outcome.message);
    if (!settled) throw stepConflict(flow, "send credentials for this connection");
    const updated = await tx.updateFlow(flow.id, outcome.ok ? { step: "review", activeConnectionId: null } : {}, ["connect"]);
    if (!updated) throw stepConflict(flow, "send credentials for this connection");
    await record(
      tx,
      d,
      [
        {
          event: outcome.ok ? "connection.linked" : "connection.failed",
          companyId: flow.companyId,
          flowId: flow.id,
          detail: { connectionId: connection.id, integration: connection.integration },
        },
      ],
      actor,
    );
    return stateOf(tx, session, updated);
  });
}

/**
 * "I have disclosed all my accounts": the flow is done and the company's remaining active links
 * are revoked, each audited, then `flow.finished` (Basiq deletes the link at this point). 409
 * unless at `review`, which needs at least one linked connection.
 */
export async function finishFlow(
  d: DomainContext,
  hashes: string[],
  actor: Actor,
): Promise<{ state: FlowState; revokedLinkIds: string[] }> {
  return d.store.withTransaction(async (tx) => {
    const { session, flow, now } = await changeableFlow(d, tx, hashes);
    const finished = await tx.updateFlow(flow.id, { status: "done", step: "done", finishedAt: now, activeConnectionId: null }, ["review"]);
    if (!finished) throw new OtlProblem("conflict", `Connect at least one account before finishing (the flow is at the ${flow.step} step)`);
    const revokedLinkIds = await tx.revokeLinks(flow.companyId);
    await record(
      tx,
      d,
      [
        ...revokedLinkIds.map((id) => ({
          event: "link.revoked" as const,
          companyId: flow.companyId,
          linkId: id,
          flowId: flow.id,
          detail: { by: "finish" },
        })),
        { event: "flow.finished", companyId: flow.companyId, flowId: flow.id, detail: { disclosedAll: true } },
      ],
      actor,
    );
    return { state: await stateOf(tx, session, finished), revokedLinkIds };
  });
}

/** The company's open flow, or else its last, with its connections and the database's time (admin API). 404 when it has none. */
export async function companyFlow(
  d: DomainContext,
  companyId: string,
): Promise<{ flow: FlowRecord; connections: ConnectionRecord[]; now: number }> {
  const company = await companyOr404(d.store, companyId);
  const flow = await d.store.latestFlow(company.id);
  if (!flow) throw new OtlProblem("not_found", `Company ${company.id} has no flow yet`);
  const [connections, now] = await Promise.all([d.store.flowConnections(flow.id), d.store.now()]);
  return { flow, connections, now };
}
