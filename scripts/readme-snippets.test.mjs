// Every README's code blocks, checked so they cannot drift from the code: fences close (one that
// did not once swallowed the "Walk the flow" section), shell blocks parse, TypeScript blocks
// type-check against the workspace's sources. The root README's HTML embed runs for real in
// e2e/cross-origin.spec.ts, from another origin, with SRI and its CSP.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** What a snippet may use without declaring it: the values a reader brings from their own code. */
const PLACEHOLDERS = "declare const accessToken: string; declare const response: Response; declare function render(flow: unknown): void;";

const readmes = [
  "README.md",
  ...["packages", "examples"].flatMap((folder) =>
    readdirSync(join(ROOT, folder), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${folder}/${entry.name}/README.md`)
      .filter((path) => {
        try {
          readFileSync(join(ROOT, path));
          return true;
        } catch {
          return false;
        }
      }),
  ),
];

/** The fenced blocks of a Markdown text (CommonMark: a fence closes on a line of at least as many backticks, and nothing else). */
function blocks(markdown) {
  const found = [];
  let open = null;
  for (const [index, line] of markdown.split("\n").entries()) {
    const fence = /^(`{3,})(.*)$/.exec(line);
    if (!open) {
      if (fence) open = { ticks: fence[1].length, lang: fence[2].trim(), line: index + 1, lines: [] };
      continue;
    }
    if (fence && fence[1].length >= open.ticks && fence[2].trim() === "") {
      found.push({ lang: open.lang, line: open.line, code: open.lines.join("\n") });
      open = null;
    } else {
      open.lines.push(line);
    }
  }
  return { found, unclosed: open };
}

describe("README snippets", () => {
  for (const path of readmes) {
    const markdown = readFileSync(join(ROOT, path), "utf8");
    const { found, unclosed } = blocks(markdown);

    it(`${path}: every fence closes, and no section heading hides inside one`, () => {
      assert.equal(unclosed, null, `the fence opened on line ${unclosed?.line} never closes`);
      for (const block of found) {
        assert.doesNotMatch(block.code, /^#{1,3} [A-Z]/m, `the block at line ${block.line} swallows a heading`);
        assert.doesNotMatch(block.code, /^`{3,}/m, `the block at line ${block.line} holds a fence`);
      }
    });

    for (const block of found.filter((candidate) => candidate.lang === "sh")) {
      it(`${path}:${block.line}: the shell block parses`, () => {
        const result = spawnSync("bash", ["-n"], { input: block.code, encoding: "utf8" });
        assert.equal(result.status, 0, result.stderr);
      });
    }

    for (const block of found.filter((candidate) => candidate.lang === "ts")) {
      it(`${path}:${block.line}: the TypeScript block type-checks`, () => typeCheck(path, block));
    }
  }
});

/**
 * Type-checks one block as a module of the package it imports first (a package resolves its own
 * name), against the workspace's sources, with the reader's own placeholders declared.
 */
function typeCheck(path, block) {
  const imported = /from "@otl\/([\w-]+)"/.exec(block.code)?.[1];
  assert.ok(imported, `the block at ${path}:${block.line} imports no @otl package: say where its names come from`);
  const dir = join(ROOT, "packages", imported);
  const name = `readme-snippet-${process.pid}-${block.line}`;
  const file = join(dir, `${name}.ts`);
  const config = join(dir, `${name}.tsconfig.json`);
  writeFileSync(file, `${PLACEHOLDERS}\n${block.code}\nexport {};\n`);
  writeFileSync(
    config,
    JSON.stringify({
      extends: relative(dir, join(ROOT, "tsconfig.base.json")),
      compilerOptions: { noEmit: true, lib: ["es2023", "dom"], types: ["node"] },
      files: [`${name}.ts`],
    }),
  );
  try {
    const tsc = spawnSync("pnpm", ["exec", "tsc", "-p", config], { cwd: dir, encoding: "utf8" });
    const errors = `${tsc.stdout}${tsc.stderr}`.split("\n").filter((line) => /error TS\d+/.test(line));
    assert.deepEqual(errors, [], `${path}:${block.line}`);
  } finally {
    rmSync(file, { force: true });
    rmSync(config, { force: true });
  }
}
