import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import * as z from "zod/mini";
import { addressHash, clientAddress, type OtlContext } from "../context.ts";
import { PAGE_HEADERS } from "../hosted/routes.ts";
import { OtlProblem } from "../problem.ts";
import { bodyTooLarge, readBody } from "../validate.ts";
import { ConsoleAssets } from "./console-assets.ts";
import { CONSOLE_NOT_BUILT_HTML, consolePageHtml } from "./page.ts";
import {
  CONSOLE_IDLE_SECONDS,
  type ConsoleSession,
  endConsoleSession,
  hasCsrfToken,
  readConsoleSession,
  resumeConsoleSession,
  startConsoleSession,
} from "./session-cookie.ts";

// The console page takes the link pages' headers (never cached, indexed or framed; no referrer; no
// sniffing), with a CSP of its own: this origin's files only, no inline script or style, no
// third-party origin, no form posting elsewhere, and it calls the admin API on its own origin.
const CONSOLE_PAGE_HEADERS = {
  ...PAGE_HEADERS,
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
};

/** Sign-in: the API key, once; it is checked and forgotten, never written to the cookie or the page. */
const SignInRequest = z.strictObject({ apiKey: z.string().check(z.minLength(1), z.maxLength(512)) });

// Refused keys get the same words whatever was wrong with them: no hint of length, prefix or closeness.
const SIGN_IN_REFUSED = "Sign-in failed";

/** What the console page reads after sign-in or on reload: its CSRF token and when the session idles out. */
function sessionAnswer(session: ConsoleSession) {
  return { csrfToken: session.csrf, idleExpiresAt: new Date(session.lastSeenAt + CONSOLE_IDLE_SECONDS * 1000).toISOString() };
}

/**
 * The admin console: its page and files at `/console`, and its session at `/console/session`
 * (POST signs in with the API key, GET resumes, DELETE signs out). Every other thing the console
 * does is a call to the admin API with the session cookie in place of the key.
 */
export function consoleRoutes(ctx: OtlContext): Hono {
  const app = new Hono();
  const assets = new ConsoleAssets();
  const assetsPath = `${new URL(ctx.publicUrl).pathname.replace(/\/+$/, "")}/console/assets`;

  app.get("/console", (c) => {
    if (!assets.read()) return c.html(CONSOLE_NOT_BUILT_HTML, 503, CONSOLE_PAGE_HEADERS);
    return c.html(consolePageHtml(assetsPath), 200, CONSOLE_PAGE_HEADERS);
  });
  // The files are public (no secret in them), re-checked within five minutes of a release.
  const built = () => {
    const found = assets.read();
    if (!found) throw new OtlProblem("not_found", "The console is not built: run `pnpm build`");
    return found;
  };
  app.get("/console/assets/console.js", (c) => built().script.respond(c, "public, max-age=300"));
  app.get("/console/assets/console.css", (c) => built().style.respond(c, "public, max-age=300"));

  // Session answers carry the CSRF token: never stored by a cache.
  app.use("/console/session", async (c, next) => {
    await next();
    c.res.headers.set("cache-control", "no-store");
  });

  const isApiKey = ctx.keyring.matcher(ctx.apiKey);
  // A sign-in body is one key: anything much larger is not one.
  const signInLimit = bodyLimit({
    maxSize: 4096,
    onError: () => {
      throw bodyTooLarge();
    },
  });
  // The link routes' limiter counts only guessed codes (404s); here every refused key is a guess, so
  // the count is kept here, in the same store counters, per client address.
  const refused = async (c: Context): Promise<never> => {
    await ctx.store.recordFailure(addressHash(ctx, "rate:console-sign-in", clientAddress(ctx, c)), ctx.rateLimit.windowSeconds * 1000);
    throw new OtlProblem("unauthorized", SIGN_IN_REFUSED);
  };
  app.post("/console/session", signInLimit, async (c) => {
    const state = await ctx.store.rateLimitState(addressHash(ctx, "rate:console-sign-in", clientAddress(ctx, c)));
    if (state && state.count >= ctx.rateLimit.maxFailures) {
      const retryAfter = Math.max(1, Math.ceil((state.resetAt - ctx.clock.now()) / 1000));
      throw new OtlProblem("rate_limited", `Too many failed sign-ins; try again in ${retryAfter} seconds`, {
        headers: { "retry-after": String(retryAfter) },
      });
    }
    const origin = c.req.header("origin");
    if (origin !== undefined && origin !== ctx.publicOrigin) return refused(c);
    const { apiKey } = await readBody(c, SignInRequest);
    if (!isApiKey(apiKey)) return refused(c);
    ctx.logger.info("console session started");
    return c.json(sessionAnswer(startConsoleSession(ctx, c)), 201);
  });

  app.get("/console/session", (c) => {
    const session = resumeConsoleSession(ctx, c);
    if (!session) throw new OtlProblem("unauthorized", "No console session: sign in with the API key");
    return c.json(sessionAnswer(session));
  });

  // Sign-out is a change like any other: it needs the CSRF token, so no other site can sign a user out.
  app.delete("/console/session", (c) => {
    const session = readConsoleSession(ctx, c);
    if (!session || !hasCsrfToken(c, session)) throw new OtlProblem("unauthorized", "No console session, or no CSRF token");
    endConsoleSession(c);
    return c.body(null, 204);
  });
  return app;
}
