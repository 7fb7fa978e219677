import { accessSync, constants, existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * Makes sure the data directory exists and this process may write in it, or throws the file
 * system's own error for the first folder that fails. Missing folders are made one level at a time,
 * owner-only: a recursive `mkdir` reports a read-only file system as ENOENT, which sends an operator
 * looking for a missing folder rather than at the mount.
 */
export function prepareDataDir(dataDir: string): void {
  const missing: string[] = [];
  let folder = resolve(dataDir);
  while (!existsSync(folder)) {
    missing.unshift(folder);
    const parent = dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  for (const path of missing) mkdirSync(path, { mode: 0o700 });
  accessSync(dataDir, constants.W_OK);
}
