package dev.ferry.cli;

import dev.ferry.client.MigrationCanceller;
import dev.ferry.client.WorkflowInspector;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry cancel ID}: asks a migration to stop. Before the commit point it rolls back; after
 * it, the migration finishes, because the destination already owns the guest.
 */
@Command(
    name = "cancel",
    description = "Cancel a migration (rolls back unless past the commit point).")
final class CancelCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID", description = "workflow id (migration-VM) or VM name")
  String id;

  @Option(names = "--reason", description = "why, recorded in the outcome")
  String reason = "requested with ferry cancel";

  @Option(names = "--wait", description = "wait for the outcome and exit with its code")
  boolean await;

  @Option(names = "--json", description = "print the outcome as one JSON object (with --wait)")
  boolean json;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() {
    return connection.withClient(
        client -> {
          String workflowId = new WorkflowInspector(client).resolveId(id);
          MigrationCanceller.request(client, workflowId, reason);
          System.err.println(
              "cancel requested for "
                  + workflowId
                  + ": it rolls back unless past the commit point");
          return await ? new MigrationWatcher(client, workflowId, json).follow() : ExitCode.OK;
        });
  }
}
