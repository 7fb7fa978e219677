import { css } from "lit";

// Every colour, size and font is a `--otl-*` custom property with a default, read through a
// private `--_*` twin so the light and dark defaults can differ while a host's value wins in both.
const dark = css`
  --_accent: var(--otl-accent, #93c5fd);
  --_on-accent: var(--otl-on-accent, #0b1220);
  --_bg: var(--otl-background, #111827);
  --_text: var(--otl-text, #f9fafb);
  --_muted: var(--otl-muted, #cbd5e1);
  --_border: var(--otl-border, #4b5563);
  --_danger: var(--otl-danger, #fca5a5);
  color-scheme: dark;
`;

/** The element's styles: scoped to its shadow root, nothing global. */
export const styles = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  .c {
    --_accent: var(--otl-accent, #1d4ed8);
    --_on-accent: var(--otl-on-accent, #fff);
    --_bg: var(--otl-background, #fff);
    --_text: var(--otl-text, #111827);
    --_muted: var(--otl-muted, #4b5563);
    --_border: var(--otl-border, #d1d5db);
    --_danger: var(--otl-danger, #b91c1c);
    --_radius: var(--otl-radius, 8px);
    --_space: var(--otl-spacing, 16px);
    color-scheme: light;
    position: relative;
    box-sizing: border-box;
    max-width: 100%;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
    font: var(--otl-font-size, 1rem) / 1.5 var(--otl-font-family, system-ui, sans-serif);
    overflow-wrap: anywhere;
  }
  .dark {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    .auto {
      ${dark}
    }
  }
  h2 {
    margin: 0 0 var(--_space);
    font-size: 1.25em;
    line-height: 1.3;
  }
  /* Headings take focus only to guide screen readers to a new step; they are not controls. */
  h2:focus {
    outline: none;
  }
  p {
    margin: 0 0 var(--_space);
  }
  ul {
    display: grid;
    gap: calc(var(--_space) / 2);
    margin: 0 0 var(--_space);
    padding: 0;
    list-style: none;
  }
  label {
    display: block;
    margin-bottom: 4px;
    font-weight: 600;
  }
  input,
  button {
    box-sizing: border-box;
    min-height: 44px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    font: inherit;
    color: inherit;
  }
  input {
    width: 100%;
    margin-bottom: var(--_space);
    padding: 8px 12px;
    background: var(--_bg);
  }
  button {
    padding: 8px 16px;
    background: transparent;
    cursor: pointer;
  }
  li > button {
    width: 100%;
    text-align: start;
  }
  .p {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
  }
  [part="text"] {
    color: var(--_muted);
  }
  .e {
    color: var(--_danger);
  }
  [aria-invalid="true"] {
    border-color: var(--_danger);
  }
  [part="dropzone"] {
    margin-bottom: var(--_space);
    padding: var(--_space);
    border: 2px dashed var(--_border);
    border-radius: var(--_radius);
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
