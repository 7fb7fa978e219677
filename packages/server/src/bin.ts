#!/usr/bin/env node
// The `otl-server` command. It checks the Node version before anything else is loaded: on an older
// Node, `node:sqlite` fails while the CLI's imports are linked, with a stack trace and no advice.
// So this file imports nothing that needs a new Node, and loads the CLI only once the check passes.
import { nodeTooOld } from "./node-version.ts";

const problem = nodeTooOld(process.versions.node, "otl-server");
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}
await import("./cli.ts");
