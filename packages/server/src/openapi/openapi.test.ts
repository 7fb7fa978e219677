import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { compileErrors, validate } from "@readme/openapi-parser";
import { TestServer } from "../test/harness.ts";
import { OPERATIONS } from "./operations.ts";

/** `METHOD /path/{param}` for a Hono route or an OpenAPI operation. */
const key = (method: string, path: string) => `${method.toUpperCase()} ${path.replace(/:(\w+)/g, "{$1}")}`;

describe("OpenAPI", () => {
  let server: TestServer;
  beforeEach(() => {
    server = new TestServer();
  });
  afterEach(() => server.close());

  it("documents every API route, and nothing that is not one", () => {
    const routes = new Set(
      server.app.routes
        // Middleware registers as ALL; the APIs are what lives under /v1.
        .filter((route) => route.method !== "ALL" && route.path.startsWith("/v1/"))
        .map((route) => key(route.method, route.path)),
    );
    const documented = new Set(OPERATIONS.map((operation) => key(operation.method, operation.path)));
    assert.deepEqual(
      [...documented].filter((route) => !routes.has(route)),
      [],
      "documented but not served",
    );
    assert.deepEqual(
      [...routes].filter((route) => !documented.has(route)),
      [],
      "served but not documented",
    );
  });

  it("serves a document that is valid OpenAPI 3.1, with the schemas the routes parse with", async () => {
    const answer = await server.request<Parameters<typeof validate>[0]>("GET", "/openapi.json");
    assert.equal(answer.status, 200);
    const result = await validate(structuredClone(answer.body));
    assert.ok(result.valid, result.valid ? "" : compileErrors(result));

    const document = answer.body as unknown as {
      paths: Record<string, Record<string, { parameters: { name: string; in: string }[]; requestBody?: unknown }>>;
    };
    assert.equal(Object.values(document.paths).flatMap(Object.keys).length, OPERATIONS.length);
    const audit = document.paths["/v1/audit"]?.get;
    assert.deepEqual(
      audit?.parameters.map((parameter) => `${parameter.in}:${parameter.name}`),
      ["query:companyId", "query:linkId", "query:event", "query:since", "query:cursor", "query:limit"],
    );
    const createLink = JSON.stringify(document.paths["/v1/companies/{companyId}/links"]?.post?.requestBody);
    assert.match(createLink, /"connectionId"/);
    assert.match(createLink, /"maximum":604800/, "the ttl bound comes from the zod schema");
  });

  it("renders a reference page with no script and a strict CSP", async () => {
    const answer = await server.request<string>("GET", "/openapi");
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get("content-type") ?? "", /^text\/html/);
    const csp = answer.headers.get("content-security-policy") ?? "";
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /script-src|unsafe-inline|https?:/);
    assert.doesNotMatch(answer.body, /<script/i);
    for (const operation of OPERATIONS)
      assert.ok(answer.body.includes(`${operation.method.toUpperCase()} ${operation.path}`), operation.path);
    assert.match(answer.body, /href="openapi\.json"/);
  });
});
