package dev.ferry.client;

import dev.ferry.evacuation.EvacuationProgress;
import dev.ferry.evacuation.EvacuationRequest;
import dev.ferry.evacuation.EvacuationWorkflow;
import dev.ferry.validation.InputValidator;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A started evacuation, for {@code ferry evacuation} and the HTTP API alike: found by id, read, and
 * paused, resumed or cancelled while it runs.
 */
public final class Evacuations {
  private static final String PREFIX = EvacuationRequest.workflowIdFor("");

  /** How long reading a finished evacuation's report may take before it counts as missing. */
  private static final Duration REPORT_PATIENCE = Duration.ofSeconds(10);

  private Evacuations() {}

  /**
   * The workflow id for {@code evacuation-ID} or {@code ID}, its batch id checked as any name is.
   *
   * @throws dev.ferry.validation.InvalidInputException for a hostile id, under the field {@code id}
   */
  public static String workflowId(String id) {
    String workflowId =
        id != null && id.startsWith(PREFIX) ? id : EvacuationRequest.workflowIdFor(id);
    InputValidator.requireName("id", "evacuation id", workflowId.substring(PREFIX.length()));
    return workflowId;
  }

  /**
   * The evacuation's execution.
   *
   * @throws RefusedException of kind {@code NOT_FOUND} when no evacuation has that id
   */
  public static DescribeWorkflowExecutionResponse require(WorkflowClient client, String id) {
    return new WorkflowInspector(client)
        .describe(workflowId(id))
        .orElseThrow(
            () ->
                new RefusedException(
                    RefusedException.Kind.NOT_FOUND, "id", "no evacuation '" + id + "'"));
  }

  /**
   * A stub for signals to an evacuation that still runs.
   *
   * @throws RefusedException {@code NOT_FOUND} for an unknown id, {@code CONFLICT} once it ended
   */
  public static EvacuationWorkflow running(WorkflowClient client, String id) {
    DescribeWorkflowExecutionResponse described = require(client, id);
    WorkflowInspector inspector = new WorkflowInspector(client);
    if (!inspector.running(described)) {
      throw new RefusedException(
          RefusedException.Kind.CONFLICT,
          "id",
          "evacuation '" + id + "' has already ended (" + inspector.status(described) + ")");
    }
    return client.newWorkflowStub(EvacuationWorkflow.class, workflowId(id));
  }

  /** Starts no new migration until {@link #resume}; those in flight go on. */
  public static void pause(WorkflowClient client, String id) {
    running(client, id).pause();
  }

  public static void resume(WorkflowClient client, String id) {
    running(client, id).resume();
  }

  /** Nothing new starts; migrations in flight roll back or finish, as the request says. */
  public static void cancel(WorkflowClient client, String id, String reason) {
    running(client, id).cancel(reason);
  }

  /**
   * Per-guest state, counts, bytes moved and ETA: the {@code progress} query while it runs, the
   * report once it ended (across its continue-as-new runs). Empty while no worker has answered.
   *
   * @param running whether the workflow runs: only an ended one has a report to fall back on
   */
  public static Optional<EvacuationProgress> progress(
      WorkflowClient client, String workflowId, boolean running) {
    try {
      return Optional.of(client.newWorkflowStub(EvacuationWorkflow.class, workflowId).progress());
    } catch (RuntimeException noAnswer) {
      // A finished evacuation's report is its result, even when no worker answers queries.
      return running ? Optional.empty() : report(client, workflowId);
    }
  }

  private static Optional<EvacuationProgress> report(WorkflowClient client, String workflowId) {
    try {
      return Optional.of(
          client
              .newUntypedWorkflowStub(workflowId)
              .getResultAsync(EvacuationProgress.class)
              .get(REPORT_PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
