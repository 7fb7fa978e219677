// Component tests in real Chromium: the element's TypeScript and the workspace sources it imports
// are compiled by esbuild on the fly, and msw's service worker plays the OTL server.
import { createReadStream } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { esbuildPlugin } from "@web/dev-server-esbuild";
import { defaultReporter } from "@web/test-runner";
import { chromeLauncher } from "@web/test-runner-chrome";
import { junitReporter } from "@web/test-runner-junit-reporter";
import { CHROMIUM_ARGS, chromiumExecutable } from "../../scripts/chromium.ts";

const require = createRequire(import.meta.url);
const MSW_WORKER = require.resolve("msw/mockServiceWorker.js");

/** @type {import("@web/test-runner").TestRunnerConfig} */
export default {
  files: ["test/**/*.test.ts"],
  // The repository root, so workspace packages and pnpm's store are served as they are.
  rootDir: fileURLToPath(new URL("../..", import.meta.url)),
  nodeResolve: { exportConditions: ["otl-source", "browser", "development"], browser: true },
  plugins: [esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL("./tsconfig.json", import.meta.url)) })],
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
    junitReporter({ outputPath: fileURLToPath(new URL("../../reports/junit/link-components.xml", import.meta.url)) }),
  ],
};
