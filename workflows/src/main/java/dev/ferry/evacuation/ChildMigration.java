package dev.ferry.evacuation;

import dev.ferry.failure.FailureType;
import dev.ferry.migration.MigrationInspection;
import dev.ferry.migration.MigrationOutcome;
import dev.ferry.migration.MigrationRequest;
import dev.ferry.migration.MigrationWorkflow;
import dev.ferry.options.MigrationOptions;
import dev.ferry.policy.ActivityPolicies;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.ChildWorkflowOptions;

/**
 * One guest's migration as a child of the evacuation: started exactly as {@code ferry migrate}
 * starts one (same workflow id, memo, summary and search attributes, plus the batch id), and its
 * outcome turned into what the dispatcher needs.
 */
record ChildMigration(MigrationRequest request, ChildWorkflowOptions options) {

  /**
   * @param attributes the namespace has ferry's search attributes (a server without them refuses a
   *     start that sets them)
   */
  static ChildMigration of(
      EvacuationRequest evacuation, Dispatcher.Start start, boolean attributes) {
    MigrationRequest request =
        new MigrationRequest(
            start.guest().name(),
            start.guest().host(),
            start.destination(),
            capped(evacuation.options(), start.bandwidthCapMiBps()),
            evacuation.batchId());
    ChildWorkflowOptions.Builder options =
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(request.workflowId())
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .setWorkflowExecutionTimeout(ActivityPolicies.MIGRATION_CHILD_TIMEOUT)
            // A migration outlives an evacuation that is terminated: it still ends cleanly.
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
            .setMemo(MigrationInspection.memo(request))
            .setStaticSummary(MigrationInspection.summary(request));
    if (attributes) {
      options.setTypedSearchAttributes(MigrationInspection.atStart(request));
    }
    return new ChildMigration(request, options.build());
  }

  /** The guest's options with the evacuation's bandwidth share as a cap. */
  static MigrationOptions capped(MigrationOptions o, Long capMiBps) {
    if (capMiBps == null || (o.bandwidthMiBps() != null && o.bandwidthMiBps() <= capMiBps)) {
      return o;
    }
    return new MigrationOptions(
        o.mode(),
        o.peerToPeer(),
        o.tunnelled(),
        o.persistDestination(),
        o.undefineSource(),
        o.storageCopy(),
        o.disks(),
        o.destinationName(),
        capMiBps,
        o.maxDowntimeMs(),
        o.autoConverge(),
        o.allowPostcopy(),
        o.compression(),
        o.parallelConnections(),
        o.tls(),
        o.pausedOnDestination(),
        o.migrationUri(),
        o.convergence());
  }

  /** What a child's end means for the evacuation. */
  record Result(boolean migrated, boolean retry, VmState state, String reason, long bytes) {}

  /**
   * @param stoppedBecause why this evacuation asked the migration to stop, or null if it did not
   */
  static Result judge(
      String destination,
      MigrationOutcome outcome,
      RuntimeException failure,
      String stoppedBecause) {
    if (failure != null) {
      return new Result(false, false, VmState.NEEDS_ATTENTION, failureText(failure), 0);
    }
    long bytes = outcome.stats() == null ? 0 : outcome.stats().dataTransferredBytes();
    String on = "to " + destination + ": " + outcome.reason();
    return switch (outcome.outcome()) {
      case MIGRATED -> new Result(true, false, VmState.MIGRATED, "", bytes);
      case NEEDS_ATTENTION -> new Result(false, false, VmState.NEEDS_ATTENTION, on, bytes);
      case ROLLED_BACK -> {
        if (stoppedBecause != null) {
          yield new Result(false, false, VmState.ROLLED_BACK, stoppedBecause, bytes);
        }
        FailureType type = outcome.failureType();
        boolean retry = Retries.anotherDestinationMayHelp(type);
        VmState state = !retry && outcome.refused() ? VmState.CANNOT_MOVE : VmState.FAILED;
        yield new Result(false, retry, state, on, bytes);
      }
    };
  }

  private static String failureText(RuntimeException failure) {
    if (failure instanceof ChildWorkflowFailure child) {
      if (child.getCause() instanceof TimeoutFailure) {
        return "its migration "
            + child.getExecution().getWorkflowId()
            + " did not end within "
            + ActivityPolicies.MIGRATION_CHILD_TIMEOUT.toDays()
            + " days: look at it with ferry doctor";
      }
      return "its migration "
          + child.getExecution().getWorkflowId()
          + " ended without an outcome: "
          + (child.getCause() == null ? child.getMessage() : child.getCause().getMessage());
    }
    // Most often: a migration of this guest was already running, started by someone else.
    return "its migration could not start: " + failure.getMessage();
  }

  /** Asks a running child to stop; one that already ended or never started is left alone. */
  static void signalCancel(MigrationWorkflow child, String reason) {
    try {
      child.cancel(reason);
    } catch (RuntimeException alreadyGone) {
      // It ended (or never started) meanwhile: its outcome reaches the evacuation anyway.
    }
  }
}
