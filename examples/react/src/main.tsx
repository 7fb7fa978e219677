import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import "./style.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");

// StrictMode on purpose: its double effects are what would burn a single-use token, and this app shows they do not.
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
