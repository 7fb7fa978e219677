import {
  AuditPage,
  AuditQuery,
  Company,
  CompanyListQuery,
  CompanyPage,
  Connecting,
  Connection,
  ConsentRequest,
  CreateAccessTokenRequest,
  CreateCompanyRequest,
  CreateConnectionRequest,
  CreatedWebhookEndpoint,
  CreateLinkRequest,
  CreateWebhookEndpointRequest,
  CredentialsRequest,
  ExchangeRequest,
  ExchangeResult,
  FinishRequest,
  Flow,
  FlowView,
  InspectRequest,
  InspectResult,
  Integration,
  IssuedAccessToken,
  IssuedLink,
  Link,
  listOf,
  StoredFile,
  UploadResult,
  WebhookDelivery,
  WebhookEndpoint,
} from "@otl/protocol";
import * as z from "zod/mini";

/** Who may call an operation: the host with its API key, the browser with a session token, or anyone. */
export type Security = "apiKey" | "sessionToken" | "none";

/** One API operation as the OpenAPI document describes it, built from the same schemas the routes parse with. */
export interface Operation {
  method: "get" | "post" | "delete";
  /** OpenAPI path syntax: `/v1/companies/{companyId}`. */
  path: string;
  /** Groups the reference: the admin API or the browser API. */
  tag: "admin" | "browser";
  summary: string;
  security: Security;
  /** The query parameters, as one object schema whose keys are the parameters. */
  query?: z.ZodMiniObject;
  body?: z.ZodMiniType;
  /** The body is `multipart/form-data` with one or more `file` parts (an upload), not JSON. */
  multipart?: true;
  /** The success status and its body schema (null for an empty answer, or a redirect). */
  success: { status: 200 | 201 | 204 | 302; schema: z.ZodMiniType | null; description: string };
}

const companyPath = "/v1/companies/{companyId}";

/**
 * Every operation of the admin API and the browser API. The OpenAPI test holds this list to the
 * app's real routes, both ways, so a route cannot be added or removed without its entry here.
 */
export const OPERATIONS: readonly Operation[] = [
  {
    method: "post",
    path: "/v1/companies",
    tag: "admin",
    summary: "Create a company",
    security: "apiKey",
    body: CreateCompanyRequest,
    success: { status: 201, schema: Company, description: "The company" },
  },
  {
    method: "get",
    path: "/v1/companies",
    tag: "admin",
    summary: "List companies, oldest first; search by name or externalRef",
    security: "apiKey",
    query: CompanyListQuery,
    success: { status: 200, schema: CompanyPage, description: "One page of companies" },
  },
  {
    method: "get",
    path: companyPath,
    tag: "admin",
    summary: "Read a company",
    security: "apiKey",
    success: { status: 200, schema: Company, description: "The company" },
  },
  {
    method: "post",
    path: `${companyPath}/connections`,
    tag: "admin",
    summary: "Create a pending connection, for a connection link",
    security: "apiKey",
    body: CreateConnectionRequest,
    success: { status: 201, schema: Connection, description: "The connection, pending" },
  },
  {
    method: "get",
    path: `${companyPath}/connections`,
    tag: "admin",
    summary: "List a company's connections",
    security: "apiKey",
    success: { status: 200, schema: listOf(Connection), description: "The connections, oldest first" },
  },
  {
    method: "post",
    path: `${companyPath}/links`,
    tag: "admin",
    summary: "Issue a one-time link (its code and URL are shown only here)",
    security: "apiKey",
    body: CreateLinkRequest,
    success: { status: 201, schema: IssuedLink, description: "The link with its code and URL" },
  },
  {
    method: "get",
    path: `${companyPath}/links`,
    tag: "admin",
    summary: "List a company's links with their statuses, without codes",
    security: "apiKey",
    success: { status: 200, schema: listOf(Link), description: "The links, newest first" },
  },
  {
    method: "get",
    path: "/v1/links/{linkId}",
    tag: "admin",
    summary: "Read a link with its status and, when it was sent, its delivery",
    security: "apiKey",
    success: { status: 200, schema: Link, description: "The link" },
  },
  {
    method: "delete",
    path: "/v1/links/{linkId}",
    tag: "admin",
    summary: "Revoke a link",
    security: "apiKey",
    success: { status: 200, schema: Link, description: "The link, revoked" },
  },
  {
    method: "post",
    path: `${companyPath}/access-tokens`,
    tag: "admin",
    summary: "Issue a single-use access token for SDK init",
    security: "apiKey",
    body: CreateAccessTokenRequest,
    success: { status: 201, schema: IssuedAccessToken, description: "The access token" },
  },
  {
    method: "get",
    path: `${companyPath}/flow`,
    tag: "admin",
    summary: "Read the company's open or last flow",
    security: "apiKey",
    success: { status: 200, schema: Flow, description: "The flow" },
  },
  {
    method: "get",
    path: "/v1/audit",
    tag: "admin",
    summary: "Read the audit log a page at a time; with Accept: application/x-ndjson, stream every match",
    security: "apiKey",
    query: AuditQuery,
    success: { status: 200, schema: AuditPage, description: "One page of audit records (or NDJSON, one record a line)" },
  },
  {
    method: "post",
    path: "/v1/webhook-endpoints",
    tag: "admin",
    summary: "Make a webhook endpoint (its whsec_ signing secret is shown only here)",
    security: "apiKey",
    body: CreateWebhookEndpointRequest,
    success: { status: 201, schema: CreatedWebhookEndpoint, description: "The endpoint with its secret" },
  },
  {
    method: "get",
    path: "/v1/webhook-endpoints",
    tag: "admin",
    summary: "List webhook endpoints, without secrets",
    security: "apiKey",
    success: { status: 200, schema: listOf(WebhookEndpoint), description: "The endpoints" },
  },
  {
    method: "delete",
    path: "/v1/webhook-endpoints/{endpointId}",
    tag: "admin",
    summary: "Remove a webhook endpoint",
    security: "apiKey",
    success: { status: 204, schema: null, description: "Removed" },
  },
  {
    method: "get",
    path: "/v1/webhook-endpoints/{endpointId}/deliveries",
    tag: "admin",
    summary: "An endpoint's webhook messages and their attempts, newest first",
    security: "apiKey",
    success: { status: 200, schema: listOf(WebhookDelivery), description: "The deliveries" },
  },
  {
    method: "post",
    path: "/v1/link/inspect",
    tag: "browser",
    summary: "Look at a link without consuming it",
    security: "none",
    body: InspectRequest,
    success: { status: 200, schema: InspectResult, description: "The link's status" },
  },
  {
    method: "post",
    path: "/v1/link/exchange",
    tag: "browser",
    summary: "Exchange a link code or access token for a session (exactly once)",
    security: "none",
    body: ExchangeRequest,
    success: { status: 201, schema: ExchangeResult, description: "The session and its flow" },
  },
  {
    method: "get",
    path: "/v1/session",
    tag: "browser",
    summary: "Read the session's flow",
    security: "sessionToken",
    success: { status: 200, schema: FlowView, description: "The flow" },
  },
  {
    method: "delete",
    path: "/v1/session",
    tag: "browser",
    summary: "End the session",
    security: "sessionToken",
    success: { status: 204, schema: null, description: "Ended" },
  },
  {
    method: "post",
    path: "/v1/session/consent",
    tag: "browser",
    summary: "Accept or decline the consent",
    security: "sessionToken",
    body: ConsentRequest,
    success: { status: 200, schema: FlowView, description: "The flow" },
  },
  {
    method: "get",
    path: "/v1/session/integrations",
    tag: "browser",
    summary: "List the integrations the customer may connect",
    security: "sessionToken",
    // The route reads this one flag by hand; its shape is written here for the reference.
    query: z.strictObject({ sandbox: z.optional(z.enum(["true", "false"])) }),
    success: { status: 200, schema: listOf(Integration), description: "The integrations" },
  },
  {
    method: "post",
    path: "/v1/session/connections",
    tag: "browser",
    summary: "Start connecting an integration",
    security: "sessionToken",
    body: CreateConnectionRequest,
    success: { status: 200, schema: Connecting, description: "The connection and what comes next" },
  },
  {
    method: "post",
    path: "/v1/session/connections/{connectionId}/credentials",
    tag: "browser",
    summary: "Send the credentials of a credentials integration",
    security: "sessionToken",
    body: CredentialsRequest,
    success: { status: 200, schema: FlowView, description: "The flow" },
  },
  {
    method: "post",
    path: "/v1/session/finish",
    tag: "browser",
    summary: "Finish the flow",
    security: "sessionToken",
    body: FinishRequest,
    success: { status: 200, schema: FlowView, description: "The flow, done" },
  },
  {
    method: "get",
    path: "/v1/oauth/callback",
    tag: "browser",
    summary: "OAuth 2 redirect target of `redirect` integrations (the provider sends the browser here)",
    security: "none",
    // The provider's parameters (RFC 6749 §4.1.2): read by the domain, which refuses a missing, forged or replayed state.
    query: z.object({
      state: z.string(),
      code: z.optional(z.string()),
      error: z.optional(z.string()),
      error_description: z.optional(z.string()),
    }),
    success: { status: 302, schema: null, description: "Back to the page the flow started from (the hosted page or an allowed origin)" },
  },
  {
    method: "post",
    path: "/v1/session/connections/{connectionId}/upload",
    tag: "browser",
    summary: "Upload statements to an upload connection (streamed, capped, type decided by the bytes)",
    security: "sessionToken",
    multipart: true,
    success: { status: 200, schema: UploadResult, description: "The flow and the connection's files" },
  },
  {
    method: "delete",
    path: "/v1/session/connections/{connectionId}/files/{fileId}",
    tag: "browser",
    summary: "Remove an uploaded file before the connection is complete",
    security: "sessionToken",
    success: { status: 200, schema: UploadResult, description: "The flow and the connection's files" },
  },
  {
    method: "post",
    path: "/v1/session/connections/{connectionId}/upload/complete",
    tag: "browser",
    summary: "Finish uploading: the connection is linked with its files",
    security: "sessionToken",
    success: { status: 200, schema: FlowView, description: "The flow" },
  },
  {
    method: "get",
    path: "/v1/connections/{connectionId}/files",
    tag: "admin",
    summary: "A connection's uploaded files",
    security: "apiKey",
    success: { status: 200, schema: listOf(StoredFile), description: "The files, oldest first" },
  },
  {
    method: "get",
    path: "/v1/files/{fileId}",
    tag: "admin",
    summary: "Download an uploaded file: its original bytes, with its type in Content-Type",
    security: "apiKey",
    success: { status: 200, schema: null, description: "The file's bytes (an attachment)" },
  },
];
