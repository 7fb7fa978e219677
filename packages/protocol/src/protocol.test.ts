import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  CreateCompanyRequest,
  CreateLinkRequest,
  CredentialsRequest,
  ERROR_CODES,
  ERROR_STATUS,
  ExchangeRequest,
  FinishRequest,
  Problem,
  problemType,
  RESERVED_RECORD_KEYS,
} from "./index.ts";

const issuesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (result.error?.issues ?? []).map((issue) => issue.path.join("."));

describe("@otl/protocol", () => {
  it("has every error code of the contract, with its status", () => {
    assert.deepEqual(ERROR_STATUS, {
      validation_failed: 400,
      unauthorized: 401,
      session_expired: 401,
      token_invalid: 404,
      token_expired: 410,
      token_consumed: 410,
      token_revoked: 410,
      token_superseded: 410,
      second_factor_required: 403,
      second_factor_invalid: 400,
      second_factor_locked: 410,
      rate_limited: 429,
      upload_rejected: 422,
      payload_too_large: 413,
      unavailable: 503,
      not_found: 404,
      conflict: 409,
      internal: 500,
    });
    assert.equal(ERROR_CODES.length, 18);
  });

  it("describes a problem document", () => {
    const problem = { type: problemType("token_consumed"), title: "Used", status: 410, code: "token_consumed" };
    assert.ok(Problem.safeParse(problem).success);
    assert.ok(!Problem.safeParse({ ...problem, code: "made_up" }).success);
  });

  it("requires a connectionId on connection links and refuses it on company links", () => {
    const connectionId = "cn_0123456789abcdef0123";
    assert.ok(CreateLinkRequest.safeParse({ type: "company" }).success);
    assert.ok(CreateLinkRequest.safeParse({ type: "connection", connectionId }).success);
    assert.deepEqual(issuesOf(CreateLinkRequest.safeParse({ type: "connection" })), ["connectionId"]);
    assert.deepEqual(issuesOf(CreateLinkRequest.safeParse({ type: "company", connectionId })), [""]);
  });

  it("caps link lifetimes at 7 days", () => {
    assert.ok(CreateLinkRequest.safeParse({ type: "company", ttlSeconds: 604800 }).success);
    assert.deepEqual(issuesOf(CreateLinkRequest.safeParse({ type: "company", ttlSeconds: 604801 })), ["ttlSeconds"]);
    assert.deepEqual(issuesOf(CreateLinkRequest.safeParse({ type: "company", ttlSeconds: 1.5 })), ["ttlSeconds"]);
    assert.deepEqual(issuesOf(CreateLinkRequest.safeParse({ type: "company", ttlSeconds: 0 })), ["ttlSeconds"]);
    assert.ok(CreateLinkRequest.safeParse({ type: "company", ttlSeconds: 1 }).success, "a one-second link, for tests of expiry");
  });

  it("accepts an exchange by code and company, by access token, or by bare company only", () => {
    const companyId = "co_0123456789abcdef0123";
    const code = "A".repeat(30);
    assert.ok(ExchangeRequest.safeParse({ code, companyId }).success);
    assert.ok(ExchangeRequest.safeParse({ accessToken: `otl_at_${"A".repeat(30)}` }).success);
    assert.ok(ExchangeRequest.safeParse({ companyId }).success);
    assert.deepEqual(issuesOf(ExchangeRequest.safeParse({ code })), ["companyId"]);
    assert.deepEqual(issuesOf(ExchangeRequest.safeParse({})), ["code"]);
    assert.deepEqual(issuesOf(ExchangeRequest.safeParse({ accessToken: `otl_at_${"A".repeat(30)}`, companyId })), ["companyId"]);
  });

  it("refuses control characters and empty names", () => {
    assert.ok(CreateCompanyRequest.safeParse({ name: "Acme Pty Ltd" }).success);
    assert.deepEqual(issuesOf(CreateCompanyRequest.safeParse({ name: "Acme\u0000Ltd" })), ["name"]);
    assert.deepEqual(issuesOf(CreateCompanyRequest.safeParse({ name: "   " })), ["name"]);
  });

  it("refuses bidi controls, lone surrogates and blank or zero-width-only names, and keeps real ones", () => {
    for (const name of [
      "Acme\u202E Ltd",
      "\u202AAcme",
      "\u2066Acme\u2069",
      "Acme\uD800",
      "\uDC00Acme",
      "\u200B\u200D",
      "\u3164",
      "\u00AD",
    ]) {
      assert.deepEqual(issuesOf(CreateCompanyRequest.safeParse({ name })), ["name"], JSON.stringify(name));
    }
    for (const name of ["Café 😀", "شركة المثال", "a\u200Db"]) assert.ok(CreateCompanyRequest.safeParse({ name }).success, name);
  });

  it("refuses __proto__, constructor and prototype as record keys, naming each", () => {
    for (const key of RESERVED_RECORD_KEYS) {
      // Parsed from text, as a request body is: JSON.parse makes "__proto__" an own key.
      const body = JSON.parse(`{"values":{"username":"u","${key}":"x"}}`);
      assert.deepEqual(issuesOf(CredentialsRequest.safeParse(body)), [`values.${key}`]);
    }
    assert.ok(CredentialsRequest.safeParse({ values: { username: "u", password: "p" } }).success);
  });

  it("only finishes when the customer says they disclosed everything", () => {
    assert.ok(FinishRequest.safeParse({ disclosedAll: true }).success);
    assert.ok(!FinishRequest.safeParse({ disclosedAll: false }).success);
  });
});
