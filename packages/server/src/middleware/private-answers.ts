import type { MiddlewareHandler } from "hono";

/**
 * Marks every API answer as private to the one client that asked: `Cache-Control: no-store` and
 * `Vary: Origin`, listed once (CONTRACT.md, "Public API"). A flow view cached by the browser is the
 * bug it answers: Back after "All done" showed the select step from a stored `GET /v1/session`.
 * Admin answers carry link codes and access tokens, so they get the same header.
 */
export const privateAnswers: MiddlewareHandler = async (c, next) => {
  await next();
  const vary = (c.res.headers.get("vary") ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "" && name.toLowerCase() !== "origin");
  const headers = { "cache-control": "no-store", vary: [...vary, "Origin"].join(", ") };
  try {
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  } catch {
    // An answer with immutable headers: let Hono copy it into one it can change.
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
  }
};
