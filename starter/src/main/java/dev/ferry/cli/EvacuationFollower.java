package dev.ferry.cli;

import dev.ferry.evacuation.EvacuationProgress;
import dev.ferry.evacuation.EvacuationWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Follows an evacuation to its end with a progress line on stderr, then prints its report. The
 * result follows the workflow across its continue-as-new runs.
 */
final class EvacuationFollower {
  private static final long REFRESH_MILLIS = 1000;

  private final WorkflowClient client;
  private final String workflowId;
  private final boolean json;

  EvacuationFollower(WorkflowClient client, String workflowId, boolean json) {
    this.client = client;
    this.workflowId = workflowId;
    this.json = json;
  }

  int follow() {
    ProgressLine line = new ProgressLine(System.err, Terminal.interactive());
    CompletableFuture<EvacuationProgress> result =
        client.newUntypedWorkflowStub(workflowId).getResultAsync(EvacuationProgress.class);
    EvacuationWorkflow queries = client.newWorkflowStub(EvacuationWorkflow.class, workflowId);
    try {
      while (true) {
        try {
          EvacuationProgress report = result.get(REFRESH_MILLIS, TimeUnit.MILLISECONDS);
          line.finish();
          return print(report);
        } catch (TimeoutException stillRunning) {
          try {
            line.text(EvacuationView.line(queries.progress()));
          } catch (RuntimeException noAnswerYet) {
            // No worker has picked it up yet: the next refresh tries again.
          }
        }
      }
    } catch (ExecutionException e) {
      line.finish();
      if (e.getCause() instanceof WorkflowFailedException) {
        // Cancelled through Temporal itself: the report is still in the progress query.
        return print(queries.progress());
      }
      throw new IllegalStateException(
          "evacuation " + workflowId + " ended without a report: " + e.getCause().getMessage(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while following " + workflowId, e);
    }
  }

  int print(EvacuationProgress report) {
    Output.print(json, report, EvacuationView.table(report));
    return EvacuationView.exitCode(report);
  }
}
