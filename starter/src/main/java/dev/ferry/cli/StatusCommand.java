package dev.ferry.cli;

import dev.ferry.client.MigrationView;
import dev.ferry.client.WorkflowInspector;
import dev.ferry.convergence.JobStats;
import dev.ferry.migration.MigrationOutcome;
import dev.ferry.migration.MigrationProgress;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowFailedException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry status ID}: where a migration stands, once. */
@Command(name = "status", description = "Show a migration's phase, progress or outcome.")
final class StatusCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID", description = "workflow id (migration-VM) or VM name")
  String id;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() {
    return connection.withClient(
        client -> {
          WorkflowInspector inspector = new WorkflowInspector(client);
          String workflowId = inspector.resolveId(id);
          DescribeWorkflowExecutionResponse description =
              inspector.describe(workflowId).orElseThrow();
          if (inspector.running(description)) {
            MigrationProgress progress =
                inspector
                    .progress(workflowId)
                    .orElseThrow(
                        () ->
                            new IllegalStateException(
                                "migration "
                                    + workflowId
                                    + " runs but no worker answers: start one"
                                    + " with 'ferry worker'"));
            JobStats live = inspector.liveStats(description).orElse(null);
            Map<String, Object> view = MigrationView.of(workflowId, progress, live);
            Output.print(json, view, text(view));
            return ExitCode.OK;
          }
          MigrationOutcome outcome;
          try {
            outcome = inspector.outcome(workflowId);
          } catch (WorkflowFailedException e) {
            throw new IllegalStateException(
                "migration "
                    + workflowId
                    + " is "
                    + inspector.status(description)
                    + " without an"
                    + " outcome",
                e);
          }
          Output.print(json, MigrationView.ofOutcome(workflowId, outcome), OutcomeText.of(outcome));
          return ExitCode.OK;
        });
  }

  private static String text(Map<String, Object> view) {
    StringBuilder text = new StringBuilder();
    text.append(view.get("workflowId")).append(": ").append(view.get("phase"));
    text.append(" (").append(view.get("percent")).append("%) ");
    text.append(view.get("vm"))
        .append(' ')
        .append(view.get("source"))
        .append(" -> ")
        .append(view.get("destination"));
    if (view.get("dataTotalBytes") != null) {
      text.append(
          String.format(
              java.util.Locale.ROOT,
              "%n  %s of %s sent, %s remaining, pass %s, ETA %ss",
              Output.bytes((Long) view.get("dataProcessedBytes")),
              Output.bytes((Long) view.get("dataTotalBytes")),
              Output.bytes((Long) view.get("dataRemainingBytes")),
              view.get("iteration"),
              view.get("etaSeconds")));
    }
    return text.toString();
  }
}
