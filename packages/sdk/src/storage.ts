/** Where a tab keeps its session token: `sessionStorage` by default, so a reload continues and other tabs do not share it. */
export type SessionStore = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** The browser's sessionStorage when there is one (never during SSR), else null. */
export function defaultSessionStore(): SessionStore | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    // Reading it throws when cookies are blocked; the flow still works, only reload-resume does not.
    return null;
  }
}

/** An in-memory store, for tests and for pages that must not touch storage. */
export function memorySessionStore(): SessionStore {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}
