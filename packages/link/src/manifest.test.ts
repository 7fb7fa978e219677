// Runs after the build: dist/custom-elements.json (cem, from the JSDoc of src/link.element.ts and its
// `static properties`) still describes all of <otl-link> now that the element is no LitElement.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

interface Entry {
  name: string;
  fieldName?: string;
  kind?: string;
  privacy?: string;
  static?: boolean;
}
interface Declaration {
  tagName?: string;
  attributes?: Entry[];
  members?: Entry[];
  events?: Entry[];
  cssParts?: Entry[];
  cssProperties?: Entry[];
}

const manifest = JSON.parse(readFileSync(new URL("../dist/custom-elements.json", import.meta.url), "utf8")) as {
  modules: Array<{ declarations?: Declaration[] }>;
};
const element = manifest.modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.tagName === "otl-link");
const names = (entries: Entry[] | undefined) => (entries ?? []).map((entry) => entry.name);

test("dist/custom-elements.json lists every attribute of <otl-link>, with its property", () => {
  assert.ok(element, "no declaration with the tag otl-link");
  assert.deepEqual(
    (element.attributes ?? []).map((attribute) => [attribute.name, attribute.fieldName]),
    [
      ["base-url", "baseUrl"],
      ["access-token", "accessToken"],
      ["code", "code"],
      ["company-id", "companyId"],
      ["connection-id", "connectionId"],
      ["locale", "locale"],
      ["theme", "theme"],
      ["show-sandbox-integrations", "showSandboxIntegrations"],
      ["renew", "renew"],
    ],
  );
});

test("dist/custom-elements.json lists every public property, the property-only ones too", () => {
  const fields = (element?.members ?? []).filter((member) => member.kind === "field" && member.privacy === "public" && !member.static);
  assert.deepEqual(names(fields).sort(), [
    "accessToken",
    "baseUrl",
    "code",
    "companyId",
    "connectionId",
    "fetchAccessToken",
    "locale",
    "messages",
    "renew",
    "showSandboxIntegrations",
    "theme",
  ]);
});

test("dist/custom-elements.json lists every event, part and CSS custom property", () => {
  assert.deepEqual(names(element?.events), ["otl-ready", "otl-step", "otl-connection", "otl-finish", "otl-close", "otl-error"]);
  assert.deepEqual(names(element?.cssParts), [
    "container",
    "heading",
    "text",
    "list",
    "item",
    "form",
    "field",
    "label",
    "input",
    "actions",
    "button",
    "primary-button",
    "error",
    "progress",
    "facts",
    "logo",
    "link",
    "status",
  ]);
  assert.deepEqual(names(element?.cssProperties), [
    "--otl-accent",
    "--otl-on-accent",
    "--otl-background",
    "--otl-text",
    "--otl-muted",
    "--otl-border",
    "--otl-danger",
    "--otl-radius",
    "--otl-spacing",
    "--otl-font-family",
    "--otl-font-size",
  ]);
});
