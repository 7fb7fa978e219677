import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import { type Customer, recordFilesBesideTheBundle, SCREEN } from "./support/customer.ts";
import { EMBED_HOST_URL, OTL_URL } from "./support/env.ts";
import { expect, test } from "./support/fixtures.ts";
import { README_SERVER, readmeSnippets } from "./support/readme.ts";

// The README's script-tag embed, exactly as written, on a host page of another origin than the OTL
// server: plain, pinned with Subresource Integrity, and under the README's strict CSP. The host page
// is served by a real HTTP server on an origin of its own (on the server's allow-list; a page that
// Playwright fulfils itself has no address space, and Chromium's Local Network Access then refuses
// it the loopback OTL server). The element's script and every API call go to the OTL server for
// real, so CORS, SRI and CSP are the browser's own.

const HOST_PAGE = `${EMBED_HOST_URL}/readme-embed.html`;
const HOST_SCRIPT = `${EMBED_HOST_URL}/readme-host.js`;

/** What the host server answers: the page of the running test, and the host's own script. */
const served = { html: "", headers: {} as Record<string, string> };
// The host's own listener, as a file the CSP allows under 'self'; it also records any CSP violation.
const HOST_JS = `window.violations = [];
document.addEventListener("securitypolicyviolation", (event) => window.violations.push(event.violatedDirective + " " + event.blockedURI));
window.finished = [];
document.addEventListener("otl-finish", (event) => window.finished.push(event.detail.flow.step));`;

let hostServer: Server;
test.beforeAll(async () => {
  hostServer = createServer((request, response) => {
    if (request.url === "/readme-host.js") response.writeHead(200, { "content-type": "text/javascript" }).end(HOST_JS);
    else if (request.url === "/readme-embed.html")
      response.writeHead(200, { "content-type": "text/html", ...served.headers }).end(served.html);
    else response.writeHead(404).end();
  });
  const { hostname, port } = new URL(EMBED_HOST_URL);
  await new Promise<void>((resolve) => hostServer.listen(Number(port), hostname, resolve));
});
test.afterAll(() => new Promise<void>((resolve) => hostServer.close(() => resolve())));

const [plain, pinned, csp] = (() => {
  const snippets = readmeSnippets("Embed it");
  const find = (test: (code: string) => boolean, what: string) => {
    const found = snippets.find((snippet) => test(snippet.code));
    if (!found) throw new Error(`README "Embed it" lost its ${what} snippet`);
    return found.code;
  };
  return [
    find((code) => code.includes("<otl-link") && code.includes("/assets/otl-link.js"), "plain embed"),
    find((code) => code.includes("integrity="), "pinned (SRI)"),
    find((code) => code.startsWith("Content-Security-Policy:"), "CSP"),
  ];
})();

interface Manifest {
  version: string;
  files: { "otl-link.js": { url: string; integrity: string } };
}

/** Sets the page the host server answers at HOST_PAGE. */
function hostPage(html: string, headers: Record<string, string> = {}): void {
  served.html = html;
  served.headers = headers;
}

async function walkToDone(customer: Customer): Promise<void> {
  await customer.sees(SCREEN.consent, "consent");
  await customer.agree();
  await customer.connectSandboxBankAndFinish();
}

test("the README's plain embed works from another origin exactly as written, to done", async ({ page, customer, otl }) => {
  const company = await otl.company("README Embed Ltd");
  const token = await otl.accessToken(company.id);
  const logged: string[] = [];
  page.on("console", (message) => logged.push(message.text()));
  hostPage(`<!doctype html><meta charset="utf-8">${plain.replaceAll(README_SERVER, OTL_URL).replace("otl_at_…", token)}`);
  await page.goto(HOST_PAGE);
  await walkToDone(customer);
  // The README's own inline listener heard the finish.
  await expect.poll(() => logged.some((line) => line.includes("done"))).toBe(true);
  expect(await otl.flow(company.id)).toMatchObject({ status: "done" });
});

test("pinned with SRI under the README's strict CSP: the flow reaches done with no violation", async ({ page, customer, otl, request }) => {
  const manifest = (await (await request.get(`${OTL_URL}/assets/manifest.json`)).json()) as Manifest;
  const file = manifest.files["otl-link.js"];
  expect(file.url).toBe(`${OTL_URL}/assets/v${manifest.version}/otl-link.js`);
  const company = await otl.company("Pinned Embed Ltd");
  const token = await otl.accessToken(company.id);
  const tag = pinned
    .replaceAll(README_SERVER, OTL_URL)
    .replace(/\/assets\/v[^/]+\/otl-link\.js/, `/assets/v${manifest.version}/otl-link.js`)
    .replace("sha384-…", file.integrity);
  const policy = csp
    .replace(/^Content-Security-Policy:\s*/, "")
    .trim()
    .replaceAll(README_SERVER, OTL_URL);
  const cspErrors: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) cspErrors.push(message.text());
  });
  hostPage(
    `<!doctype html><meta charset="utf-8"><script src="${HOST_SCRIPT}"></script>${tag}<otl-link base-url="${OTL_URL}" access-token="${token}"></otl-link>`,
    { "content-security-policy": policy },
  );
  await page.goto(HOST_PAGE);
  await walkToDone(customer);
  expect(await page.evaluate(() => (window as unknown as { finished: string[] }).finished)).toEqual(["done"]);
  expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
  expect(cspErrors).toEqual([]);
});

test("SRI is enforced: a wrong integrity keeps the element from loading at all", async ({ page }) => {
  const wrong = `sha384-${createHash("sha384").update("not the bundle").digest("base64")}`;
  hostPage(
    `<!doctype html><meta charset="utf-8"><script type="module" src="${OTL_URL}/assets/otl-link.js" integrity="${wrong}" crossorigin="anonymous"></script><p>host</p>`,
  );
  await page.goto(HOST_PAGE);
  await page.waitForLoadState("networkidle");
  expect(await page.evaluate(() => customElements.get("otl-link") === undefined)).toBe(true);
});

test("from another origin, the versioned bundle loads its language file from beside itself, pinned by an import map; a file that fails its integrity gives English", async ({
  page,
  customer,
  otl,
  request,
}) => {
  const manifest = (await (await request.get(`${OTL_URL}/assets/manifest.json`)).json()) as Manifest & {
    files: Record<string, { url: string; integrity: string }>;
  };
  const bundle = manifest.files["otl-link.js"];
  const arabic = manifest.files["otl-link.ar.js"];
  expect(arabic?.url).toBe(`${OTL_URL}/assets/v${manifest.version}/otl-link.ar.js`);
  const files = recordFilesBesideTheBundle(page);
  const embed = async (integrity: string) => {
    const company = await otl.company("شركة الاختبار");
    const token = await otl.accessToken(company.id);
    hostPage(`<!doctype html><meta charset="utf-8">
<script type="importmap">${JSON.stringify({ integrity: { [arabic?.url ?? ""]: integrity } })}</script>
<script type="module" src="${bundle.url}" integrity="${bundle.integrity}" crossorigin="anonymous"></script>
<otl-link base-url="${OTL_URL}" access-token="${token}" locale="ar"></otl-link>`);
    await page.goto(HOST_PAGE);
  };

  await embed(arabic?.integrity ?? "");
  await customer.sees("هل توافق على مشاركة هذه البيانات؟", "consent in Arabic, from another origin");
  await expect(customer.link.locator("[part~=container]")).toHaveAttribute("dir", "rtl");
  // The logos' file (asked for on consent, for select) comes from beside the versioned bundle too.
  const logos = manifest.files["otl-link.logos.js"]?.url;
  expect(logos).toBe(`${OTL_URL}/assets/v${manifest.version}/otl-link.logos.js`);
  await expect.poll(() => files).toContain(logos);
  expect(files.filter((file) => file !== logos)).toEqual([arabic?.url]);

  // The wrong bytes for the file: the browser refuses them, and the customer still gets the flow, in English.
  await embed(`sha384-${createHash("sha384").update("not the file").digest("base64")}`);
  await customer.sees(SCREEN.consent, "consent in English when the language file is refused");
  await expect(customer.link.locator("[part~=container]")).toHaveAttribute("dir", "ltr");
});
