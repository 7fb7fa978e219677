// Every ```tsx snippet of README.md is a file in test/readme/, which `pnpm typecheck` compiles:
// this checks the two say the same, so a snippet that stops compiling fails the build.
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { describe, it } from "node:test";

const PACKAGE = new URL("../", import.meta.url);

describe("README.md", () => {
  it("shows each type-checked fixture of test/readme/ verbatim, and nothing else as TSX", async () => {
    const readme = await readFile(new URL("README.md", PACKAGE), "utf8");
    const snippets = [...readme.matchAll(/^```tsx\n([\s\S]*?)\n```$/gm)].map(([, code]) => code);
    const folder = new URL("test/readme/", PACKAGE);
    const fixtures = await Promise.all(
      (await readdir(folder)).sort().map(async (name) => (await readFile(new URL(name, folder), "utf8")).trim()),
    );
    assert.ok(snippets.length > 0, "README.md has tsx snippets");
    assert.deepEqual([...snippets].sort(), [...fixtures].sort());
  });
});
