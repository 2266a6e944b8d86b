package dev.ferry.client;

import dev.ferry.control.ControlResult;
import dev.ferry.control.TransferTuning;
import dev.ferry.failure.FailureType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;

/**
 * Operator controls on a running migration, for the CLI and the HTTP API: each an update, so the
 * caller learns whether it took effect. A control the migration refuses (no transfer runs, past the
 * commit point) is a {@link RefusedException}; one it accepted that failed on the host is a {@link
 * ControlFailedException}.
 */
public final class MigrationControls {
  private MigrationControls() {}

  /** Stops the migration; it rolls back. */
  public static String abort(WorkflowClient client, String workflowId, String reason) {
    MigrationCanceller.requireRunning(client, workflowId, "abort");
    return update(client, workflowId, "abort", String.class, reason);
  }

  /** Changes the running transfer's max downtime and/or bandwidth. */
  public static ControlResult tune(
      WorkflowClient client, String workflowId, TransferTuning tuning) {
    MigrationCanceller.requireRunning(client, workflowId, "tune");
    return update(client, workflowId, "tune", ControlResult.class, tuning);
  }

  /** Makes the running transfer complete now (post-copy if allowed, else the guest is paused). */
  public static ControlResult forceComplete(WorkflowClient client, String workflowId) {
    MigrationCanceller.requireRunning(client, workflowId, "force-complete");
    return update(client, workflowId, "forceComplete", ControlResult.class);
  }

  private static <T> T update(
      WorkflowClient client, String workflowId, String name, Class<T> type, Object... args) {
    try {
      return client.newUntypedWorkflowStub(workflowId).update(name, type, args);
    } catch (WorkflowUpdateException e) {
      if (e.getCause() instanceof ApplicationFailure failure) {
        if (FailureType.CONTROL_FAILED.name().equals(failure.getType())) {
          throw new ControlFailedException(failure.getOriginalMessage());
        }
        // The workflow's validator refused it: nothing was recorded or changed.
        throw new RefusedException(
            failure.getType().endsWith("IllegalArgumentException")
                ? RefusedException.Kind.INVALID
                : RefusedException.Kind.CONFLICT,
            null,
            workflowId + ": " + failure.getOriginalMessage());
      }
      throw e;
    }
  }

  /** A control the migration accepted but that did not take effect on the host. */
  public static final class ControlFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ControlFailedException(String message) {
      super(message);
    }
  }
}
