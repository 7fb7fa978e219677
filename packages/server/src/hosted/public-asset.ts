import { createHash } from "node:crypto";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Context } from "hono";

/**
 * A public file the server hands to any page: the element bundle and the hosted page's script and
 * style. Compressed once when it is first read (br at the highest quality, gzip at level 9), so a
 * request costs a lookup, not a compression.
 */
export class PublicAsset {
  /** The MIME type with its charset, e.g. `text/javascript; charset=utf-8`. */
  readonly type: string;
  /** The file's bytes as written. */
  readonly raw: Buffer;
  /** The Subresource Integrity of the raw bytes: `sha384-<base64>`. */
  readonly integrity: string;
  /** The brotli and gzip encodings of the raw bytes. */
  readonly br: Buffer;
  readonly gzip: Buffer;
  readonly #etag: string;

  constructor(text: string | Buffer, type: string) {
    this.raw = Buffer.from(text);
    this.type = type;
    this.integrity = `sha384-${createHash("sha384").update(this.raw).digest("base64")}`;
    this.#etag = createHash("sha256").update(this.raw).digest("base64url").slice(0, 27);
    this.br = brotliCompressSync(this.raw, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: this.raw.length },
    });
    this.gzip = gzipSync(this.raw, { level: 9 });
  }

  /**
   * The answer to a GET or HEAD: the best encoding the request accepts, a strong `ETag` per encoding
   * (RFC 9110 §8.8.3: each representation has its own), and 304 when `If-None-Match` already has it.
   * Any page may load it: `Access-Control-Allow-Origin: *` (module scripts are CORS requests) and
   * `Cross-Origin-Resource-Policy: cross-origin` (for pages that set COEP); it carries no secret.
   */
  respond(c: Context, cacheControl: string): Response {
    const encoding = preferredEncoding(c.req.header("accept-encoding") ?? "");
    const body = encoding === "br" ? this.br : encoding === "gzip" ? this.gzip : this.raw;
    const etag = `"${this.#etag}${encoding === "identity" ? "" : `-${encoding}`}"`;
    const headers: Record<string, string> = {
      "content-type": this.type,
      "cache-control": cacheControl,
      etag,
      vary: "Accept-Encoding",
      "access-control-allow-origin": "*",
      "cross-origin-resource-policy": "cross-origin",
      "x-content-type-options": "nosniff",
    };
    if (encoding !== "identity") headers["content-encoding"] = encoding;
    if (matchesEtag(c.req.header("if-none-match"), etag)) return new Response(null, { status: 304, headers });
    headers["content-length"] = String(body.length);
    return new Response(c.req.method === "HEAD" ? null : new Uint8Array(body), { status: 200, headers });
  }
}

/** `br` when the client takes it, else `gzip`, else the bytes as they are (RFC 9110 §12.5.3, with q-values). */
export function preferredEncoding(acceptEncoding: string): "br" | "gzip" | "identity" {
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [name = "", ...parameters] = part.trim().toLowerCase().split(";");
    const q = parameters.map((parameter) => parameter.trim()).find((parameter) => parameter.startsWith("q="));
    accepted.set(name.trim(), q === undefined ? 1 : Number(q.slice(2)) || 0);
  }
  const weight = (name: string) => accepted.get(name) ?? accepted.get("*") ?? 0;
  if (weight("br") > 0) return "br";
  if (weight("gzip") > 0) return "gzip";
  return "identity";
}

function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  // Weak comparison, as If-None-Match asks (RFC 9110 §13.1.2).
  return ifNoneMatch.split(",").some((tag) => {
    const candidate = tag.trim().replace(/^W\//, "");
    return candidate === "*" || candidate === etag;
  });
}
