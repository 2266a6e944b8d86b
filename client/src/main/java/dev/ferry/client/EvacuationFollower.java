package dev.ferry.client;

import dev.ferry.evacuation.EvacuationProgress;
import dev.ferry.evacuation.EvacuationWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Follows an evacuation to its end, across its continue-as-new runs, handing the caller its
 * progress between waits.
 */
public final class EvacuationFollower {
  private final WorkflowClient client;

  public EvacuationFollower(WorkflowClient client) {
    this.client = client;
  }

  /**
   * Waits for the evacuation's report.
   *
   * @param refresh how often the listener is handed the progress
   * @throws IllegalStateException when the workflow ended without a report
   */
  public EvacuationProgress follow(
      String workflowId, Duration refresh, Consumer<EvacuationProgress> listener) {
    CompletableFuture<EvacuationProgress> result =
        client.newUntypedWorkflowStub(workflowId).getResultAsync(EvacuationProgress.class);
    EvacuationWorkflow queries = client.newWorkflowStub(EvacuationWorkflow.class, workflowId);
    try {
      while (true) {
        try {
          return result.get(refresh.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
          try {
            listener.accept(queries.progress());
          } catch (RuntimeException noAnswerYet) {
            // No worker has picked it up yet: the next refresh tries again.
          }
        }
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WorkflowFailedException) {
        // Cancelled through Temporal itself: the report is still in the progress query.
        return queries.progress();
      }
      throw new IllegalStateException(
          "evacuation " + workflowId + " ended without a report: " + e.getCause().getMessage(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while following " + workflowId, e);
    }
  }
}
