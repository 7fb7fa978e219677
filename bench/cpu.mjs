// Where the bench runs and what it costs: core pinning with taskset, and CPU time read from /proc.
// The server's CPU time per request is the bench's primary figure because it does not depend on how
// fast the load generator is, nor much on what else the machine is doing (req/s does, by 2–3×).
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";

/**
 * Clock ticks per second of utime/stime in /proc/<pid>/stat (`getconf CLK_TCK`; 100 on Linux almost always).
 * One tick is 10 ms, so a run should burn ≥ 1 s of CPU for the figure to be good to about 1%.
 */
export const CLOCK_TICKS = readClockTicks();

function readClockTicks() {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
}

/**
 * The cores the bench uses, or why it cannot pin: the server processes (and a PostgreSQL the bench
 * starts) get `server`, the load generator (this process) gets `load`. Pinning needs `taskset` and two CPUs.
 */
export const PINNING = choosePinning();

function choosePinning() {
  if (process.platform !== "linux") return { pinned: false, reason: "not Linux" };
  if (availableParallelism() < 2) return { pinned: false, reason: "fewer than 2 CPUs" };
  try {
    execFileSync("taskset", ["-V"], { stdio: "ignore" });
  } catch {
    return { pinned: false, reason: "taskset not found (Debian: util-linux)" };
  }
  return { pinned: true, server: "0", load: "1" };
}

/** Sets the CPU affinity of every thread of a running process; a no-op when pinning is off. */
export function pin(pid, cores) {
  if (!PINNING.pinned) return;
  execFileSync("taskset", ["-a", "-p", "-c", cores, String(pid)], { stdio: "ignore" });
}

/** The command and arguments that start `command` on the server core (unchanged when pinning is off). */
export function onServerCore(command, args) {
  return PINNING.pinned ? { command: "taskset", args: ["-c", PINNING.server, command, ...args] } : { command, args };
}

/** Fields of /proc/<pid>/stat after the command name, which may itself hold spaces and parentheses. */
function statFields(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, "utf8");
  return text.slice(text.lastIndexOf(")") + 2).split(" ");
}

/**
 * CPU time a process has used so far, user plus system, in microseconds (utime and stime of /proc/<pid>/stat,
 * all its threads). A process that has exited reads as 0, so the caller sees a missing process as an odd figure.
 */
export function cpuMicros(pid) {
  try {
    const fields = statFields(pid);
    // Counting from field 3 (state) at index 0: utime is field 14, stime field 15.
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** The processes below `root` (children, grandchildren, …), read from /proc; e.g. a PostgreSQL and its backends. */
export function descendants(root) {
  const children = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = Number(statFields(entry)[1]);
      if (!children.has(parent)) children.set(parent, []);
      children.get(parent).push(Number(entry));
    } catch {
      // The process exited while we listed it.
    }
  }
  const found = [];
  const queue = [...(children.get(root) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift();
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** CPU time of several processes together, in microseconds. */
export function totalCpuMicros(pids) {
  return pids.reduce((sum, pid) => sum + cpuMicros(pid), 0);
}
