declare const accessToken: string; declare const response: Response; declare function render(flow: unknown): void;
import { LinkClient, isOtlError } from "@otl/sdk";

const client = new LinkClient({
  baseUrl: "https://otl.example.com",
  // Called when the session expires mid-flow: the customer stays on their step.
  fetchAccessToken: () => fetch("/my-backend/otl-token").then((r) => r.text()),
});
const session = await client.exchange({ accessToken }); // or { code, companyId, connectionId? }
session.addEventListener("change", () => render(session.flow));
await session.acceptConsent();
const { connection, next } = await session.connect("sandbox-bank");
// A `redirect` integration answers next = {kind: "redirect", url}: send the customer to `url`; the
// bank returns them to `returnTo` (default the hosted page), where `client.resume(companyId)` continues.
// await session.connect("sandbox-oauth-bank", { returnTo: location.href });
await session.submitCredentials(connection.id, { username: "user_good", password: "pass_good" });
await session.finish();
export {};
