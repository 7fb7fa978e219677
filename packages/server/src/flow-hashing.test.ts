import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { TestServer } from "./test/harness.ts";
import { Keyring } from "./tokens.ts";

// Each HMAC costs a flow a few microseconds (and 4% of its instructions under callgrind), and each
// secret is hashed once per request that carries it: a second middleware or a helper that hashes the
// same token again shows here. Client addresses are hashed too, but remembered (context.ts).
describe("the secrets a flow hashes", () => {
  let server: TestServer;
  beforeEach(() => {
    server = new TestServer();
  });
  afterEach(() => server.close());

  it("hashes each secret once per request: the access token and session token minted, and each one presented", async (t) => {
    const { id: companyId } = await server.company();
    const minted = t.mock.method(Keyring.prototype, "hash");
    const presented = t.mock.method(Keyring.prototype, "candidates");

    const accessToken = await server.accessToken(companyId);
    const exchanged = await server.exchange({ accessToken });
    assert.equal(exchanged.status, 201);
    await server.connectSandboxBank(exchanged.body.sessionToken);
    const finished = await server.session(exchanged.body.sessionToken, "POST", "/finish", { disclosedAll: true });
    assert.equal(finished.status, 200);

    // `hash` also makes the keyed hashes of client addresses (`client:…`, `rate:…`), each once per address.
    const secrets = minted.mock.calls.map((call) => call.arguments[0]).filter((value) => !/^(client|rate):/.test(value));
    assert.deepEqual(
      secrets.map((secret) => secret.slice(0, 7)),
      ["otl_at_", "otl_st_"],
      "the access token when issued, the session token when exchanged",
    );
    // The access token at the exchange, then the session token at consent, connect, credentials and finish.
    assert.equal(presented.mock.callCount(), 5);
  });
});
