// The element on the server: a React render (packages/react) imports it in Node, where there is no
// HTMLElement, to learn which props are the element's properties (`name in prototype`).
import assert from "node:assert/strict";
import { test } from "node:test";
import { OtlLink } from "./link.element.ts";

const PROPERTIES = [
  "baseUrl",
  "accessToken",
  "code",
  "companyId",
  "connectionId",
  "locale",
  "theme",
  "showSandboxIntegrations",
  "renew",
  "fetchAccessToken",
  "messages",
];

test("the element's class is defined in Node without a DOM, and reading observedAttributes puts every accessor on its prototype", () => {
  // Nothing stands in for the DOM here, or this test would not say what it says.
  assert.equal(typeof globalThis.HTMLElement, "undefined");
  assert.equal(typeof globalThis.customElements, "undefined");
  assert.deepEqual(OtlLink.observedAttributes, [
    "base-url",
    "access-token",
    "code",
    "company-id",
    "connection-id",
    "locale",
    "theme",
    "show-sandbox-integrations",
    "renew",
  ]);
  assert.deepEqual(
    PROPERTIES.filter((name) => !(name in OtlLink.prototype)),
    [],
  );
  // The methods of an element are not properties a framework should set.
  assert.equal("requestUpdate" in OtlLink.prototype, true);
  assert.equal(Object.getOwnPropertyDescriptor(OtlLink.prototype, "requestUpdate"), undefined);
});
