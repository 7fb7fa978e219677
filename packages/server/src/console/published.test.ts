import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { READY_LINE, SERVER_PACKAGE_DIR } from "../test/cli-process.ts";

// The console must come with the published @otl/server, not only with this workspace: `@otl/console`
// is private and only a devDependency. So: build, `pnpm pack`, unpack into an empty folder, give the
// unpacked package its runtime dependencies and nothing else (no devDependency, so no @otl/console),
// start its bin and fetch the console.

const WORKSPACE = join(SERVER_PACKAGE_DIR, "../..");
const work = mkdtempSync(join(tmpdir(), "otl-published-"));
let child: ChildProcess | undefined;
after(() => {
  child?.kill("SIGKILL");
  rmSync(work, { recursive: true, force: true });
});

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", timeout: 180_000 });
  assert.equal(result.status, 0, `${command} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

describe("the published @otl/server", () => {
  it("carries the built console and serves it at /console with nothing but its dependencies installed", async () => {
    run("pnpm", ["--filter", "@otl/server...", "run", "build"], WORKSPACE);
    run("pnpm", ["pack", "--pack-destination", work], SERVER_PACKAGE_DIR);
    const tarball = readdirSync(work).find((name) => name.endsWith(".tgz"));
    assert.ok(tarball, "pnpm pack wrote a tarball");
    const listing = run("tar", ["-tzf", join(work, tarball)], work).split("\n");
    for (const file of ["package/dist/console/app/console.js", "package/dist/console/app/console.css"]) {
      assert.ok(listing.includes(file), `${file} is in the tarball`);
    }
    run("tar", ["-xzf", join(work, tarball)], work);

    // The runtime dependencies, linked from this workspace's install: what `npm install @otl/server` would add.
    const unpacked = join(work, "package");
    const manifest = JSON.parse(readFileSync(join(unpacked, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    assert.equal(Object.keys(manifest.dependencies).includes("@otl/console"), false, "the console is not a dependency");
    for (const name of Object.keys(manifest.dependencies)) {
      const link = join(unpacked, "node_modules", name);
      mkdirSync(join(link, ".."), { recursive: true });
      symlinkSync(realpathSync(join(SERVER_PACKAGE_DIR, "node_modules", name)), link);
    }

    child = spawn(
      process.execPath,
      ["dist/bin.js", "--port", "0", "--data-dir", "memory://", "--api-key", "otl_sk_published_console_test"],
      {
        cwd: unpacked,
        env: { PATH: process.env.PATH, OTL_LOG: "error" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line in 30 s:\n${output}`)), 30_000);
      const take = (chunk: Buffer) => {
        output += chunk.toString("utf8");
        const ready = READY_LINE.exec(output);
        if (ready?.[1]) {
          clearTimeout(timer);
          resolve(ready[1]);
        }
      };
      child?.stdout?.on("data", take);
      child?.stderr?.on("data", take);
    });

    const page = await fetch(`${url}/console`);
    assert.equal(page.status, 200, await page.clone().text());
    assert.match(await page.text(), /console\/assets\/console\.js/);
    const script = await fetch(`${url}/console/assets/console.js`);
    assert.equal(script.status, 200);
    assert.deepEqual(
      Buffer.from(await script.arrayBuffer()),
      readFileSync(join(WORKSPACE, "packages/console/dist/console.js")),
      "the very file @otl/console built",
    );
    assert.equal((await fetch(`${url}/console/assets/console.css`)).status, 200);
  });
});
