import { css } from "lit";

/**
 * The console's look, on the element's design tokens: the same `--otl-*` custom properties and
 * defaults as `<otl-link>` (packages/link/src/link.styles.ts), so a host that themes one themes both.
 */
export const consoleStyles = css`
  :host {
    --_accent: var(--otl-accent, #1d4ed8);
    --_on-accent: var(--otl-on-accent, #fff);
    --_bg: var(--otl-background, #fff);
    --_text: var(--otl-text, #111827);
    --_muted: var(--otl-muted, #4b5563);
    --_border: var(--otl-border, #d1d5db);
    --_danger: var(--otl-danger, #b91c1c);
    --_radius: var(--otl-radius, 8px);
    --_space: var(--otl-spacing, 16px);
    display: block;
    color: var(--_text);
    background: var(--_bg);
    font: var(--otl-font-size, 1rem) / 1.5 var(--otl-font-family, system-ui, sans-serif);
    overflow-wrap: anywhere;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_accent: var(--otl-accent, #93c5fd);
      --_on-accent: var(--otl-on-accent, #0b1220);
      --_bg: var(--otl-background, #111827);
      --_text: var(--otl-text, #f9fafb);
      --_muted: var(--otl-muted, #cbd5e1);
      --_border: var(--otl-border, #4b5563);
      --_danger: var(--otl-danger, #fca5a5);
    }
  }
  h1,
  h2,
  h3 {
    line-height: 1.3;
    margin: var(--_space) 0 calc(var(--_space) / 2);
  }
  h1:focus {
    outline: none;
  }
  a {
    color: var(--_accent);
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
    border-radius: var(--_radius);
  }
  input,
  select {
    padding: 6px 8px;
    border: 1px solid var(--_border);
    background: var(--_bg);
  }
  button {
    padding: 6px 14px;
    border: 1px solid var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
    cursor: pointer;
  }
  button.secondary {
    background: transparent;
    color: var(--_accent);
  }
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  form {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
    align-items: end;
    margin: calc(var(--_space) / 2) 0;
  }
  label {
    display: flex;
    flex-direction: column;
    font-size: 0.9em;
    color: var(--_muted);
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    display: flex;
    gap: var(--_space);
  }
  fieldset label {
    flex-direction: row;
    gap: 4px;
    align-items: center;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    margin: calc(var(--_space) / 2) 0;
  }
  th,
  td {
    text-align: start;
    padding: 6px 8px;
    border-bottom: 1px solid var(--_border);
    vertical-align: top;
  }
  th {
    color: var(--_muted);
    font-weight: 600;
  }
  code {
    font-size: 0.9em;
  }
  .muted {
    color: var(--_muted);
  }
  .error {
    color: var(--_danger);
  }
  .missing {
    border-inline-start: 4px solid var(--_border);
    padding-inline-start: var(--_space);
    color: var(--_muted);
  }
  section {
    margin-block-end: calc(var(--_space) * 1.5);
  }
`;

/** The console's frame: the navigation bar and the page area. */
export const frameStyles = css`
  nav {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
    padding: calc(var(--_space) / 2) var(--_space);
    border-bottom: 1px solid var(--_border);
  }
  nav button {
    margin-inline-start: auto;
  }
  a[aria-current="page"] {
    font-weight: 700;
  }
  main {
    display: block;
    max-width: 72rem;
    padding: 0 var(--_space) var(--_space);
  }
`;
