// Component tests in real Chromium, with msw's service worker playing the OTL server.
// Each test file is bundled by esbuild when the browser asks for it: React is CommonJS on npm, and
// only a bundler turns it into the named imports the tests use (the dev server's per-file transforms
// cannot). React is bundled in its development build, so StrictMode really mounts twice.
import { createReadStream } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultReporter } from "@web/test-runner";
import { chromeLauncher } from "@web/test-runner-chrome";
import { junitReporter } from "@web/test-runner-junit-reporter";
import { build } from "esbuild";
import { CHROMIUM_ARGS, chromiumExecutable } from "../../scripts/chromium.ts";

const require = createRequire(import.meta.url);
const MSW_WORKER = require.resolve("msw/mockServiceWorker.js");
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TEST_FILE = /\.test\.tsx?$/;

/** Serves each test file as one ES module bundle: TypeScript, TSX and every import inside, workspace packages from source. */
function bundleTestFiles() {
  return {
    name: "bundle-test-files",
    async serve(context) {
      if (!TEST_FILE.test(context.path)) return undefined;
      const result = await build({
        entryPoints: [join(ROOT, context.path)],
        bundle: true,
        write: false,
        format: "esm",
        platform: "browser",
        target: "es2022",
        conditions: ["otl-source", "development"],
        define: { "process.env.NODE_ENV": JSON.stringify("development") },
        tsconfig: fileURLToPath(new URL("./tsconfig.json", import.meta.url)),
        sourcemap: "inline",
        logLevel: "silent",
      });
      return { body: result.outputFiles[0].text, type: "js" };
    },
  };
}

/** @type {import("@web/test-runner").TestRunnerConfig} */
export default {
  files: ["test/**/*.test.{ts,tsx}"],
  // The repository root, so the test files' paths are the same as in packages/link.
  rootDir: ROOT,
  plugins: [bundleTestFiles()],
  middleware: [
    // msw's worker must be at the site root to control the test pages; serving it from the
    // installed package keeps it in step with the library, with no `msw init` copy to go stale.
    function mockServiceWorker(context, next) {
      if (context.path !== "/mockServiceWorker.js") return next();
      context.type = "application/javascript";
      context.body = createReadStream(MSW_WORKER);
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromiumExecutable(),
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  reporters: [
    defaultReporter(),
    junitReporter({ outputPath: fileURLToPath(new URL("../../reports/junit/react-components.xml", import.meta.url)) }),
  ],
};
