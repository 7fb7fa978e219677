// The element's own base class (src/element-base.ts), which stands in for LitElement: properties and
// their attributes, values set before the upgrade, one render a microtask, `updateComplete`, the
// reactive-controller protocol and the adopted style sheet. First on a small element of its own, then
// on <otl-link> itself.
import { expect, fixture, html } from "@open-wc/testing";
import type { ReactiveController } from "lit";
import { html as litHtml } from "lit-html";
import { ElementBase, type PropertyDeclarations } from "../src/element-base.ts";
import { OtlLink } from "../src/link.element.ts";
import { styles } from "../src/link.styles.ts";
import { BASE_URL, reach, serve } from "./setup.ts";

/** A small element on the base: what it rendered, and how often. */
class Counter extends ElementBase {
  static override properties: PropertyDeclarations = {
    label: {},
    max: { attribute: "max-count", fromAttribute: (value: string | null) => Number(value) },
    secret: { attribute: false },
  };
  static override styles = { cssText: ":host { display: block; } b { font-weight: 300; }" };
  declare label: string | null | undefined;
  declare max: number;
  declare secret: string | undefined;
  renders = 0;

  constructor() {
    super();
    this.max = 3;
  }

  override render() {
    this.renders += 1;
    return litHtml`<b>${this.label}</b><i>${this.max}</i>`;
  }
}
customElements.define("test-counter", Counter);

/** Every call of the controller protocol on its host, in order, with what the host had rendered then. */
class Recorder implements ReactiveController {
  readonly calls: string[] = [];
  readonly host: Counter;
  constructor(host: Counter) {
    this.host = host;
  }
  hostConnected() {
    this.calls.push("connected");
  }
  hostDisconnected() {
    this.calls.push("disconnected");
  }
  hostUpdate() {
    this.calls.push(`update (rendered ${this.host.renders})`);
  }
  hostUpdated() {
    this.calls.push(`updated (rendered ${this.host.renders})`);
  }
}

const shown = (el: Counter) => el.shadowRoot?.querySelector("b")?.textContent;

describe("the element base", () => {
  it("maps each attribute to its property, with its converter, and leaves property-only ones out", async () => {
    expect(Counter.observedAttributes).to.deep.equal(["label", "max-count"]);
    const el = await fixture<Counter>(html`<test-counter label="Hello" max-count="7"></test-counter>`);
    expect([el.label, el.max]).to.deep.equal(["Hello", 7]);
    expect(shown(el)).to.equal("Hello");
    el.setAttribute("label", "Bonjour");
    await el.updateComplete;
    expect(shown(el)).to.equal("Bonjour");
    // A removed attribute is null, as with Lit.
    el.removeAttribute("label");
    expect(el.label).to.equal(null);
    el.setAttribute("secret", "shown");
    expect(el.secret).to.equal(undefined);
  });

  it("puts the accessors on the prototype, not on the instance", async () => {
    const el = await fixture<Counter>(html`<test-counter></test-counter>`);
    for (const name of ["label", "max", "secret"]) {
      expect(name in Counter.prototype, name).to.equal(true);
      expect(Object.hasOwn(el, name), name).to.equal(false);
    }
  });

  it("renders once for every change made in one task, and updateComplete resolves after that render", async () => {
    const el = await fixture<Counter>(html`<test-counter></test-counter>`);
    expect(el.renders).to.equal(1);
    el.label = "a";
    el.label = "b";
    el.max = 9;
    el.requestUpdate();
    expect(el.renders).to.equal(1);
    expect(await el.updateComplete).to.equal(true);
    expect(el.renders).to.equal(2);
    expect(el.shadowRoot?.textContent).to.equal("b9");
    // A set to the value it has already asks for nothing.
    el.label = "b";
    await el.updateComplete;
    expect(el.renders).to.equal(2);
  });

  it("renders nothing before it is connected; updateComplete then waits for the first render", async () => {
    const el = document.createElement("test-counter") as Counter;
    el.label = "early";
    const complete = el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(el.renders).to.equal(0);
    expect(el.shadowRoot).to.equal(null);
    await fixture(html`<div>${el}</div>`);
    await complete;
    expect(shown(el)).to.equal("early");
  });

  it("keeps Lit's reactive-controller protocol", async () => {
    const el = document.createElement("test-counter") as Counter;
    const recorder = new Recorder(el);
    el.addController(recorder);
    await fixture(html`<div>${el}</div>`);
    await el.updateComplete;
    el.label = "next";
    await el.updateComplete;
    el.remove();
    expect(recorder.calls).to.deep.equal([
      "connected",
      "update (rendered 0)",
      "updated (rendered 1)",
      "update (rendered 1)",
      "updated (rendered 2)",
      "disconnected",
    ]);
    // Added to an element in the page, a controller hears of the connection at once.
    const late = await fixture<Counter>(html`<test-counter></test-counter>`);
    const other = new Recorder(late);
    late.addController(other);
    expect(other.calls).to.deep.equal(["connected"]);
    // Removed, it hears nothing more.
    late.removeController(other);
    late.requestUpdate();
    await late.updateComplete;
    expect(other.calls).to.deep.equal(["connected"]);
  });

  it("folds what a controller changes in hostUpdate into the render under way, as Lit does", async () => {
    const el = document.createElement("test-counter") as Counter;
    el.addController({ hostUpdate: () => (el.label = "from the controller") });
    await fixture(html`<div>${el}</div>`);
    await el.updateComplete;
    expect(shown(el)).to.equal("from the controller");
    await el.updateComplete;
    expect(el.renders).to.equal(1);
  });

  it("draws into an open shadow root that adopts one constructable sheet, shared by every instance, with no <style>", async () => {
    const one = await fixture<Counter>(html`<test-counter></test-counter>`);
    const two = await fixture<Counter>(html`<test-counter></test-counter>`);
    expect(one.shadowRoot?.mode).to.equal("open");
    expect(one.renderRoot).to.equal(one.shadowRoot);
    const sheets = one.shadowRoot?.adoptedStyleSheets ?? [];
    expect(sheets).to.have.length(1);
    expect(two.shadowRoot?.adoptedStyleSheets[0]).to.equal(sheets[0]);
    expect(getComputedStyle(one.shadowRoot?.querySelector("b") as Element).fontWeight).to.equal("300");
    expect(one.shadowRoot?.querySelector("style")).to.equal(null);
  });

  it("takes values set before the element was defined, over its constructor's defaults", async () => {
    // As React and other frameworks do: the element is created and given properties before its class is defined.
    const el = document.createElement("test-counter-late") as Counter;
    el.max = 12;
    el.label = "set early";
    document.body.append(el);
    customElements.define("test-counter-late", class extends Counter {});
    try {
      await el.updateComplete;
      expect([el.max, el.label, Object.hasOwn(el, "max")]).to.deep.equal([12, "set early", false]);
      expect(el.shadowRoot?.textContent).to.equal("set early12");
    } finally {
      el.remove();
    }
  });
});

describe("<otl-link> on the element base", () => {
  it("observes exactly its attributes and has every property's accessor on its prototype", () => {
    expect(OtlLink.observedAttributes).to.deep.equal([
      "base-url",
      "access-token",
      "code",
      "company-id",
      "connection-id",
      "locale",
      "theme",
      "show-sandbox-integrations",
      "renew",
    ]);
    const properties = ["baseUrl", "accessToken", "code", "companyId", "connectionId", "locale", "theme"];
    for (const name of [...properties, "showSandboxIntegrations", "renew", "fetchAccessToken", "messages"]) {
      expect(Object.getOwnPropertyDescriptor(OtlLink.prototype, name)?.set, name).to.be.a("function");
    }
  });

  it('reads show-sandbox-integrations="false" as false, renew as present or not, and starts light', async () => {
    const el = await fixture<OtlLink>(html`<otl-link show-sandbox-integrations="false" renew></otl-link>`);
    expect([el.showSandboxIntegrations, el.renew, el.theme]).to.deep.equal([false, true, "light"]);
    el.setAttribute("show-sandbox-integrations", "");
    el.removeAttribute("renew");
    expect([el.showSandboxIntegrations, el.renew]).to.deep.equal([true, false]);
  });

  it("adopts the kit's sheet (styles.cssText) and no inline style", async () => {
    const el = await fixture<OtlLink>(html`<otl-link></otl-link>`);
    const sheets = el.shadowRoot?.adoptedStyleSheets ?? [];
    expect(sheets).to.have.length(1);
    expect(sheets[0]?.cssRules.length).to.be.greaterThan(20);
    expect(styles.sheet).to.equal(sheets[0]);
    expect(el.shadowRoot?.querySelector("style")).to.equal(null);
  });

  it("picks up the properties a framework set before <otl-link> was defined, and runs the flow from them", async () => {
    const server = await serve();
    const el = document.createElement("otl-link-upgraded") as OtlLink;
    el.baseUrl = BASE_URL;
    el.accessToken = server.accessToken;
    el.theme = "dark";
    el.showSandboxIntegrations = false;
    let asked = 0;
    el.fetchAccessToken = async () => {
      asked += 1;
      return server.accessToken;
    };
    await fixture(html`<div>${el}</div>`);
    customElements.define("otl-link-upgraded", class extends OtlLink {});
    await reach(el, "consent");
    expect([el.baseUrl, el.accessToken, el.theme, el.showSandboxIntegrations]).to.deep.equal([BASE_URL, server.accessToken, "dark", false]);
    expect(typeof el.fetchAccessToken).to.equal("function");
    expect(asked).to.equal(0);
    expect(el.shadowRoot?.querySelector("[part~=container]")?.classList.contains("dark")).to.equal(true);
    expect(server.count("POST /v1/link/exchange")).to.equal(1);
  });
});
