package dev.ferry.cli;

import dev.ferry.client.MigrationControls;
import dev.ferry.client.WorkflowInspector;
import dev.ferry.control.ControlResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry force-complete ID}: ends a transfer that does not converge by completing it now,
 * with post-copy when the migration allows it, else by pausing the guest for the rest.
 */
@Command(
    name = "force-complete",
    description =
        "Complete a running transfer now: post-copy if allowed, else pause the guest for the rest.")
final class ForceCompleteCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID", description = "workflow id (migration-VM) or VM name")
  String id;

  @Option(names = "--wait", description = "follow the migration to its end and exit with its code")
  boolean await;

  @Option(names = "--json", description = "print as one JSON object")
  boolean json;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() {
    return connection.withClient(
        client -> {
          String workflowId = new WorkflowInspector(client).resolveId(id);
          ControlResult result = MigrationControls.forceComplete(client, workflowId);
          if (await) {
            System.err.println(workflowId + ": " + result.action());
            return new MigrationWatcher(client, workflowId, json).follow();
          }
          ControlOutput.print(json, workflowId, result);
          return ExitCode.OK;
        });
  }
}
