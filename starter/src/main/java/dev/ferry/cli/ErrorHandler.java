package dev.ferry.cli;

import dev.ferry.config.InventoryException;
import picocli.CommandLine;

/**
 * Turns exceptions into one line on stderr and an exit code. Refusals and bad input exit 2; all
 * else exits 1. Stack traces only with FERRY_DEBUG=1: operators need the sentence, not the trace.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
    boolean refused =
        e instanceof RefusedException
            || e instanceof IllegalArgumentException
            || e instanceof InventoryException;
    cli.getErr().println("ferry: " + (refused ? "refused: " : "error: ") + e.getMessage());
    if ("1".equals(System.getenv("FERRY_DEBUG"))) {
      e.printStackTrace(cli.getErr());
    }
    return refused ? ExitCode.REFUSED : ExitCode.ERROR;
  }
}
