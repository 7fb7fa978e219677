import { defaultClientConditions, defineConfig } from "vite";

// The host backend that mints access tokens. Proxying /api to it keeps the app and its backend on
// one origin, as in most apps: the app needs no CORS for it, and the API key never leaves the backend.
const hostBackend = process.env.HOST_BACKEND_URL || "http://127.0.0.1:8788";

export default defineConfig({
  // In this repository, workspace packages resolve to their TypeScript sources, so nothing needs
  // building first. An app that installs @otl/react from npm leaves this line out.
  resolve: { conditions: ["otl-source", ...defaultClientConditions] },
  // Vite's own transformer (Oxc) compiles the TSX with React's automatic runtime: no React plugin
  // needed, at the cost of fast refresh (a change reloads the page).
  oxc: { jsx: { runtime: "automatic" } },
  server: { proxy: { "/api": hostBackend } },
  preview: { proxy: { "/api": hostBackend } },
});
