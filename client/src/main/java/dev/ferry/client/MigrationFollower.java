package dev.ferry.client;

import dev.ferry.convergence.JobStats;
import dev.ferry.migration.MigrationOutcome;
import dev.ferry.migration.MigrationProgress;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Follows a migration to its end. The result is awaited with a long poll, so the outcome arrives
 * the moment the workflow closes; between waits the caller is handed the progress and the job's
 * live statistics.
 */
public final class MigrationFollower {
  /** What the caller is handed between waits. */
  public interface ProgressListener {
    /**
     * Called between waits.
     *
     * @param live the running job's statistics, or null when no transfer runs
     */
    void progress(MigrationProgress progress, JobStats live);
  }

  /**
   * How a followed migration ended.
   *
   * @param outcome its outcome, or null when the workflow closed without one
   * @param endedWithout why it closed without an outcome (terminated, timed out), or null
   */
  public record Ending(MigrationOutcome outcome, String endedWithout) {}

  private final WorkflowClient client;
  private final WorkflowInspector inspector;

  public MigrationFollower(WorkflowClient client) {
    this.client = client;
    this.inspector = new WorkflowInspector(client);
  }

  /**
   * Waits for the migration's end.
   *
   * @param refresh how often the listener is handed the progress; each progress query is a workflow
   *     task on a worker, so a caller that shows little asks less often
   */
  public Ending follow(String workflowId, Duration refresh, ProgressListener listener) {
    CompletableFuture<MigrationOutcome> result =
        client.newUntypedWorkflowStub(workflowId).getResultAsync(MigrationOutcome.class);
    try {
      while (true) {
        try {
          return new Ending(result.get(refresh.toMillis(), TimeUnit.MILLISECONDS), null);
        } catch (TimeoutException stillRunning) {
          Optional<MigrationProgress> progress = inspector.progress(workflowId);
          Optional<JobStats> live = inspector.describe(workflowId).flatMap(inspector::liveStats);
          progress.ifPresent(p -> listener.progress(p, live.orElse(null)));
        }
      }
    } catch (ExecutionException e) {
      return ended(workflowId, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while following " + workflowId, e);
    }
  }

  /** The workflow closed without a result: cancelled through Temporal itself, or terminated. */
  private Ending ended(String workflowId, Throwable cause) {
    if (cause instanceof WorkflowFailedException) {
      // Cancelled from the Temporal web UI: the outcome is still in the progress query.
      Optional<MigrationOutcome> fromQuery =
          inspector.progress(workflowId).map(MigrationProgress::outcome);
      if (fromQuery.isPresent()) {
        return new Ending(fromQuery.get(), null);
      }
    }
    return new Ending(
        null, cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage());
  }
}
