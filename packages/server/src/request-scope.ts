import { AsyncLocalStorage } from "node:async_hooks";

/** What the server knows about the request being answered, wherever the code that logs runs. */
export interface RequestScope {
  /** The request's id: the caller's `X-Request-Id` when well-formed, else a fresh one. Echoed in the answer. */
  requestId: string;
}

/**
 * Carries the current request's scope through its async calls, so every record a route logs names
 * its request without each route passing the id along.
 */
export const requestScope = new AsyncLocalStorage<RequestScope>();
