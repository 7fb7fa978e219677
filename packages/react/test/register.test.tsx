// Alone in its page, so no other module defines the element first: <OtlLink> brings <otl-link> with it.
import { expect, waitUntil } from "@open-wc/testing";
import { OtlLink as OtlLinkElement } from "@otl/link/element";
import { createRoot } from "react-dom/client";
import { OtlLink } from "../src/index.ts";

describe("<OtlLink> in a page that never imported @otl/link", () => {
  it("defines <otl-link> with the element's class, and renders an upgraded element", async () => {
    expect(customElements.get("otl-link")).to.equal(OtlLinkElement);
    const box = document.createElement("div");
    document.body.append(box);
    const root = createRoot(box);
    root.render(<OtlLink theme="dark" />);
    await waitUntil(() => box.querySelector("otl-link"), "React should render <otl-link>");
    const el = box.querySelector("otl-link");
    expect(el).to.be.instanceOf(OtlLinkElement);
    expect((el as OtlLinkElement).theme).to.equal("dark");
    root.unmount();
  });
});
