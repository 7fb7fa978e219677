import { Problem } from "@otl/protocol";
import * as z from "zod/mini";
import { OPERATIONS, type Operation, type Security } from "./operations.ts";

/** A JSON Schema, as zod writes it. */
type JsonSchema = Record<string, unknown>;

// zod writes draft 2020-12, which is OpenAPI 3.1's own dialect, so schemas go in as they are (without `$schema`).
function jsonSchema(schema: z.ZodMiniType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return rest;
}

const SECURITY_SCHEMES = {
  apiKey: { type: "http", scheme: "bearer", description: "The server's API key (`otl_sk_…`), for the host's backend only." },
  sessionToken: { type: "http", scheme: "bearer", description: "A session token (`otl_st_…`) from `POST /v1/link/exchange`." },
} as const;

const PROBLEM_ANSWER = {
  description: "An RFC 9457 problem: `code` says what went wrong, `errors` names each bad field",
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
};

// One or more `file` parts; the server reads their type from the bytes, so none is promised here.
const UPLOAD_BODY = {
  type: "object",
  properties: { file: { type: "array", items: { type: "string", contentMediaType: "application/octet-stream" } } },
  required: ["file"],
};

function security(kind: Security) {
  return kind === "none" ? [] : [{ [kind]: [] }];
}

function parameters(operation: Operation) {
  const pathParameters = [...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  const query = operation.query
    ? (jsonSchema(operation.query, "input") as { properties?: Record<string, JsonSchema>; required?: string[] })
    : {};
  const queryParameters = Object.entries(query.properties ?? {}).map(([name, schema]) => ({
    name,
    in: "query",
    required: query.required?.includes(name) ?? false,
    schema,
  }));
  return [...pathParameters, ...queryParameters];
}

function operationObject(operation: Operation) {
  const { status, schema, description } = operation.success;
  return {
    tags: [operation.tag],
    summary: operation.summary,
    operationId: `${operation.method}${operation.path.replace(/[{}]/g, "").replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase())}`,
    security: security(operation.security),
    parameters: parameters(operation),
    ...(operation.body
      ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(operation.body, "input") } } } }
      : {}),
    ...(operation.multipart ? { requestBody: { required: true, content: { "multipart/form-data": { schema: UPLOAD_BODY } } } } : {}),
    responses: {
      [status]: schema ? { description, content: { "application/json": { schema: jsonSchema(schema, "output") } } } : { description },
      default: PROBLEM_ANSWER,
    },
  };
}

/**
 * The OpenAPI 3.1 document of the admin and browser APIs, built from `OPERATIONS` and the protocol's
 * zod schemas (request bodies and query parameters as accepted, answers as sent). Served at `GET /openapi.json`.
 */
export function openApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of OPERATIONS) {
    paths[operation.path] ??= {};
    (paths[operation.path] as Record<string, unknown>)[operation.method] = operationObject(operation);
  }
  return {
    openapi: "3.1.1",
    info: {
      title: "OTL companion server",
      version,
      description: "One-time links for customer consent flows: the admin API (for the host's backend) and the browser API.",
    },
    tags: [
      { name: "admin", description: "Called by the host's backend with the API key" },
      { name: "browser", description: "Called by the browser (the SDK or <otl-link>), CORS-limited to allowed origins" },
    ],
    paths,
    components: { schemas: { Problem: jsonSchema(Problem, "output") }, securitySchemes: SECURITY_SCHEMES },
  };
}
