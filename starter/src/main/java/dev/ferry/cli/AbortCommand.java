package dev.ferry.cli;

import dev.ferry.client.MigrationControls;
import dev.ferry.client.WorkflowInspector;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry abort ID}: stops a migration before its commit point and follows the rollback.
 * Unlike {@code ferry cancel}, the migration answers at once: refused (exit 2) when it is already
 * past the commit point or has ended, so the operator knows nothing was stopped.
 */
@Command(
    name = "abort",
    description = "Abort a migration before its commit point and follow the rollback.")
final class AbortCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID", description = "workflow id (migration-VM) or VM name")
  String id;

  @Option(names = "--reason", description = "why, recorded in the outcome")
  String reason = "requested with ferry abort";

  @Option(names = "--detach", description = "return once the abort is accepted")
  boolean detach;

  @Option(names = "--json", description = "print the outcome as one JSON object")
  boolean json;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() {
    return connection.withClient(
        client -> {
          String workflowId = new WorkflowInspector(client).resolveId(id);
          String answer = MigrationControls.abort(client, workflowId, reason);
          System.err.println(workflowId + ": " + answer);
          return detach ? ExitCode.OK : new MigrationWatcher(client, workflowId, json).follow();
        });
  }
}
