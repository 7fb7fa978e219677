// <OtlLink> in a React 19 app, in real Chromium, against the fake OTL server that packages/link's
// component tests use (msw counts every request). React runs its development build here, so
// StrictMode really mounts, unmounts and mounts again.
import { expect, waitUntil } from "@open-wc/testing";
import type { OtlLink as OtlLinkElement } from "@otl/link/element";
import { type ReactNode, StrictMode, useEffect } from "react";
import { createRoot, hydrateRoot, type Root } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { BASE_URL, type FakeOtlServer } from "../../link/test/handlers.ts";
import { button, reach, serve, settle } from "../../link/test/setup.ts";
import { OtlLink, type OtlLinkProps } from "../src/index.ts";

const EXCHANGE = "POST /v1/link/exchange";

let roots: Root[] = [];
afterEach(() => {
  for (const root of roots) root.unmount();
  roots = [];
  document.body.replaceChildren();
});

/** A fresh container in the page. */
function container(): HTMLElement {
  const box = document.createElement("div");
  document.body.append(box);
  return box;
}

/** Renders a React tree in a new root, and answers the `<otl-link>` it rendered and the root. */
async function mount(tree: ReactNode): Promise<{ el: OtlLinkElement; root: Root }> {
  const box = container();
  const root = createRoot(box);
  roots.push(root);
  root.render(tree);
  await waitUntil(() => box.querySelector("otl-link"), "React should render <otl-link>");
  return { el: box.querySelector("otl-link") as OtlLinkElement, root };
}

/** Renders `<OtlLink>` under StrictMode in a new root; `render` renders it again with new props. */
async function renderStrict(props: OtlLinkProps): Promise<{ el: OtlLinkElement; root: Root; render: (next: OtlLinkProps) => void }> {
  const strict = (next: OtlLinkProps) => (
    <StrictMode>
      <OtlLink {...next} />
    </StrictMode>
  );
  const { el, root } = await mount(strict(props));
  return { el, root, render: (next) => root.render(strict(next)) };
}

/** Proves this React runs StrictMode's double mount: its effect runs twice there. */
function MountCounter({ onMount }: { onMount: () => void }) {
  useEffect(onMount, [onMount]);
  return null;
}

/** The inputs of an access-token start on this server. */
function token(server: FakeOtlServer): OtlLinkProps {
  return { baseUrl: BASE_URL, accessToken: server.accessToken };
}

describe("<OtlLink>", () => {
  it("under StrictMode exchanges the access token once, with no guard in the host", async () => {
    const server = await serve();
    let mounts = 0;
    const ready: unknown[] = [];
    const { el } = await mount(
      <StrictMode>
        <MountCounter
          onMount={() => {
            mounts += 1;
          }}
        />
        <OtlLink baseUrl={BASE_URL} accessToken={server.accessToken} onReady={(event) => ready.push(event.detail)} />
      </StrictMode>,
    );
    await reach(el, "consent");
    await settle(el);
    expect(mounts, "StrictMode mounted twice").to.equal(2);
    expect(server.count(EXCHANGE)).to.equal(1);
    expect(ready).to.deep.equal([{}]);
  });

  it("sets props as element properties, hands events to the on… props with their detail, and a ref is the element", async () => {
    const server = await serve();
    const steps: string[] = [];
    let ref: OtlLinkElement | null = null;
    const { el } = await renderStrict({
      ...token(server),
      theme: "dark",
      showSandboxIntegrations: false,
      onStep: (event) => steps.push(event.detail.step),
      ref: (node) => {
        ref = node;
      },
    });
    expect(ref).to.equal(el);
    expect(el.theme).to.equal("dark");
    expect(el.showSandboxIntegrations).to.equal(false);
    expect(el.baseUrl).to.equal(BASE_URL);
    // Properties, not attributes: the token is never written into the DOM.
    expect(el.getAttributeNames()).to.deep.equal([]);
    await reach(el, "consent");
    button(el, "I agree").click();
    await reach(el, "select");
    await settle(el);
    expect(steps).to.deep.equal(["consent", "select"]);
    expect(server.queries.get("GET /v1/session/integrations")).to.deep.equal(["?sandbox=false"]);
  });

  it("calls the newest handler after a re-render, once per event", async () => {
    const server = await serve();
    const first: string[] = [];
    const second: string[] = [];
    const { el, render } = await renderStrict({ ...token(server), onStep: (event) => first.push(event.detail.step) });
    await reach(el, "consent");
    render({ ...token(server), onStep: (event) => second.push(event.detail.step) });
    await el.updateComplete;
    button(el, "I agree").click();
    await reach(el, "select");
    await settle(el);
    expect(first).to.deep.equal(["consent"]);
    expect(second).to.deep.equal(["select"]);
    expect(server.count(EXCHANGE)).to.equal(1);
  });

  it("renews an expired session with the fetchAccessToken prop, on the same step", async () => {
    const server = await serve();
    let calls = 0;
    const errors: string[] = [];
    const { el } = await renderStrict({
      ...token(server),
      fetchAccessToken: async () => {
        calls += 1;
        return server.issueAccessToken();
      },
      onError: (event) => errors.push(event.detail.code),
    });
    await reach(el, "consent");
    server.expireSessions();
    button(el, "I agree").click();
    await reach(el, "select");
    expect(calls).to.equal(1);
    expect(errors).to.deep.equal([]);
  });

  it("reports a spent token through onError", async () => {
    const server = await serve();
    const errors: Array<{ code: string; recoverable: boolean }> = [];
    server.failNext(EXCHANGE, "token_consumed");
    const { el } = await renderStrict({
      ...token(server),
      onError: ({ detail: { code, recoverable } }) => errors.push({ code, recoverable }),
    });
    await reach(el, "failure");
    expect(errors).to.deep.equal([{ code: "token_consumed", recoverable: false }]);
  });

  it("hydrates the server's HTML under StrictMode: no mismatch, one exchange", async () => {
    const server = await serve();
    const app = (
      <StrictMode>
        <OtlLink id="share" {...token(server)} />
      </StrictMode>
    );
    const box = container();
    box.innerHTML = renderToString(app);
    const recoverable: unknown[] = [];
    roots.push(hydrateRoot(box, app, { onRecoverableError: (error) => recoverable.push(error) }));
    const el = box.querySelector("otl-link") as OtlLinkElement;
    await reach(el, "consent");
    await settle(el);
    expect(box.querySelectorAll("otl-link")).to.have.length(1);
    expect(recoverable).to.deep.equal([]);
    expect(server.count(EXCHANGE)).to.equal(1);
  });

  it("the <otl-link> tag in TSX: React 19 writes its attributes and listens to its events through onotl-…", async () => {
    const server = await serve();
    const steps: string[] = [];
    const { el } = await mount(
      <StrictMode>
        <otl-link
          base-url={BASE_URL}
          access-token={server.accessToken}
          theme="dark"
          show-sandbox-integrations="false"
          onotl-step={(event) => steps.push(event.detail.step)}
        />
      </StrictMode>,
    );
    await reach(el, "consent");
    expect(el.getAttribute("base-url")).to.equal(BASE_URL);
    expect(el.theme).to.equal("dark");
    expect(el.showSandboxIntegrations).to.equal(false);
    button(el, "I agree").click();
    await reach(el, "select");
    await settle(el);
    expect(steps).to.deep.equal(["consent", "select"]);
    expect(server.count(EXCHANGE)).to.equal(1);
  });

  it("unmounting mid-call aborts it and reports no error", async () => {
    const server = await serve();
    const errors: string[] = [];
    const { el, root } = await renderStrict({ ...token(server), onError: (event) => errors.push(event.detail.code) });
    await reach(el, "consent");
    const release = server.hold("POST /v1/session/consent");
    button(el, "I agree").click();
    await el.updateComplete;
    root.unmount();
    roots = roots.filter((candidate) => candidate !== root);
    release();
    await settle(el);
    expect(el.isConnected).to.equal(false);
    expect(errors).to.deep.equal([]);
  });
});
