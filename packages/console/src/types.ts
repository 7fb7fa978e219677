// What the console reads from the admin API, as CONTRACT.md describes it. Written here rather than
// imported from @otl/protocol so that the console reads only the contract's fields, like any client,
// and works against a server that does not have every route yet.

/** A company (`GET /v1/companies/:id`). */
export interface Company {
  id: string;
  name: string;
  contact: { email: string | null; phone: string | null };
  externalRef: string | null;
  createdAt: string;
}

/** A company's connection to one integration. */
export interface Connection {
  id: string;
  integration: string;
  integrationName: string;
  status: "pending" | "linked" | "failed";
  message: string | null;
}

/** A link's delivery by e-mail or SMS (`GET /v1/links/:id`), when it was sent. */
export interface Delivery {
  channel: "email" | "sms";
  to: string;
  status: "queued" | "sent" | "failed";
  attempts: number;
  lastError: string | null;
}

/** A one-time link without its code; `code` and `url` only when just issued. */
export interface Link {
  id: string;
  type: "company" | "connection";
  connectionId: string | null;
  status: string;
  createdAt: string;
  expiresAt: string;
  consumedAt: string | null;
  revokedAt: string | null;
  delivery?: Delivery | null;
  code?: string;
  url?: string;
}

/** What the customer agreed to, kept when they accepted. */
export interface ConsentReceipt {
  textVersion: string;
  locale: string;
  acceptedAt: string;
}

/** A company's open or last flow. */
export interface Flow {
  id: string;
  status: "open" | "done" | "expired";
  step: string;
  consent: { status: string; at: string | null };
  consentReceipt: ConsentReceipt | null;
  expiresAt: string;
  finishedAt: string | null;
}

/** An uploaded statement (`GET /v1/connections/:id/files`): its type as the server read it from the bytes. */
export interface FileRecord {
  id: string;
  connectionId: string;
  /** The name the customer's browser gave, for display only. */
  name: string;
  mediaType: string;
  /** Bytes. */
  size: number;
  createdAt: string;
}

/** One audit record. */
export interface AuditRecord {
  seq: number;
  at: string;
  event: string;
  companyId: string | null;
  linkId: string | null;
  flowId: string | null;
  detail: Record<string, string | number | boolean | null> | null;
}

/** A webhook endpoint (its secret only in the answer that created it). */
export interface WebhookEndpoint {
  id: string;
  url: string;
  events: string[];
  description?: string | null;
  secret?: string;
}

/** One event's delivery to one endpoint. */
export interface WebhookDelivery {
  webhookId: string;
  event: string;
  status: string;
  attempts: number;
  lastStatus: number | null;
  nextAttemptAt: string | null;
}
