package dev.ferry.cli;

import dev.ferry.client.MigrationListing;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry list}: running and recent migrations, newest first. */
@Command(name = "list", description = "List running and recent migrations.")
final class ListCommand implements Callable<Integer> {
  @Option(names = "--limit", description = "at most this many (default 50)")
  int limit = 50;

  @Option(names = "--json", description = "print a JSON array")
  boolean json;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() {
    return connection.withClient(
        client -> {
          List<Map<String, Object>> rows = MigrationListing.recent(client, limit);
          if (json) {
            System.out.println(Output.toJson(rows));
          } else {
            System.out.printf(
                Locale.ROOT,
                "%-32s %-11s %-16s %s%n",
                "WORKFLOW",
                "STATUS",
                "PHASE/OUTCOME",
                "STARTED");
            for (Map<String, Object> row : rows) {
              Object state =
                  "running".equals(row.get("status")) ? row.get("phase") : row.get("outcome");
              System.out.printf(
                  Locale.ROOT,
                  "%-32s %-11s %-16s %s%n",
                  row.get("workflowId"),
                  row.get("status"),
                  state,
                  row.get("started"));
            }
          }
          return ExitCode.OK;
        });
  }
}
