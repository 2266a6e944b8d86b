package dev.ferry.cli;

import dev.ferry.convergence.JobStats;
import dev.ferry.migration.MigrationOutcome;
import dev.ferry.migration.MigrationProgress;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Follows a migration to its end with a progress line, then prints and returns its outcome. The
 * result is awaited with a long poll, so the outcome shows the moment the workflow closes; the
 * progress line is refreshed between waits.
 */
final class Follower {
  /** A progress line on a terminal is redrawn twice a second. */
  private static final long TERMINAL_REFRESH_MILLIS = 500;

  /**
   * Plain lines (a log, a script) change only at phase changes and 10% steps, so the workflow is
   * asked less often: each progress query is a workflow task on a worker, which replays the history
   * when the server keeps no sticky cache (the dev server), and competes with the transfer for the
   * worker's CPU.
   */
  private static final long PLAIN_REFRESH_MILLIS = 5_000;

  private final WorkflowClient client;
  private final WorkflowInspector inspector;
  private final String workflowId;
  private final boolean json;

  Follower(WorkflowClient client, String workflowId, boolean json) {
    this.client = client;
    this.inspector = new WorkflowInspector(client);
    this.workflowId = workflowId;
    this.json = json;
  }

  int follow() {
    boolean interactive = Terminal.interactive();
    long refreshMillis = interactive ? TERMINAL_REFRESH_MILLIS : PLAIN_REFRESH_MILLIS;
    ProgressLine line = new ProgressLine(System.err, interactive);
    CompletableFuture<MigrationOutcome> result =
        client.newUntypedWorkflowStub(workflowId).getResultAsync(MigrationOutcome.class);
    try {
      while (true) {
        try {
          MigrationOutcome outcome = result.get(refreshMillis, TimeUnit.MILLISECONDS);
          line.finish();
          return print(outcome);
        } catch (TimeoutException stillRunning) {
          refresh(line);
        }
      }
    } catch (ExecutionException e) {
      line.finish();
      return ended(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while following " + workflowId, e);
    }
  }

  private void refresh(ProgressLine line) {
    Optional<MigrationProgress> progress = inspector.progress(workflowId);
    Optional<JobStats> live = inspector.describe(workflowId).flatMap(inspector::liveStats);
    progress.ifPresent(p -> line.update(p, live.orElse(null)));
  }

  /** The workflow closed without a result: cancelled through Temporal itself, or terminated. */
  private int ended(Throwable cause) {
    if (cause instanceof WorkflowFailedException) {
      // Cancelled from the Temporal web UI: the outcome is still in the progress query.
      Optional<MigrationOutcome> fromQuery =
          inspector.progress(workflowId).map(MigrationProgress::outcome);
      if (fromQuery.isPresent()) {
        return print(fromQuery.get());
      }
    }
    System.err.println(
        "ferry: migration workflow "
            + workflowId
            + " ended without an outcome ("
            + (cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage())
            + "): inspect it with 'ferry status "
            + workflowId
            + "'");
    return ExitCode.ERROR;
  }

  private int print(MigrationOutcome outcome) {
    Output.print(
        json, MigrationView.of(workflowId, progressOf(outcome), null), MigrationView.text(outcome));
    return ExitCode.of(outcome);
  }

  /** A progress record built from the outcome, so JSON has one shape whatever the state. */
  static MigrationProgress progressOf(MigrationOutcome outcome) {
    return MigrationProgress.finished(outcome);
  }
}
