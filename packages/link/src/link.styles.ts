import type { Styles } from "./element-base.ts";

/**
 * The sheet's text as written (the element adopts it as a constructable sheet; the server's hosted
 * page writes it into its shell's `<style>`). A tag named `css`, so that the build's template minifier
 * (vite.config.ts) minifies it as CSS; its one parameter keeps anything from being interpolated.
 */
const css = (strings: TemplateStringsArray): Styles => ({ cssText: strings.join("") });

// Every colour, size and font is a `--otl-*` custom property with a default, read through a
// private `--_*` twin so the light and dark defaults can differ while a host's value wins in both.
// The dark defaults are written out twice (for `theme="dark"` and for `auto` under a dark system)
// rather than interpolated, so the build's CSS minifier can parse the whole sheet; gzip folds the repeat.

/** The element's styles: scoped to its shadow root, nothing global. `styles.cssText` is the text. */
export const styles: Styles = css`
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
    --_accent: var(--otl-accent, #93c5fd);
    --_on-accent: var(--otl-on-accent, #0b1220);
    --_bg: var(--otl-background, #111827);
    --_text: var(--otl-text, #f9fafb);
    --_muted: var(--otl-muted, #cbd5e1);
    --_border: var(--otl-border, #4b5563);
    --_danger: var(--otl-danger, #fca5a5);
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    .auto {
      --_accent: var(--otl-accent, #93c5fd);
      --_on-accent: var(--otl-on-accent, #0b1220);
      --_bg: var(--otl-background, #111827);
      --_text: var(--otl-text, #f9fafb);
      --_muted: var(--otl-muted, #cbd5e1);
      --_border: var(--otl-border, #4b5563);
      --_danger: var(--otl-danger, #fca5a5);
      color-scheme: dark;
    }
  }
  h2 {
    margin: 0 0 var(--_space);
    font-size: 1.25em;
    line-height: 1.3;
  }
  /* Headings, error lines and failure messages take focus (tabindex -1) only to guide screen readers; they are not controls. */
  [tabindex="-1"]:focus {
    outline: none;
  }
  p {
    margin: 0 0 var(--_space);
  }
  ul,
  ol {
    display: grid;
    gap: calc(var(--_space) / 2);
    margin: 0 0 var(--_space);
    padding: 0;
    list-style: none;
  }
  dd ul {
    margin: 0;
    gap: 0;
  }
  label {
    display: block;
    margin-block-end: 4px;
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
    margin-block-end: var(--_space);
    padding: 8px 12px;
    background: var(--_bg);
  }
  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
    padding: 8px 16px;
    background: transparent;
    cursor: pointer;
  }
  /* Mobile first: the screen's buttons fill the width, side by side once there is room. */
  .row > button {
    flex: 1 1 auto;
  }
  li > button {
    width: 100%;
    justify-content: start;
    gap: 12px;
    text-align: start;
  }
  .choices li > button {
    padding: 10px 12px;
  }
  .choices li > button:hover:not(:disabled) {
    border-color: var(--_accent);
  }
  .logo {
    flex: none;
    width: 32px;
    height: 32px;
    border-radius: 6px;
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
  [part="text"],
  dt,
  .steps {
    color: var(--_muted);
  }
  a {
    color: var(--_accent);
  }
  .facts {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    margin: 0 0 var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  dt {
    font-size: 0.875em;
  }
  dd {
    margin: 0;
  }
  /* The privacy policy gets a line of its own after the sentence on withdrawing. */
  dd a {
    display: block;
    margin-block-start: 4px;
  }
  .who {
    display: flex;
    align-items: center;
    gap: 8px;
    font-weight: 600;
  }
  .steps {
    display: grid;
    gap: 6px;
    margin-block-end: var(--_space);
    font-size: 0.875em;
  }
  .steps ol {
    grid-template-columns: repeat(4, 1fr);
    gap: 4px;
    margin: 0;
  }
  .steps li {
    height: 4px;
    border-radius: 2px;
    background: var(--_border);
    transition: background-color 0.3s;
  }
  .steps .d,
  .steps .on {
    background: var(--_accent);
  }
  .busy {
    display: flex;
    align-items: center;
    gap: 8px;
  }
  .spin {
    flex: none;
    width: 1em;
    height: 1em;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  /* Motion only for those who have not asked their system for less; the spinner then stays still, a ring with a gap. */
  @media (prefers-reduced-motion: reduce) {
    .spin {
      animation: none;
    }
    .steps li {
      transition: none;
    }
  }
  .sk {
    height: 1em;
    margin-block-end: 12px;
    border-radius: 4px;
    background: var(--_border);
    opacity: 0.5;
  }
  /* A bar in a line of words: the company's name in the landing's heading while it is on its way. */
  .skn {
    display: inline-block;
    width: 6em;
    margin: 0;
  }
  .e {
    color: var(--_danger);
  }
  /* The expiry line keeps its height while its time is being written. */
  .when {
    min-height: 1.5em;
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
  /* Roomier once the screen is wider than a phone's. */
  @media (min-width: 480px) {
    .c {
      padding: calc(var(--_space) * 1.5);
    }
    .row > button {
      flex: 0 1 auto;
    }
  }
  /* The link to a bank's sign-in page (the redirect step) looks like the primary button it stands for. */
  a[part~="button"] {
    display: inline-flex;
    align-items: center;
    box-sizing: border-box;
    min-height: 44px;
    padding: 8px 16px;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    text-decoration: none;
  }
`;
