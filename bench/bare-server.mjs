// The floor the bench compares OTL with: plain node:http doing the least work the same calls need.
// Issue: a random secret, its HMAC-SHA-256 into a Map, a JSON answer. Exchange: the hash, delete-if-present,
// a JSON answer. No validation, no store, no flow: whatever OTL costs beyond this is its own.
import { createHmac, randomBytes } from "node:crypto";
import { createServer } from "node:http";

const apiKey = process.env.BENCH_API_KEY ?? "";
const hashKey = randomBytes(32);
const grants = new Map();
const TTL_MS = 60 * 60 * 1000;

const hash = (secret) => createHmac("sha256", hashKey).update(secret).digest("base64url");
const secret = (prefix) => prefix + randomBytes(18).toString("base64url");

function answer(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": status < 400 ? "application/json" : "application/problem+json",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

function issue(companyId, prefix) {
  const value = secret(prefix);
  const expiresAt = new Date(Date.now() + TTL_MS).toISOString();
  grants.set(hash(value), { companyId, expiresAt });
  return { value, expiresAt };
}

const server = createServer((req, res) => {
  let raw = "";
  req.setEncoding("utf8");
  req.on("data", (chunk) => {
    raw += chunk;
  });
  req.on("end", () => {
    let body;
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      return answer(res, 400, { code: "validation_failed" });
    }
    const issuing = req.method === "POST" && /^\/v1\/companies\/([^/]+)\/(links|access-tokens)$/.exec(req.url ?? "");
    if (issuing) {
      if (req.headers.authorization !== `Bearer ${apiKey}`) return answer(res, 401, { code: "unauthorized" });
      const [, companyId, what] = issuing;
      if (what === "links") {
        const { value, expiresAt } = issue(companyId, "");
        return answer(res, 201, { companyId, code: value, url: `http://bare.test/company/${companyId}?link.otp=${value}`, expiresAt });
      }
      const { value, expiresAt } = issue(companyId, "otl_at_");
      return answer(res, 201, { accessToken: value, expiresAt });
    }
    if (req.method === "POST" && req.url === "/v1/link/exchange") {
      const key = hash(String(body.accessToken ?? body.code ?? ""));
      const grant = grants.get(key);
      if (!grant || !grants.delete(key)) return answer(res, 404, { code: "token_invalid" });
      return answer(res, 201, { sessionToken: secret("otl_st_"), expiresAt: grant.expiresAt, flow: { companyId: grant.companyId } });
    }
    answer(res, 404, { code: "not_found" });
  });
});

server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`bare-server listening on http://127.0.0.1:${server.address().port}\n`);
});
process.once("SIGTERM", () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
