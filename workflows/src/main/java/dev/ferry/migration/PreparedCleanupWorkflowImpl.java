package dev.ferry.migration;

import dev.ferry.failure.FailureType;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.policy.ActivityPolicies;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;

/**
 * One activity, retried until the destination answers (see {@link ActivityPolicies}), with the
 * summary the migration's own undo of prepare shows; cleanups started before it had one replay
 * without it.
 */
public class PreparedCleanupWorkflowImpl implements PreparedCleanupWorkflow {

  @Override
  public void clean(MigrationPlan plan) {
    ActivityOptions options =
        InspectionUpdates.start()
            .summarized(
                ActivityPolicies.preparedCleanup(),
                MigrationWorkflowImpl.undoPrepareSummary(plan.vm(), plan.destination()));
    try {
      Workflow.newActivityStub(MigrationActivities.class, options).rollbackPrepare(plan);
    } catch (ActivityFailure e) {
      FailureText failure = FailureText.of(e);
      if (failure.type() != FailureType.AUTH_FAILED) {
        throw e;
      }
      // The host answers but refuses the login: no retry fixes that, so a person is asked to.
      throw ApplicationFailure.newNonRetryableFailure(
          "the images prepared for "
              + plan.vm()
              + " on "
              + plan.destination()
              + " were not removed: "
              + failure.reason(),
          FailureType.NEEDS_ATTENTION.name());
    }
  }
}
