import { pathToFileURL } from "node:url";
import minifyLiterals from "@lit-labs/rollup-plugin-minify-html-literals";
import { defaultClientConditions, defineConfig, type Plugin } from "vite";
import { en } from "./src/locales/en.ts";
import { flatten } from "./src/locales/wire.ts";

/**
 * Writes each catalogue file loaded on demand as the bare list of its strings, in the English
 * catalogue's key order (src/locales/wire.ts): the bundle already has the keys, so a file carries
 * only what is the language's own.
 */
function catalogueStrings(): Plugin {
  return {
    name: "otl-catalogue-strings",
    async renderChunk(_code, chunk) {
      const catalogue = /\/locales\/(\w+)\.ts$/.exec(chunk.facadeModuleId ?? "");
      if (!catalogue || !chunk.isDynamicEntry) return null;
      const module = (await import(pathToFileURL(chunk.facadeModuleId as string).href)) as { default: object };
      return { code: `export default${JSON.stringify(flatten(en, module.default))};\n`, map: null };
    },
  };
}

/** The self-contained bundle for script tags and the server's /assets/otl-link.js: Lit and the SDK inside. */
export default defineConfig({
  // Workspace packages resolve to their TypeScript sources, then the usual browser conditions.
  resolve: { conditions: ["otl-source", ...defaultClientConditions] },
  // The minifier leaves the insides of html`` and css`` templates as written: this plugin (by the Lit
  // team) minifies them too, about 1 kB less gzipped. A template it cannot parse fails the build.
  plugins: [minifyLiterals({ failOnError: true }), catalogueStrings()],
  build: {
    lib: { entry: "src/index.ts", formats: ["es"], fileName: () => "otl-link.js" },
    minify: true,
    // Vite keeps whitespace in an `es` library for the sake of bundlers downstream; this file is
    // loaded as is, so minify it whole. Each catalogue but English is its own file beside the bundle
    // (`otl-link.fr.js` …), which the bundle imports by a URL relative to its own, so it loads from
    // wherever the bundle came from.
    rolldownOptions: { output: { minify: true, chunkFileNames: "otl-link.[name].js" } },
    target: "es2022",
    reportCompressedSize: true,
  },
});
