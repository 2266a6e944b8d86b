package dev.ferry.client;

import io.temporal.client.WorkflowClient;

/**
 * Asks a running migration to stop, for {@code ferry cancel} and the HTTP API. A signal rather than
 * a Temporal cancellation, so the workflow rolls back and still completes with its outcome.
 */
public final class MigrationCanceller {
  private MigrationCanceller() {}

  /**
   * Sends the {@code cancel} signal.
   *
   * @throws RefusedException of kind {@code NOT_FOUND} if there is no such migration, {@code
   *     CONFLICT} if it has already ended
   */
  public static void request(WorkflowClient client, String workflowId, String reason) {
    requireRunning(client, workflowId, "cancel");
    client.newUntypedWorkflowStub(workflowId).signal("cancel", reason);
  }

  /**
   * Refuses a request to a migration that does not exist or has ended.
   *
   * @param what the request, for the message ({@code cancel}, {@code tune}, ...)
   * @throws RefusedException of kind {@code NOT_FOUND} if there is no such migration, {@code
   *     CONFLICT} if it has already ended
   */
  static void requireRunning(WorkflowClient client, String workflowId, String what) {
    WorkflowInspector inspector = new WorkflowInspector(client);
    boolean running =
        inspector
            .describe(workflowId)
            .map(inspector::running)
            .orElseThrow(
                () ->
                    new RefusedException(
                        RefusedException.Kind.NOT_FOUND, "id", "no migration " + workflowId));
    if (!running) {
      throw new RefusedException(
          RefusedException.Kind.CONFLICT,
          "id",
          "migration " + workflowId + " has already ended: nothing to " + what);
    }
  }
}
