// A step loaded on demand, as the element renders it: busy until its file is here, then the step
// itself; a file that cannot be loaded is said in the customer's words, and asked for again later.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { html } from "lit-html";
import { INITIAL } from "../flow/transition.ts";
import { en } from "../locales/en.ts";
import { onDemand } from "./on-demand.ts";
import type { Step, StepTemplate, View } from "./view.ts";

const LOADED: Step = { title: "The step itself", body: html`<p>Here</p>` };

/** The event handlers bound anywhere in a rendered template: what its buttons do when pressed. */
function handlers(template: unknown): Array<() => void> {
  if (typeof template === "function") return [template as () => void];
  if (Array.isArray(template)) return template.flatMap(handlers);
  const values = (template as { values?: unknown[] } | null)?.values;
  return values ? values.flatMap(handlers) : [];
}

/** A view with counters for what the step asks of the element. */
function viewWith() {
  const calls = { refresh: 0, back: 0 };
  const view = {
    state: INITIAL,
    t: en,
    flow: { go: (type: string) => type === "back" && calls.back++ },
    embedded: false,
    coming: null,
    query: "",
    search: () => {},
    refresh: () => calls.refresh++,
    when: () => null,
  } as unknown as View;
  return { view, calls };
}

/** An importer the test resolves or rejects by hand, counting its calls. */
function importer() {
  const pending: Array<{ resolve: (step: StepTemplate) => void; reject: (error: Error) => void }> = [];
  const load = () => new Promise<StepTemplate>((resolve, reject) => pending.push({ resolve, reject }));
  return { load, pending };
}

describe("a step loaded on demand", () => {
  test("is busy with the loading words until its file is here, then renders itself, loading it once", async () => {
    const file = importer();
    const step = onDemand(file.load);
    const { view, calls } = viewWith();
    const first = step.step(view);
    assert.equal(first.title, en.loading);
    assert.equal(first.busy, true);
    step.step(view);
    void step.load();
    assert.equal(file.pending.length, 1, "one request however often it renders or is asked for");

    file.pending[0]?.resolve(() => LOADED);
    await new Promise((resolve) => setTimeout(resolve));
    assert.ok(calls.refresh >= 1, "the element is asked to render again");
    assert.equal(step.step(view), LOADED);
  });

  test("says the file could not be loaded, with Back, and asks for it again the next time it is needed", async () => {
    const file = importer();
    const step = onDemand(file.load);
    const { view, calls } = viewWith();
    step.step(view);
    file.pending[0]?.reject(new Error("Failed to fetch dynamically imported module"));
    await new Promise((resolve) => setTimeout(resolve));
    const failed = step.step(view);
    assert.equal(failed.title, en.offline.heading);
    assert.equal(failed.busy, undefined, "not busy: the customer can act");
    assert.equal(file.pending.length, 1, "no retry loop while the failure is shown");

    // Back is the failure screen's one button: it goes back and forgets the failure, so the next
    // render of the step (the customer chose the integration again) asks for the file again.
    const [back, ...others] = handlers(failed.body);
    assert.equal(others.length, 0);
    back?.();
    assert.equal(calls.back, 1);
    assert.equal(step.step(view).busy, true);
    assert.equal(file.pending.length, 2);
    file.pending[1]?.resolve(() => LOADED);
    await new Promise((resolve) => setTimeout(resolve));
    assert.equal(step.step(view), LOADED);
  });
});
