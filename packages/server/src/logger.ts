import { createRequire } from "node:module";
import pino from "pino";
import type PinoPretty from "pino-pretty";
import { requestScope } from "./request-scope.ts";

// pino-pretty takes longer to load than the rest of the server's start (about 0.75 s on a busy
// 2-core machine, against 0.1 s for pino), and json is the format of every run without a terminal;
// so it is loaded only when pretty lines are asked for.
const loadPretty = () => createRequire(import.meta.url)("pino-pretty") as typeof PinoPretty;

/** Extra fields of one log record: ids, statuses, timings. Never a secret, and request-derived strings pass through `bounded()`. */
export type LogFields = Record<string, string | number | boolean | null>;

/**
 * Where the server writes its records. Callers never pass a secret: links are named by id.
 * `line` is the record's message; `fields` are kept as separate keys by structured loggers.
 */
export interface Logger {
  info(line: string, fields?: LogFields): void;
  error(line: string, fields?: LogFields): void;
  /** `false` when info records go nowhere, so the server need not time requests to write them. Default true. */
  readonly infoEnabled?: boolean;
}

/** The levels `OTL_LOG` accepts, most severe first. */
export const LOG_LEVELS = ["error", "warn", "info", "debug"] as const;
/** How much the server logs (`OTL_LOG`). */
export type LogLevel = (typeof LOG_LEVELS)[number];
/** How records are written (`OTL_LOG_FORMAT`): one JSON object a line, or lines for a person at a terminal. */
export type LogFormat = "json" | "pretty";

/** Settings of {@link createLogger}. */
export interface LogSettings {
  /** Default `info`. */
  level?: LogLevel;
  /** Default `json` when stdout is not a terminal, else `pretty`. */
  format?: LogFormat;
  /** Where records go. Default stdout. */
  destination?: NodeJS.WritableStream;
}

/** A {@link Logger} on pino, with records that are written whatever the level (the ready line, the dev key). */
export interface OtlLogger extends Logger {
  /** Writes an info record even when the level is `error`: scripts and people wait for it. */
  notice(line: string, fields?: LogFields): void;
  /** The pino logger underneath, for a host that wants to share it. */
  readonly pino: pino.Logger;
}

/**
 * A structured logger on pino. JSON records carry `level` (a name), `time` (ISO 8601 UTC), `msg`,
 * `reqId` while a request is being answered, and the record's fields (CONTRACT.md, `OTL_LOG_FORMAT`).
 */
export function createLogger(settings: LogSettings = {}): OtlLogger {
  // Records are written as they are made, by a synchronous write to stdout, not through a buffer
  // (`pino.destination({ sync: false, minLength })`): measured on 2026-11-30, pinned to one core and
  // read through a pipe, a record cost 6.4–9.3 µs of CPU written so and 6.1–9.9 µs buffered 4 KiB at a
  // time (4 runs each of 300 000 records; 2.6–4.6 µs of either is pino making the JSON), so a buffer
  // saves nothing measurable, while a server killed outright (SIGKILL, the OOM killer) would lose the
  // records it held: the last ones, those that say what happened before the end. The audit, not the
  // log, is the durable record of what happened to links and flows.
  const destination = settings.destination ?? process.stdout;
  const format = settings.format ?? ((destination as { isTTY?: boolean }).isTTY ? "pretty" : "json");
  const stream =
    format === "pretty"
      ? loadPretty()({
          destination,
          sync: true,
          colorize: (destination as { isTTY?: boolean }).isTTY === true,
          singleLine: true,
          translateTime: "SYS:HH:MM:ss.l",
          // Fields the message already spells out; json keeps them as keys for machines.
          ignore: "method,path,status,ms,url,signal",
        })
      : destination;
  const logger = pino(
    {
      level: settings.level ?? "info",
      // pid and hostname say little in a container and nothing a process manager does not already know.
      base: undefined,
      timestamp: isoTimestamp,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const scope = requestScope.getStore();
        return scope ? { reqId: scope.requestId } : {};
      },
    },
    stream,
  );
  // A child with its own level: its records pass whatever the parent's level is.
  const always = logger.child({}, { level: "info" });
  return {
    pino: logger,
    infoEnabled: logger.isLevelEnabled("info"),
    info: (line, fields) => logger.info(fields ?? {}, line),
    error: (line, fields) => logger.error(fields ?? {}, line),
    notice: (line, fields) => always.info(fields ?? {}, line),
  };
}

let stampedAt = Number.NaN;
let stamp = "";

/**
 * pino's `time` field, ISO 8601 UTC as `pino.stdTimeFunctions.isoTime` writes it, formatted once per
 * millisecond: under load, most records of a request (and its neighbours') share their millisecond.
 */
function isoTimestamp(): string {
  const now = Date.now();
  if (now !== stampedAt) {
    stampedAt = now;
    stamp = `,"time":"${new Date(now).toISOString()}"`;
  }
  return stamp;
}

/** Reads `OTL_LOG` and `OTL_LOG_FORMAT`; throws a message naming the variable when one is not understood. */
export function logSettingsFromEnv(env: NodeJS.ProcessEnv): Pick<LogSettings, "level" | "format"> {
  const level = env.OTL_LOG || undefined;
  if (level !== undefined && !(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new Error(`OTL_LOG must be one of ${LOG_LEVELS.join(", ")}, not "${level}"`);
  }
  const format = env.OTL_LOG_FORMAT || undefined;
  if (format !== undefined && format !== "json" && format !== "pretty") {
    throw new Error(`OTL_LOG_FORMAT must be json or pretty, not "${format}"`);
  }
  return { level: level as LogLevel | undefined, format };
}
