import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { FlowView, InspectResult } from "@otl/protocol/browser";
import { type ErrorInfo, type FlowEvent, type FlowState, INITIAL, isInteractive, screenOf, transition } from "./transition.ts";

const FLOW: FlowView = {
  id: "fl_00000000000000000001",
  companyId: "co_00000000000000000001",
  companyName: "Acme Pty Ltd",
  step: "consent",
  require2fa: false,
  consent: { status: "pending", at: null },
  dataShared: ["accounts", "transactions"],
  connections: [],
  connecting: null,
  expiresAt: "2030-01-01T00:00:00.000Z",
  recipient: null,
};

const LINK: InspectResult = {
  status: "active",
  companyName: "Acme Pty Ltd",
  expiresAt: "2030-01-01T00:00:00.000Z",
  require2fa: false,
  dataShared: ["accounts"],
  recipient: null,
};

function flow(patch: Partial<FlowView>): FlowView {
  return { ...FLOW, ...patch };
}

function error(code: ErrorInfo["code"]): FlowEvent {
  return { type: "failed", error: { code, message: `${code} for developers`, recoverable: false } };
}

/** Runs events from the initial state. */
function run(...events: FlowEvent[]): FlowState {
  return events.reduce(transition, INITIAL);
}

describe("transition", () => {
  test("starting shows the loading screen and forgets the last run", () => {
    const before = run({ type: "start" }, { type: "flow", flow: FLOW });
    const state = transition(before, { type: "start" });
    assert.equal(state.screen, "loading");
    assert.equal(state.flow, null);
  });

  test("an active link lands; a spent one goes straight to its failure screen", () => {
    assert.equal(run({ type: "start" }, { type: "inspected", link: LINK }).screen, "landing");
    for (const [status, failure] of [
      ["consumed", "used"],
      ["expired", "expired"],
      ["revoked", "revoked"],
      ["superseded", "superseded"],
    ] as const) {
      const state = run({ type: "start" }, { type: "inspected", link: { ...LINK, status } });
      assert.deepEqual([state.screen, state.failure], ["failure", failure], status);
    }
  });

  test("asking for a new link on a failure screen is busy until the server takes it, then says so; nowhere else", () => {
    const spent = run({ type: "start" }, { type: "inspected", link: { ...LINK, status: "consumed" } });
    const asking = transition(spent, { type: "act" });
    assert.equal(asking.busy, true);
    const renewed = transition(asking, { type: "renewed" });
    assert.deepEqual([renewed.screen, renewed.failure, renewed.busy, renewed.renewed], ["failure", "used", false, true]);
    const landing = run({ type: "start" }, { type: "inspected", link: LINK });
    assert.equal(transition(landing, { type: "renewed" }), landing);
    // A refusal that may pass (a network failure, too many asked from here) stays beside the screen it came from.
    const offline = transition(transition(spent, { type: "act" }), error("network"));
    assert.deepEqual([offline.screen, offline.failure, offline.busy, offline.error?.code], ["failure", "used", false, "network"]);
    // A new failure screen starts without it.
    assert.equal(transition(renewed, error("token_expired")).renewed, false);
  });

  test("each flow step shows its own screen", () => {
    for (const step of ["verify", "consent", "select", "review", "done"] as const) {
      assert.equal(run({ type: "flow", flow: flow({ step }) }).screen, step);
    }
    const connecting = {
      connection: {
        id: "cn_00000000000000000001",
        integration: "sandbox-bank",
        integrationName: "Sandbox Bank",
        status: "pending" as const,
        message: null,
      },
      next: { kind: "credentials" as const, fields: [] },
    };
    assert.equal(run({ type: "flow", flow: flow({ step: "connect", connecting }) }).screen, "connect");
  });

  test("a connect step without its next step sends the customer back to choosing", () => {
    assert.equal(screenOf(flow({ step: "connect", connecting: null })), "select");
  });

  test("a declined consent shows the declined screen, and back returns to consent", () => {
    const declined = run({ type: "flow", flow: flow({ consent: { status: "declined", at: "2030-01-01T00:00:00.000Z" } }) });
    assert.equal(declined.screen, "declined");
    assert.equal(transition(declined, { type: "back" }).screen, "consent");
  });

  test("an action is busy until the server answers, and clears the last error", () => {
    const failed = run({ type: "flow", flow: FLOW }, { type: "act" }, error("rate_limited"));
    assert.equal(failed.busy, false);
    const busy = transition(failed, { type: "act" });
    assert.deepEqual([busy.busy, busy.error], [true, null]);
    assert.equal(transition(busy, { type: "flow", flow: flow({ step: "select" }) }).busy, false);
  });

  test("spent secrets and expired sessions end on a failure screen wherever they happen", () => {
    for (const [code, failure] of [
      ["token_expired", "expired"],
      ["token_consumed", "used"],
      ["token_superseded", "superseded"],
      ["token_revoked", "revoked"],
      ["token_invalid", "invalid"],
      ["session_expired", "session"],
      ["unauthorized", "session"],
    ] as const) {
      const state = run({ type: "flow", flow: FLOW }, { type: "act" }, error(code));
      assert.deepEqual([state.screen, state.failure, state.busy], ["failure", failure, false], code);
    }
  });

  test("five wrong 2FA codes end on the lockout screen, not the used link's, wherever they come", () => {
    const verify = run({ type: "flow", flow: flow({ step: "verify" }) }, { type: "act" });
    const locked = transition(verify, error("second_factor_locked"));
    assert.deepEqual([locked.screen, locked.failure, locked.busy, locked.error], ["failure", "locked", false, null]);
    assert.equal(run({ type: "start" }, error("second_factor_locked")).failure, "locked");
  });

  test("a wait the server asked for is kept with the error beside the step, and on an early failure screen", () => {
    const hold = { until: 5_000, seconds: 3, resendOnly: false };
    const failed: FlowEvent = { type: "failed", error: { code: "rate_limited", message: "slow down", recoverable: true }, hold };
    const consent = transition(run({ type: "flow", flow: FLOW }, { type: "act" }), failed);
    assert.deepEqual([consent.screen, consent.error?.code, consent.hold], ["consent", "rate_limited", hold]);
    const early = transition(run({ type: "start" }), failed);
    assert.deepEqual([early.screen, early.failure, early.hold, early.error?.code], ["failure", "problem", hold, "rate_limited"]);
    // An early failure with nothing to wait for keeps no error: its screen's words say it all.
    assert.equal(transition(run({ type: "start" }), error("internal")).error, null);
    // Starting over forgets it; a fatal failure has nothing to wait for.
    assert.equal(transition(consent, { type: "start" }).hold, null);
    assert.equal(transition(consent, error("token_consumed")).hold, null);
  });

  test("before any screen, a network error shows the network screen and others the problem screen", () => {
    assert.equal(run({ type: "start" }, error("network")).failure, "network");
    assert.equal(run({ type: "start" }, error("internal")).failure, "problem");
    assert.equal(run({ type: "start" }, error("rate_limited")).failure, "problem");
  });

  test("before any screen, a permanent refusal is the not-valid screen, never a retry loop", () => {
    // A code mangled by a mail client answers 400; no number of retries makes it valid.
    for (const code of ["validation_failed", "not_found", "second_factor_required", "second_factor_invalid"] as const) {
      assert.equal(run({ type: "start" }, error(code)).failure, "invalid", code);
    }
  });

  test("on a screen the customer can act on, a passing error stays beside the step", () => {
    const state = run({ type: "flow", flow: flow({ step: "verify" }) }, { type: "act" }, error("second_factor_invalid"));
    assert.equal(state.screen, "verify");
    assert.equal(state.error?.code, "second_factor_invalid");
    assert.equal(run({ type: "inspected", link: LINK }, { type: "act" }, error("network")).screen, "landing");
  });

  test("connect another account goes from review to select, and back returns to review", () => {
    const review = run({ type: "flow", flow: flow({ step: "review" }) });
    const select = transition(review, { type: "another" });
    assert.equal(select.screen, "select");
    assert.equal(transition(select, { type: "back" }).screen, "review");
  });

  test("back from connecting returns to choosing; back and another elsewhere change nothing", () => {
    const connect = { ...run({ type: "flow", flow: FLOW }), screen: "connect" as const };
    assert.equal(transition(connect, { type: "back" }).screen, "select");
    const consent = run({ type: "flow", flow: FLOW });
    assert.equal(transition(consent, { type: "back" }), consent);
    assert.equal(transition(consent, { type: "another" }), consent);
  });

  test("a list that arrives ahead of select (on consent) leaves the consent step's error shown", () => {
    const items = [{ key: "sandbox-bank", name: "Sandbox Bank", category: "banking", kind: "credentials", sandbox: true }] as const;
    const failed = run(
      { type: "flow", flow: FLOW },
      { type: "act" },
      { type: "failed", error: { code: "network", message: "down", recoverable: true } },
    );
    const listed = transition(failed, { type: "integrations", items: [...items] });
    assert.equal(listed.error?.code, "network");
    assert.equal(listed.integrations?.length, 1);
  });

  test("integrations are kept until their filter changes", () => {
    const items = [
      { key: "sandbox-bank", name: "Sandbox Bank", category: "banking" as const, kind: "credentials" as const, sandbox: true },
    ];
    const listed = run({ type: "flow", flow: flow({ step: "select" }) }, { type: "integrations", items });
    assert.deepEqual(listed.integrations, items);
    assert.equal(transition(listed, { type: "unlist" }).integrations, null);
  });

  test("Try again on select forgets the failed list's error, so the screen waits for the new one", () => {
    const failed = run(
      { type: "flow", flow: flow({ step: "select" }) },
      { type: "failed", error: { code: "internal", message: "down", recoverable: true } },
    );
    assert.equal(failed.error?.code, "internal");
    const again = transition(failed, { type: "relist" });
    assert.deepEqual([again.error, again.integrations, again.screen], [null, null, "select"]);
  });

  test("a resent code is noted until the next action; an interruption is not busy", () => {
    const resent = run({ type: "flow", flow: flow({ step: "verify" }) }, { type: "act" }, { type: "resent" });
    assert.deepEqual([resent.resent, resent.busy], [true, false]);
    assert.equal(transition(resent, { type: "act" }).resent, false);
    assert.equal(run({ type: "flow", flow: FLOW }, { type: "act" }, { type: "interrupted" }).busy, false);
  });

  test("only screens with something to do are interactive", () => {
    assert.deepEqual((["idle", "loading", "landing", "consent", "failure", "done"] as const).map(isInteractive), [
      false,
      false,
      true,
      true,
      false,
      false,
    ]);
  });

  describe("upload", () => {
    const connection = {
      id: "cn_00000000000000000001",
      integration: "sandbox-statements",
      integrationName: "Statement upload",
      status: "pending" as const,
      message: null,
    };
    const uploading = flow({
      step: "connect",
      connecting: { connection, next: { kind: "upload", accept: ["application/pdf"], maxBytes: 1000 } },
    });
    const file = {
      id: "fi_00000000000000000001",
      connectionId: connection.id,
      name: "march.pdf",
      mediaType: "application/pdf",
      size: 10,
      createdAt: "2026-03-01T00:00:00.000Z",
    };

    test("shows progress only while an upload is under way, and clears it with the answer", () => {
      const sending = run({ type: "flow", flow: uploading }, { type: "act" }, { type: "progress", fraction: 0.5 });
      assert.equal(sending.progress, 0.5);
      const answered = transition(sending, { type: "files", flow: uploading, files: [file] });
      assert.equal(answered.progress, null);
      assert.deepEqual(answered.files, [file]);
      // A late progress event after the answer changes nothing.
      assert.equal(transition(answered, { type: "progress", fraction: 1 }), answered);
    });

    test("keeps the files while the connection stays the same, and forgets them when it changes", () => {
      const withFiles = run({ type: "flow", flow: uploading }, { type: "act" }, { type: "files", flow: uploading, files: [file] });
      assert.deepEqual(transition(withFiles, { type: "flow", flow: uploading }).files, [file]);
      assert.deepEqual(transition(withFiles, { type: "flow", flow: flow({ step: "review" }) }).files, []);
    });

    test("a refused file clears the progress and stays on the step with the error", () => {
      const refused = run(
        { type: "flow", flow: uploading },
        { type: "act" },
        { type: "progress", fraction: 0.2 },
        error("upload_rejected"),
      );
      assert.equal(refused.screen, "connect");
      assert.equal(refused.progress, null);
      assert.equal(refused.error?.code, "upload_rejected");
    });
  });
});
