/**
 * SQLite's `synchronous` setting for an on-disk store: FULL, always (every commit is on disk before
 * its answer; CONTRACT.md, "Durable"), except in the `pnpm bench` rung that measures what FULL costs,
 * which starts its server with `OTL_BENCH_SQLITE_SYNCHRONOUS=NORMAL`. That variable is not a setting
 * for anything else: NORMAL loses the last acknowledged commits on a power cut, so any other value,
 * or none, gives FULL.
 */
export function synchronousMode(env: NodeJS.ProcessEnv): "FULL" | "NORMAL" {
  return env.OTL_BENCH_SQLITE_SYNCHRONOUS === "NORMAL" ? "NORMAL" : "FULL";
}
