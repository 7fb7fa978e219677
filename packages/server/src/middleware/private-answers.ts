import type { MiddlewareHandler } from "hono";

/**
 * Marks every API answer as private to the one client that asked: `Cache-Control: no-store` and
 * `Vary: Origin`, listed once (CONTRACT.md, "Public API"). A flow view cached by the browser is the
 * bug it answers: Back after "All done" showed the select step from a stored `GET /v1/session`.
 * Admin answers carry link codes and access tokens, so they get the same header.
 */
export const privateAnswers: MiddlewareHandler = async (c, next) => {
  await next();
  const vary = varyWithOrigin(c.res.headers.get("vary"));
  try {
    c.res.headers.set("cache-control", "no-store");
    c.res.headers.set("vary", vary);
  } catch {
    // An answer with immutable headers: let Hono copy it into one it can change.
    c.header("cache-control", "no-store");
    c.header("vary", vary);
  }
};

/** A `Vary` value that lists `Origin` once, last, after the names `vary` already lists. */
function varyWithOrigin(vary: string | null): string {
  // Most answers carry none, or only the Origin the browser API's CORS added: no list to take apart.
  if (vary === null || vary === "" || vary === "Origin") return "Origin";
  const names = vary
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "" && name.toLowerCase() !== "origin");
  return [...names, "Origin"].join(", ");
}
