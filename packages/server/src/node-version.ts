/** The oldest Node the server runs on: `node:sqlite` without a flag arrived in 22.13 (and 23.4). */
export const MINIMUM_NODE = "22.13.0";

/**
 * The one-line message for a Node too old to run the server, or null when `version` (such as
 * `process.versions.node`, `20.11.0`) is new enough. Written to be read by a newcomer, not a stack trace.
 */
export function nodeTooOld(version: string, program: string): string | null {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  const [needMajor = 0, needMinor = 0] = MINIMUM_NODE.split(".").map(Number);
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return null;
  return `${program} needs Node ${needMajor}.${needMinor} or newer (node:sqlite); this is Node ${version}. Install a current Node LTS from https://nodejs.org and try again.`;
}
