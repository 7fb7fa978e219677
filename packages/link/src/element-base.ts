import type { ReactiveController, ReactiveControllerHost } from "lit";
import { type RootPart, render } from "lit-html";

/**
 * One property of an element: the attribute it mirrors and how that attribute's text becomes its value.
 * `attribute` is the property's own name when left out (`code`), another name (`base-url`), or `false`
 * for a property only (`fetchAccessToken`); `fromAttribute` turns the text, or null once the attribute is
 * removed, into the value, and keeps it as written when left out (as Lit does for a string).
 */
export interface PropertyDeclaration {
  attribute?: string | false;
  fromAttribute?: (value: string | null) => unknown;
}

/** An element's properties by name, as a subclass declares them in `static properties`. */
export type PropertyDeclarations = Readonly<Record<string, PropertyDeclaration>>;

/**
 * A style sheet as its text (the `css` tag of src/link.styles.ts writes it), and its constructable form
 * once an element has made it: made once, adopted by every instance's shadow root.
 */
export interface Styles {
  readonly cssText: string;
  sheet?: CSSStyleSheet;
}

// On the server (a React render imports the element to read its properties) there is no HTMLElement:
// the class is then defined over a plain class, as Lit's node build does, and is never instantiated.
const Base = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;

/**
 * What `<otl-link>` needs of LitElement and no more, so that the bundle carries lit-html alone (about
 * 2 kB gzip less: issue 10's 16 kB). Lit's `render()` draws `render()`'s template into an open shadow
 * root that adopts `static styles` as a constructable sheet (no inline style: the hosted page's CSP
 * needs no `'unsafe-inline'`); `static properties` declares the properties and their attributes; and
 * Lit's reactive-controller protocol holds: `hostConnected` and `hostDisconnected`, `hostUpdate` before
 * each render, `hostUpdated` after it. `requestUpdate()` batches into one render a microtask, the first
 * once the element is connected; `updateComplete` resolves after the render pending. There is no
 * `updated()`, `firstUpdated()`, `shouldUpdate()`, reflected attribute nor `<style>` fallback for
 * browsers without `adoptedStyleSheets`: the element needs none.
 */
export abstract class ElementBase extends Base implements ReactiveControllerHost {
  /** The properties of the element, by name: each gets an accessor on the prototype (see `observedAttributes`). */
  declare static properties: PropertyDeclarations;
  /** The style sheet of every instance's shadow root. */
  declare static styles: Styles;

  /**
   * The attributes to watch, one per property that has one. Reading it (as `customElements.define` does)
   * puts each property's accessor on the prototype, so that a framework that asks `name in prototype`
   * (`@lit/react`) sets the property rather than an attribute. A set that changes a value asks for a render.
   */
  static get observedAttributes(): string[] {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the element's own class (a subclass), whose properties these are.
    const { properties, prototype } = this;
    for (const name in properties) {
      Object.defineProperty(prototype, name, {
        get(this: ElementBase) {
          return this.#values[name];
        },
        set(this: ElementBase, value: unknown) {
          if (Object.is(value, this.#values[name])) return;
          this.#values[name] = value;
          this.requestUpdate();
        },
        configurable: true,
      });
    }
    return Object.entries(properties).flatMap(([name, { attribute = name }]) => attribute || []);
  }

  /** The shadow root the element draws into, from its first connection. */
  declare renderRoot: ShadowRoot;
  /** The render asked for and not yet done, if any. */
  #pending: Promise<boolean> | undefined;
  /** Resolves `#connected`, on the first connection: nothing renders before. */
  #connect!: () => void;
  readonly #connected = new Promise<void>((resolve) => (this.#connect = resolve));
  readonly #controllers = new Set<ReactiveController>();
  readonly #values: Record<string, unknown> = {};
  /** Values a page set on the element before it was upgraded, which the accessors take on its first connection. */
  #early: Record<string, unknown> | undefined = {};
  /** lit-html's part for the shadow root's content, from the first render. */
  #part: RootPart | undefined;

  constructor() {
    super();
    // A property set before `customElements.define` (as frameworks do) is an own property of the
    // element and would hide the accessor: keep its value for the accessor, as Lit does.
    const self = this as unknown as Record<string, unknown>;
    for (const name in (this.constructor as typeof ElementBase).properties) {
      if (Object.hasOwn(self, name)) {
        (this.#early as Record<string, unknown>)[name] = self[name];
        delete self[name];
      }
    }
    this.requestUpdate();
  }

  /** The template of the element's content, which lit-html draws into `renderRoot`. */
  abstract render(): unknown;

  /** Resolves after the render asked for (to true, or to false when another is asked for meanwhile); at once when none is. */
  get updateComplete(): Promise<boolean> {
    return this.#pending ?? Promise.resolve(true);
  }

  /** Asks for a render: every ask until it happens makes one render, a microtask later. */
  requestUpdate(): void {
    this.#pending ??= this.#connected.then(() => this.#update());
  }

  /** Adds a reactive controller: from now on it hears of connections and renders. */
  addController(controller: ReactiveController): void {
    this.#controllers.add(controller);
    if (this.renderRoot && this.isConnected) controller.hostConnected?.();
  }

  /** Removes a reactive controller. */
  removeController(controller: ReactiveController): void {
    this.#controllers.delete(controller);
  }

  /** Makes the shadow root on the first connection, then tells the controllers. */
  connectedCallback(): void {
    if (!this.renderRoot) {
      const styles = (this.constructor as typeof ElementBase).styles;
      if (!styles.sheet) {
        styles.sheet = new CSSStyleSheet();
        styles.sheet.replaceSync(styles.cssText);
      }
      this.renderRoot = this.attachShadow({ mode: "open" });
      this.renderRoot.adoptedStyleSheets = [styles.sheet];
    }
    Object.assign(this, this.#early);
    this.#early = undefined;
    this.#connect();
    for (const controller of this.#controllers) controller.hostConnected?.();
    // Directives that hold resources (an async directive) let them go while the element is out of the page.
    this.#part?.setConnected(true);
  }

  /** Tells the controllers the element left the page. */
  disconnectedCallback(): void {
    for (const controller of this.#controllers) controller.hostDisconnected?.();
    this.#part?.setConnected(false);
  }

  /** Sets the property of a watched attribute from its new text. */
  attributeChangedCallback(attribute: string, _old: string | null, value: string | null): void {
    const properties = Object.entries((this.constructor as typeof ElementBase).properties);
    for (const [name, { attribute: own = name, fromAttribute = (text: string | null) => text }] of properties) {
      if (own === attribute) (this as unknown as Record<string, unknown>)[name] = fromAttribute(value);
    }
  }

  #update(): boolean {
    try {
      for (const controller of this.#controllers) controller.hostUpdate?.();
    } finally {
      // What the controllers change before the render is in it (as with Lit); what changes from here on asks for the next.
      this.#pending = undefined;
    }
    this.#part = render(this.render(), this.renderRoot, { host: this });
    for (const controller of this.#controllers) controller.hostUpdated?.();
    return !this.#pending;
  }
}
