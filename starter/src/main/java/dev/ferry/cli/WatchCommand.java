package dev.ferry.cli;

import dev.ferry.client.WorkflowInspector;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry watch ID}: follows a running migration to its outcome. */
@Command(name = "watch", description = "Follow a migration with a live progress line.")
final class WatchCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID", description = "workflow id (migration-VM) or VM name")
  String id;

  @Option(names = "--json", description = "print the outcome as one JSON object")
  boolean json;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() {
    return connection.withClient(
        client -> {
          String workflowId = new WorkflowInspector(client).resolveId(id);
          return new MigrationWatcher(client, workflowId, json).follow();
        });
  }
}
