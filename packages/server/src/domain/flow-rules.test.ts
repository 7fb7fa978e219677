import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ConnectionRecord, FlowRecord, GrantRecord, SessionRecord } from "../store/types.ts";
import { grantStatus, isOpen, patchOnConsent, patchOnRedeem, visibleStep } from "./flow-rules.ts";
import { slideDue } from "./session.ts";

const NOW = Date.parse("2026-03-01T12:00:00Z");

const flow = (change: Partial<FlowRecord> = {}): FlowRecord => ({
  id: "fl_1",
  companyId: "co_1",
  status: "open",
  step: "consent",
  consentStatus: "pending",
  consentAt: null,
  consentTextVersion: null,
  consentLocale: null,
  consentClientHash: null,
  activeConnectionId: null,
  createdAt: NOW,
  updatedAt: NOW,
  expiresAt: NOW + 1000,
  finishedAt: null,
  ...change,
});

const grant = (change: Partial<GrantRecord> = {}): GrantRecord => ({
  id: "ln_1",
  kind: "connection_link",
  companyId: "co_1",
  connectionId: "cn_1",
  secretHash: "k1:x",
  require2fa: false,
  createdAt: NOW,
  expiresAt: NOW + 1000,
  consumedAt: null,
  revokedAt: null,
  supersededAt: null,
  ...change,
});

const connection = (status: ConnectionRecord["status"]): ConnectionRecord => ({
  id: "cn_1",
  companyId: "co_1",
  flowId: "fl_1",
  integration: "sandbox-bank",
  status,
  message: null,
  createdAt: NOW,
  updatedAt: NOW,
});

const session = (change: Partial<SessionRecord> = {}): SessionRecord => ({
  id: "ss_1",
  tokenHash: "k1:y",
  flowId: "fl_1",
  grantId: null,
  require2fa: false,
  verifiedAt: null,
  createdAt: NOW,
  lastSeenAt: NOW,
  idleExpiresAt: NOW + 30 * 60_000,
  expiresAt: NOW + 24 * 3_600_000,
  endedAt: null,
  ...change,
});

describe("flow rules", () => {
  it("send a connection link's customer to its connection, at connect once consent is given", () => {
    assert.deepEqual(patchOnRedeem(flow(), grant(), connection("pending")), { activeConnectionId: "cn_1" });
    assert.deepEqual(patchOnRedeem(flow({ consentStatus: "accepted", step: "review" }), grant(), connection("failed")), {
      activeConnectionId: "cn_1",
      step: "connect",
    });
    assert.deepEqual(
      patchOnRedeem(flow({ consentStatus: "accepted", step: "review" }), grant(), connection("linked")),
      {},
      "a linked connection is done",
    );
    assert.deepEqual(patchOnRedeem(flow(), grant({ kind: "company_link", connectionId: null }), null), {});
  });

  it("move on from consent to select, or to the connection a link named, keeping the receipt; a decline stays and clears it", () => {
    const wording = { textVersion: "2026-11-30", locale: "fr-CA", clientHash: "k1:abc" };
    const receipt = { consentTextVersion: "2026-11-30", consentLocale: "fr-CA", consentClientHash: "k1:abc" };
    assert.deepEqual(patchOnConsent(flow(), true, NOW, wording), { consentStatus: "accepted", consentAt: NOW, ...receipt, step: "select" });
    assert.deepEqual(patchOnConsent(flow({ activeConnectionId: "cn_1" }), true, NOW, wording), {
      consentStatus: "accepted",
      consentAt: NOW,
      ...receipt,
      step: "connect",
    });
    assert.deepEqual(patchOnConsent(flow(), false, NOW, wording), {
      consentStatus: "declined",
      consentAt: NOW,
      consentTextVersion: null,
      consentLocale: null,
      consentClientHash: null,
    });
  });

  it("show verify until a session that needs 2FA has passed it", () => {
    assert.equal(visibleStep(flow(), session({ require2fa: true })), "verify");
    assert.equal(visibleStep(flow(), session({ require2fa: true, verifiedAt: NOW })), "consent");
    assert.equal(visibleStep(flow({ status: "done", step: "done" }), session({ require2fa: true })), "done");
  });

  it("keep a flow open until the instant it expires", () => {
    assert.equal(isOpen(flow(), NOW + 999), true);
    assert.equal(isOpen(flow(), NOW + 1000), false);
    assert.equal(isOpen(flow({ status: "done" }), NOW), false);
  });

  it("let consumed, revoked and superseded win over expiry", () => {
    assert.equal(grantStatus(grant(), NOW), "active");
    assert.equal(grantStatus(grant(), NOW + 1000), "expired");
    assert.equal(grantStatus(grant({ consumedAt: NOW, revokedAt: NOW }), NOW + 5000), "consumed");
    assert.equal(grantStatus(grant({ revokedAt: NOW }), NOW + 5000), "revoked");
    assert.equal(grantStatus(grant({ supersededAt: NOW }), NOW + 5000), "superseded");
  });

  it("slide a session's idle expiry once a minute has passed, or a tenth of a short window", () => {
    const idle = 30 * 60_000;
    assert.equal(slideDue(session(), NOW + 59_999, idle), false);
    assert.equal(slideDue(session(), NOW + 60_000, idle), true);
    assert.equal(slideDue(session(), NOW + 5_999, 60_000), false);
    assert.equal(slideDue(session(), NOW + 6_000, 60_000), true);
  });
});
