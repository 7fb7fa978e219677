import { pathToFileURL } from "node:url";
import minifyLiterals from "@lit-labs/rollup-plugin-minify-html-literals";
import { defaultClientConditions, defineConfig, type Plugin } from "vite";
import { en, type Messages } from "./src/locales/en.ts";
import { wireFile } from "./src/locales/wire.ts";

/**
 * Writes each catalogue file loaded on demand as the bare list of its strings, in the English
 * catalogue's key order (src/locales/wire.ts): the bundle already has the keys, so a file carries
 * only what is the language's own, less the sections that ship with their step (the upload and
 * redirect steps' words …), but for the refusals' words, which it carries with their keys.
 */
function catalogueStrings(): Plugin {
  // The languages' catalogue modules (not en.ts, which is in the bundle, nor the steps' words modules).
  const LANGUAGE = /[\\/]locales[\\/](?!en\.ts)[a-z]{2}\.ts$/;
  return {
    name: "otl-catalogue-strings",
    // Within the bundle a language module is only ever `import()`ed for its default export, which
    // `renderChunk` writes: stand in an empty one, so that what the module imports (the steps'
    // words, which ship with their steps) does not become a chunk shared with the steps' files.
    transform(_code, id) {
      return LANGUAGE.test(id) ? { code: "export default null;\n", map: null } : null;
    },
    async renderChunk(_code, chunk) {
      if (!LANGUAGE.test(chunk.facadeModuleId ?? "") || !chunk.isDynamicEntry) return null;
      const module = (await import(pathToFileURL(chunk.facadeModuleId as string).href)) as { default: Messages };
      return { code: wireFile(en, module.default), map: null };
    },
  };
}

/**
 * Leaves the SDK's English customer sentences (`OtlError.customerMessage`, sdk/src/customer-words.ts)
 * out of the bundle: the element never reads them, since its catalogues word every error in the
 * customer's language (`errors` in src/locales/en-core.ts), and nothing in the bundle hands an
 * `OtlError` to the page (`otl-error` carries code, message and recoverable). About 0.5 kB gzipped.
 */
function withoutCustomerWords(): Plugin {
  const FILE = /[\\/]sdk[\\/]src[\\/]customer-words\.ts$/;
  return {
    name: "otl-without-customer-words",
    transform(_code, id) {
      return FILE.test(id) ? { code: "export const CUSTOMER_WORDS = {};\n", map: null } : null;
    },
  };
}

/** The self-contained bundle for script tags and the server's /assets/otl-link.js: Lit and the SDK inside. */
export default defineConfig({
  // Workspace packages resolve to their TypeScript sources, then the usual browser conditions.
  resolve: { conditions: ["otl-source", ...defaultClientConditions] },
  // The minifier leaves the insides of html`` and css`` templates as written: this plugin (by the Lit
  // team) minifies them too, about 1 kB less gzipped. A template it cannot parse fails the build.
  plugins: [minifyLiterals({ failOnError: true }), catalogueStrings(), withoutCustomerWords()],
  build: {
    lib: { entry: "src/index.ts", formats: ["es"], fileName: () => "otl-link.js" },
    minify: true,
    // Vite keeps whitespace in an `es` library for the sake of bundlers downstream; this file is
    // loaded as is, so minify it whole. Each catalogue but English is its own file beside the bundle
    // (`otl-link.fr.js` …), which the bundle imports by a URL relative to its own, so it loads from
    // wherever the bundle came from; so are the steps few flows reach (src/steps/loaded-by-kind.ts):
    // `otl-link.redirect.js` and `otl-link.upload.js` (with the SDK's upload request), each with its
    // words in every language (src/locales/wire.ts, STEP_SECTIONS).
    rolldownOptions: {
      // The entry also exports what the on-demand files share with it (Lit, the step helpers).
      preserveEntrySignatures: "allow-extension",
      output: {
        minify: true,
        // No comment survives into the file: the minifier keeps `/* @__PURE__ */` marks (for bundlers
        // downstream, which never see this file) unless told otherwise.
        comments: false,
        chunkFileNames: "otl-link.[name].js",
        codeSplitting: {
          groups: [
            {
              name: "upload",
              includeDependenciesRecursively: false,
              test: /[\\/](link[\\/]src[\\/](steps[\\/]upload|flow[\\/]upload-actions|locales[\\/]upload-words)|sdk[\\/]src[\\/]upload)\.ts$/,
            },
          ],
        },
      },
    },
    target: "es2022",
    reportCompressedSize: true,
  },
});
