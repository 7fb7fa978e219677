import { defaultClientConditions, defineConfig } from "vite";

/** The self-contained bundle for script tags and the server's /assets/otl-link.js: Lit and the SDK inside. */
export default defineConfig({
  // Workspace packages resolve to their TypeScript sources, then the usual browser conditions.
  resolve: { conditions: ["otl-source", ...defaultClientConditions] },
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
