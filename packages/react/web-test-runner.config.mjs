// Component tests in real Chromium: the same browser, msw service worker (the OTL server's stand-in)
// and limits as packages/link's component tests, whose config this extends.
// Each test file is bundled by esbuild when the browser asks for it: React is CommonJS on npm, and
// only a bundler turns it into the named imports the tests use (the dev server's per-file transforms
// cannot). React is bundled in its development build, so StrictMode really mounts twice.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultReporter } from "@web/test-runner";
import { junitReporter } from "@web/test-runner-junit-reporter";
import { build } from "esbuild";
import linkComponentTests from "../link/web-test-runner.config.mjs";

const TEST_FILE = /\.test\.tsx?$/;

/** Serves each test file as one ES module bundle: TypeScript, TSX and every import inside, workspace packages from source. */
function bundleTestFiles() {
  return {
    name: "bundle-test-files",
    async serve(context) {
      if (!TEST_FILE.test(context.path)) return undefined;
      const result = await build({
        entryPoints: [join(linkComponentTests.rootDir, context.path)],
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
  ...linkComponentTests,
  files: ["test/**/*.test.{ts,tsx}"],
  // Bundled already: nothing left to resolve or compile file by file.
  nodeResolve: false,
  plugins: [bundleTestFiles()],
  reporters: [
    defaultReporter(),
    junitReporter({ outputPath: fileURLToPath(new URL("../../reports/junit/react-components.xml", import.meta.url)) }),
  ],
};
