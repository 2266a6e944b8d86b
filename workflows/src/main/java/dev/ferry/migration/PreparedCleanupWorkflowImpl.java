package dev.ferry.migration;

import io.temporal.workflow.Workflow;

/** One activity, retried until the destination answers (see {@link ActivityPolicies}). */
public class PreparedCleanupWorkflowImpl implements PreparedCleanupWorkflow {

  @Override
  public void clean(MigrationPlan plan) {
    Workflow.newActivityStub(MigrationActivities.class, ActivityPolicies.preparedCleanup())
        .rollbackPrepare(plan);
  }
}
