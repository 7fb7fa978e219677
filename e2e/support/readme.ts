import { readFileSync } from "node:fs";

// The README's snippets, read from the file itself, so the journeys run what a newcomer copies.

/** One fenced block: its info string (`html`, `ts`, …) and its text. */
export interface Snippet {
  lang: string;
  code: string;
}

/** The fenced blocks of one `## ` section of the root README, in order. */
export function readmeSnippets(section: string): Snippet[] {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const start = readme.indexOf(`\n## ${section}\n`);
  if (start < 0) throw new Error(`README.md has no "## ${section}" section`);
  const end = readme.indexOf("\n## ", start + 1);
  const text = readme.slice(start, end < 0 ? undefined : end);
  return [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((match) => ({ lang: match[1] ?? "", code: match[2] ?? "" }));
}

/** The README's placeholder server, replaced by the journey's own. */
export const README_SERVER = "https://otl.example.com";
