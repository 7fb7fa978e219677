import { LIFETIME } from "@otl/protocol";
import type { DomainContext } from "../domain/context.ts";
import { SANDBOX_INTEGRATIONS } from "../integrations/sandbox.ts";
import type { OtlStore } from "../store/types.ts";

/** The domain's settings as a server with default options has them, on `store`: for tests that call the domain directly. */
export function domainContext(store: OtlStore, overrides: Partial<Omit<DomainContext, "store">> = {}): DomainContext {
  return {
    store,
    lifetimes: {
      link: LIFETIME.link,
      accessToken: LIFETIME.accessToken,
      sessionIdle: LIFETIME.sessionIdle,
      sessionAbsolute: LIFETIME.sessionAbsolute,
      flow: LIFETIME.flow,
      secondFactorCode: LIFETIME.secondFactorCode,
    },
    latestLinkOnly: true,
    allowReusableLinks: false,
    dataShared: ["accounts", "balances", "transactions"],
    integrations: new Map(SANDBOX_INTEGRATIONS.map((integration) => [integration.key, integration])),
    ...overrides,
  };
}
