package dev.ferry.migration;

import dev.ferry.failure.FailureType;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.policy.ActivityPolicies;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;

/**
 * Undoes prepare: the images it pre-created on the destination and the memory it reserved there. A
 * destination that stays away must not hold the migration open for the hours a rollback retries
 * for, with the guest waiting on its source all along: after a few minutes the cleanup goes to a
 * workflow of its own ({@link PreparedCleanupWorkflow}), which waits for the host as long as it
 * takes, and the migration ends rolled back, saying where its cleanup went. Only a destination
 * found running this migration's guest, or one that refuses ferry's login, stops the undo (that
 * needs a person).
 */
final class PrepareUndo {
  /** Workflows that began before the hand-over existed replay the hours-long rollback. */
  static final String HANDOVER_CHANGE = "prepare-undo-hands-over";

  /**
   * Cleanups are named by guest and host, so that a later migration of the guest to that host finds
   * the pending one by name and settles it before its prepare; workflows that began earlier replay
   * the per-run names.
   */
  static final String ONE_CLEANUP_PER_HOST_CHANGE = "one-cleanup-per-guest-and-host";

  /**
   * A destination that refuses ferry's login is not away for a while: a cleanup waiting for it
   * would fail at its first attempt. The migration then ends needing attention, naming the host and
   * the login; workflows that handed such a cleanup over before replay as they ran.
   */
  static final String REFUSED_LOGIN_CHANGE = "prepare-undo-refused-login";

  static final String REMOVED = "rollbackPrepare: removed pre-created images and reservation";

  private final MigrationActivities bounded;
  private final MigrationActivities unbounded;

  /**
   * @param bounded gives up after a few minutes ({@link ActivityPolicies#rollbackPrepare()})
   * @param unbounded the rollback's own budget, for workflows replaying the earlier code
   */
  PrepareUndo(MigrationActivities bounded, MigrationActivities unbounded) {
    this.bounded = bounded;
    this.unbounded = unbounded;
  }

  /** Undoes the plan's prepare now or hands it over; returns the compensation's description. */
  String undo(MigrationPlan plan) {
    int version = Workflow.getVersion(HANDOVER_CHANGE, Workflow.DEFAULT_VERSION, 1);
    if (version == Workflow.DEFAULT_VERSION) {
      unbounded.rollbackPrepare(plan);
      return REMOVED;
    }
    try {
      bounded.rollbackPrepare(plan);
      return REMOVED;
    } catch (ActivityFailure e) {
      FailureType type = FailureText.of(e).type();
      if (type == FailureType.NEEDS_ATTENTION
          || (type == FailureType.AUTH_FAILED
              && Workflow.getVersion(REFUSED_LOGIN_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1)) {
        throw e;
      }
      return handOver(plan, FailureText.of(e).reason());
    }
  }

  private static String handOver(MigrationPlan plan, String why) {
    String id =
        Workflow.getVersion(ONE_CLEANUP_PER_HOST_CHANGE, Workflow.DEFAULT_VERSION, 1)
                == Workflow.DEFAULT_VERSION
            ? PreparedCleanupWorkflow.legacyIdFor(
                plan.vm(), plan.destination(), Workflow.getInfo().getRunStartedTimestampMillis())
            : PreparedCleanupWorkflow.idFor(plan.vm(), plan.destination());
    PreparedCleanupWorkflow cleanup =
        Workflow.newChildWorkflowStub(
            PreparedCleanupWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(id)
                // It must outlive this migration: that is its point.
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .build());
    Async.procedure(cleanup::clean, plan);
    // Started before the migration closes, or an abandoned child would never start at all.
    Workflow.getWorkflowExecution(cleanup).get();
    return "rollbackPrepare: "
        + plan.destination()
        + " did not answer ("
        + why
        + "); workflow "
        + id
        + " removes the pre-created images and the reservation once it does";
  }
}
