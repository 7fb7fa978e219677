import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { OtlContext } from "../context.ts";

/**
 * The admin console's session: a sealed cookie, not a row in the store.
 *
 * Why sealed rather than stored: a session row would need a table and a migration in both stores and a
 * purge, while a cookie sealed with AES-256-GCM under a key derived from the server's hash keys works
 * the same on every server process sharing those keys, with nothing to clean up. The price: sign-out
 * clears the cookie in the browser but cannot recall a copy of it, which stays good until its idle
 * timeout (15 minutes). The cookie is HttpOnly, so a page's script cannot make such a copy, and the
 * API key's fingerprint inside it means changing the key ends every console session at once.
 *
 * The cookie holds no API key, only: the CSRF token, when it was issued, when it was last used, and
 * the fingerprint (a keyed hash) of the API key that signed in.
 */

/**
 * `__Host-` makes the browser insist on Secure, Path=/ and no Domain (RFC 6265bis §4.1.3.2), so no
 * sibling subdomain can plant or overwrite it. Path=/ because the console calls the admin API at /v1.
 */
export const CONSOLE_COOKIE = "__Host-otl-console";
/** The header the console sends its CSRF token in, on every call that changes something. */
export const CSRF_HEADER = "x-otl-csrf";
/** A console session ends after this long without a request (SECURITY.md: "a short idle timeout"). */
export const CONSOLE_IDLE_SECONDS = 15 * 60;
/** …and after this long whatever happens, so a tab left polling cannot keep one alive for ever. */
export const CONSOLE_MAX_SECONDS = 12 * 60 * 60;

/** What a console session cookie holds once opened. Times are epoch milliseconds. */
export interface ConsoleSession {
  /** The synchronizer CSRF token: 32 random bytes, base64url. */
  csrf: string;
  issuedAt: number;
  lastSeenAt: number;
  /** The keyed hash of the API key the session was opened with. */
  keyFingerprint: string;
}

interface SealKey {
  id: string;
  key: Buffer;
}

// The sealing keys depend only on the keyring, which lives as long as the context.
const sealKeysOf = new WeakMap<OtlContext, SealKey[]>();

/**
 * One AES-256 key per hash key, derived by HMAC with a purpose label (so it is not the hash of any
 * secret the store holds). The first seals; the others still open cookies sealed before a rotation.
 */
function sealKeys(ctx: OtlContext): SealKey[] {
  let keys = sealKeysOf.get(ctx);
  if (!keys) {
    keys = ctx.keyring.candidates("otl-console-session-cookie/v1").map((stored) => {
      const [id = "", digest = ""] = stored.split(":");
      return { id, key: Buffer.from(digest, "base64url") };
    });
    sealKeysOf.set(ctx, keys);
  }
  return keys;
}

/** The fingerprint of the API key stored in a session, so a new key ends the old key's sessions. */
export function keyFingerprint(ctx: OtlContext): string {
  return ctx.keyring.hash(`otl-console-api-key:${ctx.apiKey}`);
}

function seal(ctx: OtlContext, session: ConsoleSession): string {
  const [current] = sealKeys(ctx) as [SealKey];
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", current.key, iv);
  // The key id is authenticated too: a cookie cannot be moved from one key's slot to another's.
  cipher.setAAD(Buffer.from(current.id));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(session), "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${current.id}.${iv.toString("base64url")}.${sealed.toString("base64url")}`;
}

function open(ctx: OtlContext, value: string): ConsoleSession | null {
  const [id, iv, sealed] = value.split(".");
  const key = sealKeys(ctx).find((candidate) => candidate.id === id);
  if (!key || !iv || !sealed) return null;
  try {
    const bytes = Buffer.from(sealed, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(key.id));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    const json = Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString("utf8");
    const session = JSON.parse(json) as ConsoleSession;
    return typeof session.csrf === "string" && typeof session.lastSeenAt === "number" ? session : null;
  } catch {
    // Tampered, truncated, or sealed under a key this server no longer has.
    return null;
  }
}

function writeCookie(ctx: OtlContext, c: Context, session: ConsoleSession): void {
  setCookie(c, CONSOLE_COOKIE, seal(ctx, session), {
    path: "/",
    httpOnly: true,
    secure: true,
    sameSite: "Strict",
    // The browser forgets it when the server would refuse it anyway.
    maxAge: CONSOLE_IDLE_SECONDS,
  });
}

/** Opens a console session for the browser behind `c` (the API key already checked) and returns it. */
export function startConsoleSession(ctx: OtlContext, c: Context): ConsoleSession {
  const now = ctx.clock.now();
  const session: ConsoleSession = {
    csrf: randomBytes(32).toString("base64url"),
    issuedAt: now,
    lastSeenAt: now,
    keyFingerprint: keyFingerprint(ctx),
  };
  writeCookie(ctx, c, session);
  return session;
}

/**
 * The live console session of this request, or null when there is none: no cookie, a tampered one,
 * idle too long, too old, or opened with another API key.
 */
export function readConsoleSession(ctx: OtlContext, c: Context): ConsoleSession | null {
  const value = getCookie(c, CONSOLE_COOKIE);
  if (value === undefined) return null;
  const session = open(ctx, value);
  const now = ctx.clock.now();
  if (
    !session ||
    now - session.lastSeenAt > CONSOLE_IDLE_SECONDS * 1000 ||
    now - session.issuedAt > CONSOLE_MAX_SECONDS * 1000 ||
    !sameText(session.keyFingerprint, keyFingerprint(ctx))
  ) {
    return null;
  }
  return session;
}

/** The live console session (as `readConsoleSession`), its idle clock restarted: the cookie is re-sealed on the answer. */
export function resumeConsoleSession(ctx: OtlContext, c: Context): ConsoleSession | null {
  const session = readConsoleSession(ctx, c);
  if (!session) return null;
  const resumed = { ...session, lastSeenAt: ctx.clock.now() };
  writeCookie(ctx, c, resumed);
  return resumed;
}

/** Clears the console cookie in the browser (sign-out). */
export function endConsoleSession(c: Context): void {
  deleteCookie(c, CONSOLE_COOKIE, { path: "/", secure: true, httpOnly: true, sameSite: "Strict" });
}

/**
 * Whether a request that changes something carries the session's CSRF token (synchronizer token:
 * the server knows the token from the sealed cookie; only a page that read it from this origin's
 * answer can send it). Compared in constant time.
 */
export function hasCsrfToken(c: Context, session: ConsoleSession): boolean {
  return sameText(c.req.header(CSRF_HEADER) ?? "", session.csrf);
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
