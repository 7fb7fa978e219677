import { createHash } from "node:crypto";
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

/** An OpenAPI document as far as the reference page reads it. */
interface Document {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, OperationObject>>;
}

interface OperationObject {
  summary: string;
  tags: string[];
  security: Record<string, unknown>[];
  parameters: { name: string; in: string; required: boolean; schema: unknown }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
}

const STYLE =
  "html{color-scheme:light dark}body{margin:0 auto;max-width:60rem;padding:1rem;font-family:system-ui,sans-serif;line-height:1.4}" +
  "section{border-top:1px solid #8884;padding:.5rem 0}h3{font-family:ui-monospace,monospace;font-size:1rem}" +
  "pre{overflow:auto;background:#8881;padding:.5rem;font-size:.8rem}table{border-collapse:collapse}td,th{text-align:left;padding:0 .75rem 0 0}";

/**
 * The reference page's headers. The page is plain HTML with no script at all, so the policy allows
 * none; its one inline style sheet is allowed by its hash, so nothing injected can style the page either.
 */
export const REFERENCE_HEADERS = {
  "content-security-policy": `default-src 'none'; style-src 'sha256-${createHash("sha256").update(STYLE).digest("base64")}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

const json = (value: unknown) => JSON.stringify(value, null, 2);

function operationSection(method: string, path: string, operation: OperationObject) {
  const auth = operation.security.map((scheme) => Object.keys(scheme).join(" ")).join(", ") || "none";
  const body = operation.requestBody?.content["application/json"]?.schema;
  return html`<section id="${`${method}-${path}`}">
<h3>${method.toUpperCase()} ${path}</h3>
<p>${operation.summary}. Authorization: ${auth}.</p>
${
  operation.parameters.length
    ? html`<table><caption>Parameters</caption><tr><th scope="col">name</th><th scope="col">in</th><th scope="col">required</th><th scope="col">schema</th></tr>
${operation.parameters.map((parameter) => html`<tr><td><code>${parameter.name}</code></td><td>${parameter.in}</td><td>${parameter.required ? "yes" : "no"}</td><td><code>${JSON.stringify(parameter.schema)}</code></td></tr>`)}</table>`
    : ""
}
${body ? html`<details><summary>Request body</summary><pre>${json(body)}</pre></details>` : ""}
${Object.entries(operation.responses)
  .filter(([status]) => status !== "default")
  .map(([status, answer]) => {
    const schema = answer.content?.["application/json"]?.schema;
    return html`<details><summary>${status}: ${answer.description}</summary>${schema ? html`<pre>${json(schema)}</pre>` : ""}</details>`;
  })}
</section>`;
}

/**
 * The API reference as one self-contained HTML page rendered on the server from the OpenAPI
 * document: no script, no third-party CDN, every value escaped by Hono's `html` template.
 */
export function referencePage(document: Document): Promise<HtmlEscapedString> | HtmlEscapedString {
  const sections = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => operationSection(method, path, operation)),
  );
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${document.info.title} API reference</title><style>${STYLE}</style></head>
<body><main>
<h1>${document.info.title} <small>v${document.info.version}</small></h1>
<p>${document.info.description ?? ""} Machine-readable: <a href="openapi.json">openapi.json</a> (OpenAPI 3.1). Errors are RFC 9457 problems (<code>application/problem+json</code>).</p>
<h2>Operations</h2>
${sections}
</main></body></html>`;
}
