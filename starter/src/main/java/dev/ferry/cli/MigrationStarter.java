package dev.ferry.cli;

import dev.ferry.migration.MigrationRequest;
import dev.ferry.migration.MigrationWorkflow;
import dev.ferry.worker.TemporalSettings;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;

/** Starts migration workflows: one open migration per VM, by workflow id. */
final class MigrationStarter {
  private MigrationStarter() {}

  /**
   * Starts the migration and returns its workflow id.
   *
   * @throws RefusedException if the VM is already migrating
   */
  static String start(WorkflowClient client, MigrationRequest request) {
    MigrationWorkflow workflow =
        client.newWorkflowStub(
            MigrationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(request.workflowId())
                .setTaskQueue(TemporalSettings.TASK_QUEUE)
                // A finished migration of the VM does not block the next one; a running one does.
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
                .build());
    try {
      WorkflowClient.start(workflow::migrate, request);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new RefusedException(
          "VM '"
              + request.vm()
              + "' is already migrating (workflow "
              + request.workflowId()
              + "): follow it with 'ferry watch "
              + request.workflowId()
              + "' or stop it with 'ferry cancel "
              + request.workflowId()
              + "'");
    }
    return request.workflowId();
  }
}
