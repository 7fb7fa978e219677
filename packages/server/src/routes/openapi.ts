import { Hono } from "hono";
import { openApiDocument } from "../openapi/document.ts";
import { REFERENCE_HEADERS, referencePage } from "../openapi/reference-page.ts";
import { SERVER_VERSION } from "../openapi/version.ts";

/**
 * `GET /openapi.json` (the OpenAPI 3.1 document of the admin and browser APIs) and `GET /openapi`
 * (the same, rendered as a page to read). Both are public: they describe the API, they hold no data.
 */
export function openApiRoutes(): Hono {
  const app = new Hono();
  const document = openApiDocument(SERVER_VERSION);
  const body = JSON.stringify(document);
  app.get("/openapi.json", (c) => c.body(body, 200, { "content-type": "application/json; charset=utf-8" }));
  app.get("/openapi", async (c) =>
    c.html(await referencePage(document as unknown as Parameters<typeof referencePage>[0]), 200, REFERENCE_HEADERS),
  );
  return app;
}
