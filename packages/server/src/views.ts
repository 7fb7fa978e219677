import {
  type AuditRecordView,
  type Company,
  type Connection,
  type ConnectionView,
  type Flow,
  type FlowView,
  type Link,
  type LinkDelivery,
  type LinkStatus,
  WEBHOOK_EVENTS,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEventType,
} from "@otl/protocol";
import { iso, isoOrNull } from "./clock.ts";
import type { OtlContext } from "./context.ts";
import type { FlowState } from "./domain/context.ts";
import { visibleStep } from "./domain/flow-rules.ts";
import { SECOND_FACTOR } from "./domain/second-factor.ts";
import { type ConfiguredEndpoint, ENV_ENDPOINT_ID } from "./domain/webhooks.ts";
import { connectNext } from "./integrations/next.ts";
import type {
  AuditRecord,
  CompanyRecord,
  ConnectionRecord,
  FlowRecord,
  GrantRecord,
  OutboxRecord,
  WebhookEndpointRecord,
} from "./store/types.ts";

// Records become wire views here and only here, so no column can leak by accident.

/** The wire form of a company. */
export function companyView(company: CompanyRecord): Company {
  return {
    id: company.id,
    name: company.name,
    contact: { email: company.contactEmail, phone: company.contactPhone },
    externalRef: company.externalRef,
    locale: company.locale ?? null,
    createdAt: iso(company.createdAt),
  };
}

function integrationName(ctx: OtlContext, key: string): string {
  return ctx.integrations.get(key)?.name ?? key;
}

/** The admin view of a connection. */
export function connectionView(ctx: OtlContext, connection: ConnectionRecord): Connection {
  return {
    id: connection.id,
    companyId: connection.companyId,
    integration: connection.integration,
    integrationName: integrationName(ctx, connection.integration),
    status: connection.status,
    message: connection.message,
    createdAt: iso(connection.createdAt),
    updatedAt: iso(connection.updatedAt),
  };
}

/** The customer's view of a connection. */
export function connectionCustomerView(ctx: OtlContext, connection: ConnectionRecord): ConnectionView {
  return {
    id: connection.id,
    integration: connection.integration,
    integrationName: integrationName(ctx, connection.integration),
    status: connection.status,
    message: connection.message,
  };
}

/** The admin view of a link with its status (see `grantStatus`) and its delivery if it was sent, never with its code. */
export function linkView(grant: GrantRecord, status: LinkStatus, delivery?: LinkDelivery): Link {
  return {
    id: grant.id,
    companyId: grant.companyId,
    type: grant.kind === "connection_link" ? "connection" : "company",
    connectionId: grant.connectionId,
    status,
    require2fa: grant.require2fa,
    createdAt: iso(grant.createdAt),
    expiresAt: iso(grant.expiresAt),
    consumedAt: isoOrNull(grant.consumedAt),
    revokedAt: isoOrNull(grant.revokedAt),
    ...(delivery ? { delivery } : {}),
  };
}

/** The admin view of a flow, as it stands at `now` (the database's time of the read). */
export function flowAdminView(ctx: OtlContext, flow: FlowRecord, connections: ConnectionRecord[], now: number): Flow {
  return {
    id: flow.id,
    companyId: flow.companyId,
    status: flow.status === "open" && flow.expiresAt <= now ? "expired" : flow.status,
    step: flow.step,
    consent: { status: flow.consentStatus, at: isoOrNull(flow.consentAt) },
    // Acceptances recorded before receipts existed have none: the receipt is never made up afterwards.
    consentReceipt:
      flow.consentStatus === "accepted" && flow.consentAt !== null && flow.consentTextVersion !== null
        ? {
            textVersion: flow.consentTextVersion,
            locale: flow.consentLocale ?? "und",
            acceptedAt: iso(flow.consentAt),
            clientHash: flow.consentClientHash,
          }
        : null,
    connections: connections.map((connection) => connectionView(ctx, connection)),
    createdAt: iso(flow.createdAt),
    updatedAt: iso(flow.updatedAt),
    expiresAt: iso(flow.expiresAt),
    finishedAt: isoOrNull(flow.finishedAt),
  };
}

/** The browser's view of a flow: the current step and everything needed to render it, from what the domain read or wrote. */
export function flowView(ctx: OtlContext, { session, flow, connections, company, secondFactor }: FlowState): FlowView {
  const step = visibleStep(flow, session);
  const active = step === "connect" ? connections.find((connection) => connection.id === flow.activeConnectionId) : undefined;
  const integration = active ? ctx.integrations.get(active.integration) : undefined;
  return {
    id: flow.id,
    companyId: flow.companyId,
    companyName: company.name,
    step,
    require2fa: session.require2fa,
    consent: { status: flow.consentStatus, at: isoOrNull(flow.consentAt) },
    dataShared: ctx.dataShared,
    connections: connections.map((connection) => connectionCustomerView(ctx, connection)),
    connecting: active && integration ? { connection: connectionCustomerView(ctx, active), next: connectNext(integration) } : null,
    expiresAt: iso(flow.expiresAt),
    recipient: ctx.recipient,
    verification:
      step === "verify" && secondFactor
        ? { channel: secondFactor.channel, to: secondFactor.to, resendAt: iso(secondFactor.sentAt + SECOND_FACTOR.cooldownMs) }
        : null,
  };
}

/** The admin view of an audit record: the client's keyed hash stays inside. */
export function auditView(record: AuditRecord): AuditRecordView {
  return {
    seq: record.seq,
    at: iso(record.at),
    event: record.event,
    companyId: record.companyId,
    linkId: record.linkId,
    flowId: record.flowId,
    detail: record.detail,
  };
}

/** The admin view of a webhook endpoint: never its secret. */
export function webhookEndpointView(endpoint: WebhookEndpointRecord): WebhookEndpoint {
  return {
    id: endpoint.id,
    url: endpoint.url,
    events: (endpoint.events ?? WEBHOOK_EVENTS) as WebhookEventType[],
    description: endpoint.description,
    createdAt: iso(endpoint.createdAt),
  };
}

/** The endpoint from the environment, as the list shows it (it receives every event, and was made with the server). */
export function configuredEndpointView(endpoint: ConfiguredEndpoint): WebhookEndpoint {
  return { id: ENV_ENDPOINT_ID, url: endpoint.url, events: WEBHOOK_EVENTS, description: "OTL_WEBHOOK_URL", createdAt: iso(0) };
}

/** One webhook message and its attempts, as the deliveries list shows it. */
export function webhookDeliveryView(message: OutboxRecord): WebhookDelivery {
  return {
    webhookId: message.id,
    event: message.meta?.event as WebhookEventType,
    status: message.status,
    attempts: message.attempts,
    lastStatus: message.lastStatus,
    lastError: message.lastError,
    nextAttemptAt: message.status === "pending" ? iso(message.nextAttemptAt) : null,
    createdAt: iso(message.createdAt),
  };
}
