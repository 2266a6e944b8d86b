package dev.ferry.cli;

import dev.ferry.migration.JobStats;
import dev.ferry.migration.MigrationOutcome;
import dev.ferry.migration.MigrationProgress;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import java.util.Optional;

/** Follows a migration to its end with a progress line, then prints and returns its outcome. */
final class Follower {
  private static final long POLL_MILLIS = 500;

  private final WorkflowInspector inspector;
  private final String workflowId;
  private final boolean json;

  Follower(WorkflowClient client, String workflowId, boolean json) {
    this.inspector = new WorkflowInspector(client);
    this.workflowId = workflowId;
    this.json = json;
  }

  int follow() {
    ProgressLine line = new ProgressLine(System.err, Terminal.interactive());
    while (true) {
      DescribeWorkflowExecutionResponse description =
          inspector
              .describe(workflowId)
              .orElseThrow(() -> new IllegalStateException("workflow " + workflowId + " vanished"));
      if (!inspector.running(description)) {
        break;
      }
      Optional<MigrationProgress> progress = inspector.progress(workflowId);
      Optional<JobStats> live = inspector.liveStats(description);
      progress.ifPresent(p -> line.update(p, live.orElse(null)));
      sleep();
    }
    line.finish();
    MigrationOutcome outcome;
    try {
      outcome = inspector.outcome(workflowId);
    } catch (WorkflowFailedException e) {
      // Cancelled through Temporal itself (the web UI): the outcome is still in the query.
      Optional<MigrationOutcome> fromQuery =
          inspector.progress(workflowId).map(MigrationProgress::outcome);
      if (fromQuery.isPresent()) {
        return print(fromQuery.get());
      }
      System.err.println(
          "ferry: migration workflow "
              + workflowId
              + " ended without an outcome ("
              + e.getCause().getMessage()
              + "): inspect it with 'ferry status "
              + workflowId
              + "'");
      return ExitCode.ERROR;
    }
    return print(outcome);
  }

  private int print(MigrationOutcome outcome) {
    Output.print(
        json,
        MigrationView.of(workflowId, progressOf(outcome), null, 100),
        MigrationView.text(outcome));
    return ExitCode.of(outcome);
  }

  /** A progress record built from the outcome, so JSON has one shape whatever the state. */
  static MigrationProgress progressOf(MigrationOutcome outcome) {
    return new MigrationProgress(
        dev.ferry.migration.Phase.DONE,
        outcome.vm(),
        outcome.source(),
        outcome.destination(),
        outcome.phases(),
        null,
        outcome);
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
