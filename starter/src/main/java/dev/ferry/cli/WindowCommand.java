package dev.ferry.cli;

import dev.ferry.client.WindowListing;
import dev.ferry.client.WindowPlan;
import dev.ferry.client.WindowScheduler;
import dev.ferry.evacuation.EndPolicy;
import dev.ferry.evacuation.EvacuationLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry window create|list|cancel}: scheduled maintenance windows. */
@Command(
    name = "window",
    description = "Maintenance windows: evacuate hosts between a start and an end.",
    subcommands = {
      WindowCommand.Create.class,
      WindowCommand.ListWindows.class,
      WindowCommand.Cancel.class
    })
final class WindowCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "name one of create, list, cancel");
  }

  @Command(name = "create", description = "Create a window (one-off, or recurring with --every).")
  static final class Create implements Callable<Integer> {
    @Option(names = "--hosts", required = true, split = ",", paramLabel = "HOST,...")
    List<String> hosts;

    @Option(
        names = "--start",
        required = true,
        paramLabel = "TIME",
        description = "ISO-8601 or +2h")
    String start;

    @Option(names = "--end", required = true, paramLabel = "TIME", description = "ISO-8601 or +4h")
    String end;

    @Option(
        names = "--on-end",
        paramLabel = "POLICY",
        description = "finish (default) or abort migrations in flight at the end")
    EndPolicy onEnd;

    @Option(
        names = "--every",
        paramLabel = "CRON",
        description = "repeat on this cron schedule (needs a real Temporal cluster)")
    String every;

    @Option(
        names = "--name",
        paramLabel = "NAME",
        description = "the window's name (default: made)")
    String name;

    @Option(
        names = "--to",
        paramLabel = "HOST",
        arity = "1..*",
        description = "only these destinations")
    List<String> to = new ArrayList<>();

    @Option(names = "--max-per-source", paramLabel = "N")
    Integer maxPerSource;

    @Option(names = "--max-per-destination", paramLabel = "N")
    Integer maxPerDestination;

    @Option(names = "--max-parallel", paramLabel = "N")
    Integer maxParallel;

    @Option(names = "--bandwidth", paramLabel = "MIBPS")
    Long bandwidth;

    @Option(names = "--json", description = "print the window's id as JSON")
    boolean json;

    @Mixin ConnectionOptions connection;

    @Override
    public Integer call() {
      WindowPlan plan =
          WindowPlan.of(
              "--",
              name,
              hosts,
              start,
              end,
              every,
              onEnd,
              to,
              new EvacuationLimits(maxParallel, maxPerSource, maxPerDestination, bandwidth),
              Instant.now());
      return connection.withClient(
          () -> plan.check(connection.knownHosts()),
          client -> {
            String id = connection.ferry(client).createWindow(plan);
            Output.print(json, Output.single("workflowId", id), id);
            return ExitCode.OK;
          });
    }
  }

  @Command(name = "list", description = "Windows waiting, open and closed, and recurring ones.")
  static final class ListWindows implements Callable<Integer> {
    @Option(names = "--json", description = "print a JSON array")
    boolean json;

    @Mixin ConnectionOptions connection;

    @Override
    public Integer call() {
      return connection.withClient(
          client -> {
            List<Map<String, Object>> rows = WindowListing.all(client);
            if (json) {
              System.out.println(Output.toJson(rows));
            } else {
              System.out.printf(
                  "%-36s %-10s %-26s %-26s %s%n", "WINDOW", "PHASE", "START", "END", "HOSTS");
              for (Map<String, Object> row : rows) {
                System.out.printf(
                    "%-36s %-10s %-26s %-26s %s%n",
                    row.get("workflowId"),
                    row.get("phase"),
                    row.get("start"),
                    row.get("end"),
                    row.get("hosts"));
              }
            }
            return ExitCode.OK;
          });
    }
  }

  @Command(name = "cancel", description = "Cancel a window: before its start nothing changes.")
  static final class Cancel implements Callable<Integer> {
    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--reason", description = "why, recorded in its report")
    String reason = "requested with ferry window cancel";

    @Mixin ConnectionOptions connection;

    @Override
    public Integer call() {
      return connection.withClient(
          client -> {
            List<String> cancelled = WindowScheduler.cancel(client, name, reason);
            System.err.println("cancelled " + cancelled.get(0));
            return ExitCode.OK;
          });
    }
  }
}
