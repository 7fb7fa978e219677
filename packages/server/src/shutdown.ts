import type { Logger } from "./logger.ts";
import type { RunningOtlServer } from "./node.ts";

/**
 * On SIGTERM or SIGINT: stop accepting, finish the requests in flight (up to 10 s), close the store,
 * exit 0 (CONTRACT.md, "Operability"). A second signal while draining exits at once with 130, for
 * the operator who presses Ctrl-C twice.
 */
export function stopOnSignals(server: RunningOtlServer, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.error(`otl-server: ${signal} again, stopping now`);
      process.exit(130);
    }
    stopping = true;
    logger.info(`otl-server stopping on ${signal}: finishing requests in flight`, { signal });
    server.close().then(
      () => {
        logger.info("otl-server stopped");
        process.exit(0);
      },
      (error: Error) => {
        logger.error(`otl-server could not stop cleanly: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
