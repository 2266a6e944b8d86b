package dev.ferry.cli;

import dev.ferry.migration.MigrationInspection;
import dev.ferry.migration.MigrationRequest;
import dev.ferry.migration.MigrationWorkflow;
import dev.ferry.worker.TemporalSettings;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import java.util.Locale;

/** Starts migration workflows: one open migration per VM, by workflow id. */
final class MigrationStarter {
  private MigrationStarter() {}

  /**
   * Starts the migration and returns its workflow id. On a cluster that lacks ferry's search
   * attributes the migration starts without them, with a warning: it runs the same, but cannot be
   * filtered on in the Temporal UI.
   *
   * @throws RefusedException if the VM is already migrating
   */
  static String start(WorkflowClient client, MigrationRequest request) {
    try {
      return start(client, request, true);
    } catch (WorkflowServiceException e) {
      if (!missingSearchAttributes(e)) {
        throw e;
      }
      System.err.println(
          "ferry: warning: the Temporal namespace lacks ferry's search attributes (see the"
              + " README, 'Inspection'); migrating without them");
      return start(client, request, false);
    }
  }

  private static String start(
      WorkflowClient client, MigrationRequest request, boolean searchAttributes) {
    WorkflowOptions.Builder options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(request.workflowId())
            .setTaskQueue(TemporalSettings.TASK_QUEUE)
            // A finished migration of the VM does not block the next one; a running one does.
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
            .setMemo(MigrationInspection.memo(request))
            .setStaticSummary(MigrationInspection.summary(request));
    if (searchAttributes) {
      options.setTypedSearchAttributes(MigrationInspection.atStart(request));
    }
    MigrationWorkflow workflow = client.newWorkflowStub(MigrationWorkflow.class, options.build());
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

  private static boolean missingSearchAttributes(WorkflowServiceException e) {
    return e.getCause() instanceof StatusRuntimeException grpc
        && grpc.getStatus().getCode() == Status.Code.INVALID_ARGUMENT
        && String.valueOf(grpc.getStatus().getDescription())
            .toLowerCase(Locale.ROOT)
            .contains("search attribute");
  }
}
