// Host strings through the real app: each kind of string that can fool a reader or the object model
// is refused at the boundary with 400 validation_failed naming the field, and nothing is written.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import type { Company, Problem, StartConnectionResult } from "@otl/protocol";
import { type Answer, TestServer } from "./test/harness.ts";

function assertRefused(answer: Answer<Problem>, field: string, message: RegExp): void {
  assert.equal(answer.status, 400, JSON.stringify(answer.body));
  assert.equal(answer.headers.get("content-type"), "application/problem+json");
  assert.equal(answer.body.code, "validation_failed");
  const named = (answer.body.errors ?? []).filter((error) => error.field === field);
  assert.ok(
    named.some((error) => message.test(error.message)),
    `errors should name "${field}" with ${message}: ${JSON.stringify(answer.body.errors)}`,
  );
}

describe("host strings at the API", () => {
  const server = new TestServer();
  after(() => server.close());

  // Raw JSON text, so escapes such as a lone "\ud800" reach the server exactly as a client sent them.
  const names: Array<[string, string, RegExp]> = [
    ["right-to-left override U+202E", '"Acme \\u202Ebad"', /bidirectional/],
    ["left-to-right embedding U+202A", '"\\u202AAcme"', /bidirectional/],
    ["pop directional formatting U+202C", '"Acme\\u202C"', /bidirectional/],
    ["first strong isolate U+2068", '"\\u2068Acme\\u2069"', /bidirectional/],
    ["right-to-left isolate U+2067", '"Acme \\u2067x"', /bidirectional/],
    ["lone high surrogate", '"Acme \\ud800"', /surrogate/],
    ["lone low surrogate", '"\\udc00 Acme"', /surrogate/],
    ["surrogates in the wrong order", '"\\ude00\\ud83d"', /surrogate/],
    ["zero-width spaces only", '"\\u200b\\u200b"', /blank or zero-width/],
    ["joiners and a BOM only", '"\\u200d\\u200c\\ufeff\\u2060"', /blank or zero-width|empty/],
    ["Hangul filler only", '"\\u3164"', /blank or zero-width/],
    ["spaces only", '"   "', /empty/],
    ["a control character", '"Acme\\u0007"', /control/],
  ];
  for (const [kind, name, message] of names) {
    it(`refuses a company name with ${kind}`, async () => {
      const answer = await server.admin<Problem>("POST", "/v1/companies", `{"name":${name}}`);
      assertRefused(answer, "name", message);
      // The same check holds for every host string, not only names.
      const ref = await server.admin<Problem>("POST", "/v1/companies", `{"name":"Acme","externalRef":${name}}`);
      assertRefused(ref, "externalRef", message);
    });
  }

  it("keeps names that only look unusual: emoji (a surrogate pair), Arabic, accents, inner joiners", async () => {
    for (const name of ["Café 😀 Ltd", "شركة المثال", "Ünïcødé GmbH", "👩\u200d💻 Studio"]) {
      const answer = await server.admin<Company>("POST", "/v1/companies", { name });
      assert.equal(answer.status, 201, `${name}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.name, name);
    }
  });

  for (const key of ["__proto__", "constructor", "prototype"]) {
    it(`refuses the record key ${key} in credential values, naming it`, async () => {
      const company = await server.company(`Keys ${key}`);
      const { token } = await server.open(await server.link(company.id));
      await server.session(token, "POST", "/consent", { accept: true });
      const started = await server.session<StartConnectionResult>(token, "POST", "/connections", { integration: "sandbox-bank" });
      const id = started.body.connection.id;
      // Text, not an object: JSON.stringify would drop a literal __proto__ key before it left.
      const body = `{"values":{"username":"user_good","password":"pass_good","${key}":"x"}}`;
      const answer = await server.session<Problem>(token, "POST", `/connections/${id}/credentials`, body);
      assertRefused(answer, `values.${key}`, /reserved/);
      // Nothing was half-done: the connection is still waiting for its credentials.
      const flow = await server.session(token, "GET");
      assert.equal(flow.body.step, "connect");
      assert.equal(flow.body.connections.find((connection) => connection.id === id)?.status, "pending");
    });
  }
});
