package dev.ferry.cli;

import dev.ferry.config.Inventory;
import dev.ferry.migration.MigrationRequest;
import dev.ferry.migration.MigrationWorkflow;
import dev.ferry.options.OptionRules;
import dev.ferry.worker.TemporalSettings;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.util.List;
import java.util.Optional;

/**
 * Checks and starts migration workflows, for the CLI and the HTTP API alike: one open migration per
 * VM, by workflow id.
 */
public final class MigrationStarter {
  private MigrationStarter() {}

  /**
   * Refuses a request that cannot work, before anything starts: options that contradict each other
   * (every conflict named), hosts the inventory does not have. Names and values were checked when
   * the request was built.
   *
   * @param inventory the inventory if this process has one; without it the worker checks hosts
   * @throws RefusedException of kind {@code INVALID} or {@code NOT_FOUND}
   */
  public static void check(MigrationRequest request, Optional<Inventory> inventory) {
    List<String> conflicts = OptionRules.conflicts(request.options());
    if (!conflicts.isEmpty()) {
      throw new RefusedException(RefusedException.Kind.INVALID, null, String.join("; ", conflicts));
    }
    inventory.ifPresent(
        known -> {
          requireHost(known, "destination", request.destination());
          requireHost(known, "source", request.source());
        });
  }

  private static void requireHost(Inventory inventory, String field, String host) {
    if (host != null && inventory.host(host).isEmpty()) {
      throw new RefusedException(
          RefusedException.Kind.NOT_FOUND,
          field,
          "host '" + host + "' is not in the inventory; known hosts: " + inventory.hostNames());
    }
  }

  /**
   * Starts the migration and returns its workflow id.
   *
   * @throws RefusedException of kind {@code CONFLICT} if the VM is already migrating
   */
  public static String start(WorkflowClient client, MigrationRequest request) {
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
          RefusedException.Kind.CONFLICT,
          "vm",
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
