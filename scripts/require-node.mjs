// First thing `pnpm start` and `pnpm test` run: on a Node too old for the kit, one line that says which
// version is needed, and exit 1, rather than a stack trace from deep inside a dependency. Plain
// JavaScript with no imports, so every Node that can start at all can run it. The server's own
// `otl-server` command makes the same check (packages/server/src/node-version.ts).
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  process.stderr.write(
    `OTL needs Node 22.13 or newer (developed on Node 24); this is Node ${process.versions.node}. Install a current Node LTS from https://nodejs.org and try again.\n`,
  );
  process.exit(1);
}
