import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { WebhookMessage } from "@otl/protocol";
import { webhookEventsOf } from "./webhook-events.ts";

const companyId = "co_9b1e44c07a2d5f3e6c18";
const linkId = "ln_5f0c2a9be1d34c7a8e21";
const flowId = "fl_0d7e3b5a91c24f68ab30";

describe("webhookEventsOf", () => {
  it("maps each announced audit record to its webhook, with a body the schema accepts", () => {
    const cases = [
      [{ event: "link.issued", companyId, linkId, detail: { kind: "company_link" } }, "link.issued"],
      [{ event: "link.delivered", companyId, linkId, detail: { channel: "email", to: "f***@acme.example" } }, "link.delivered"],
      [{ event: "link.delivery_failed", companyId, linkId, detail: { channel: "sms", error: "HTTP 502" } }, "link.delivery_failed"],
      [{ event: "link.redeemed", companyId, linkId, flowId, detail: { kind: "company_link" } }, "link.redeemed"],
      [{ event: "link.replayed", companyId, linkId, detail: { reason: "token_consumed" } }, "link.replayed"],
      [{ event: "flow.consent", companyId, flowId, detail: { accepted: false } }, "flow.consent_declined"],
      [{ event: "flow.finished", companyId, flowId }, "flow.finished"],
      [
        {
          event: "file.uploaded",
          companyId,
          flowId,
          detail: { connectionId: "cn_1a2b3c4d5e6f70819a2b", fileId: "fi_7c1d2e3f4a5b6c7d8e9f", mediaType: "application/pdf", size: 48213 },
        },
        "file.uploaded",
      ],
      [{ event: "second_factor.locked", companyId, linkId, flowId }, "second_factor.locked"],
    ] as const;
    for (const [entry, type] of cases) {
      const events = webhookEventsOf(entry);
      assert.deepEqual(
        events.map((event) => event.type),
        [type],
      );
      const body = { type, timestamp: "2026-03-01T12:00:00.000Z", data: events[0]?.data };
      assert.ok(WebhookMessage.safeParse(body).success, JSON.stringify(body));
      assert.ok(!JSON.stringify(body).includes("f***@"), "no address in a webhook");
    }
  });

  it("announces nothing for access tokens and for events with no webhook", () => {
    assert.deepEqual(
      webhookEventsOf({ event: "link.issued", companyId, linkId: "at_32f1a28d2bdea5e26899", detail: { kind: "access_token" } }),
      [],
    );
    assert.deepEqual(webhookEventsOf({ event: "link.redeemed", companyId, linkId: "at_32f1a28d2bdea5e26899", flowId }), []);
    assert.deepEqual(webhookEventsOf({ event: "link.viewed", companyId, linkId }), []);
    assert.deepEqual(webhookEventsOf({ event: "link.superseded", companyId, linkId }), []);
  });
});
