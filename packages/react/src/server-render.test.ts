// `<OtlLink>` on the server, as a framework's server render runs it: imported and rendered to HTML in
// Node, where there is no `window`, no `document` and no real custom element registry.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import { createElement, StrictMode } from "react";
import { renderToString } from "react-dom/server";
import { OtlLink } from "./index.ts";

const ACCESS_TOKEN = "otl_at_0001xxxxxxxxxxxxxxxxxxxxxxxxxxxx";

describe("server rendering", () => {
  it("renders an empty <otl-link> with React's own props, and nothing of the flow's inputs", () => {
    const html = renderToString(
      createElement(
        StrictMode,
        null,
        createElement(OtlLink, {
          id: "share",
          className: "flow",
          baseUrl: "https://otl.example.com",
          accessToken: ACCESS_TOKEN,
          theme: "dark",
          showSandboxIntegrations: false,
          fetchAccessToken: async () => ACCESS_TOKEN,
          onFinish: () => {},
        }),
      ),
    );
    assert.equal(html, '<otl-link id="share" class="flow"></otl-link>');
    // The single-use token in the HTML would be readable by anything that caches or logs pages.
    assert.ok(!html.includes(ACCESS_TOKEN));
  });

  it("touches no window and defines no element on the server", () => {
    assert.equal(typeof window, "undefined");
    assert.equal(typeof document, "undefined");
    // Lit's server build installs a stand-in registry; the element must not be in it.
    assert.equal(globalThis.customElements?.get("otl-link"), undefined);
  });

  it("marks the entry as a client module for React Server Components", async () => {
    const entry = await readFile(new URL("./index.ts", import.meta.url), "utf8");
    // The directive only counts as the module's very first statement.
    assert.match(entry, /^"use client";\n/);
  });
});
