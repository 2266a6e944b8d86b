package dev.ferry.cli;

import dev.ferry.client.RefusedException;
import dev.ferry.config.InventoryException;
import dev.ferry.validation.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * Turns exceptions into one line on stderr and an exit code. Refusals and bad input exit 2; all
 * else exits 1. Stack traces only with FERRY_DEBUG=1: operators need the sentence, not the trace.
 * With {@code --json} a refusal is also printed on stdout as one object, with the fields the HTTP
 * API answers ({@code error}, {@code field}, {@code failureType}) and {@code refused: true}, so a
 * script reads a refusal the same way from either face.
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
    if (refused && wantsJson(parseResult)) {
      cli.getOut().println(Output.toJson(refusal(e)));
      cli.getOut().flush();
    }
    return refused ? ExitCode.REFUSED : ExitCode.ERROR;
  }

  private static Map<String, Object> refusal(Exception e) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("refused", true);
    view.put("error", e.getMessage());
    String field = null;
    String failureType = null;
    if (e instanceof RefusedException refusal) {
      field = refusal.field();
      failureType = refusal.failureType() == null ? null : refusal.failureType().name();
    } else if (e instanceof InvalidInputException invalid) {
      field = invalid.field();
    }
    view.put("field", field);
    view.put("failureType", failureType);
    return view;
  }

  /** Whether the command that failed was asked for JSON. */
  private static boolean wantsJson(CommandLine.ParseResult parseResult) {
    CommandLine.ParseResult command = parseResult;
    while (command.hasSubcommand()) {
      command = command.subcommand();
    }
    return command.hasMatchedOption("--json");
  }
}
