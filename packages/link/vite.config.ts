import minifyLiterals from "@lit-labs/rollup-plugin-minify-html-literals";
import { defaultClientConditions, defineConfig } from "vite";

/** The self-contained bundle for script tags and the server's /assets/otl-link.js: Lit and the SDK inside. */
export default defineConfig({
  // Workspace packages resolve to their TypeScript sources, then the usual browser conditions.
  resolve: { conditions: ["otl-source", ...defaultClientConditions] },
  // The minifier leaves the insides of html`` and css`` templates as written: this plugin (by the Lit
  // team) minifies them too, about 1 kB less gzipped. A template it cannot parse fails the build.
  plugins: [minifyLiterals({ failOnError: true })],
  build: {
    lib: { entry: "src/index.ts", formats: ["es"], fileName: () => "otl-link.js" },
    minify: true,
    // Vite keeps whitespace in an `es` library for the sake of bundlers downstream; this file is
    // loaded as is, so minify it whole.
    rolldownOptions: { output: { minify: true } },
    target: "es2022",
    reportCompressedSize: true,
  },
});
