package dev.ferry.client;

import dev.ferry.migration.MigrationInspection;
import dev.ferry.migration.MigrationRequest;
import dev.ferry.migration.MigrationWorkflow;
import dev.ferry.registration.TaskQueues;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks and starts migration workflows, for the CLI and the HTTP API alike: one open migration per
 * VM, by workflow id.
 */
public final class MigrationStarter {
  private static final Logger log = LoggerFactory.getLogger(MigrationStarter.class);

  private MigrationStarter() {}

  /**
   * Refuses a request that cannot work, before anything starts: options that contradict each other
   * (every conflict named), hosts the inventory does not have. Names and values were checked when
   * the request was built.
   *
   * @param inventory the inventory if this process has one; without it the worker checks hosts
   * @throws RefusedException of kind {@code INVALID} or {@code NOT_FOUND}
   */
  public static void check(MigrationRequest request, Optional<KnownHosts> inventory) {
    RefusedException.refuseConflicts(request.options());
    inventory.ifPresent(
        known -> {
          known.require("host", request.destination());
          known.require("source", request.source());
        });
  }

  /**
   * Starts the migration and returns its workflow id. On a cluster that lacks ferry's search
   * attributes the migration starts without them, with a warning: it runs the same, but cannot be
   * filtered on in the Temporal UI.
   *
   * @throws RefusedException of kind {@code CONFLICT} if the VM is already migrating
   */
  public static String start(WorkflowClient client, MigrationRequest request) {
    return withSearchAttributesIfKnown(
        "migrating", attributes -> start(client, request, attributes));
  }

  /**
   * Starts with ferry's search attributes, or, on a namespace that lacks them, warns (naming what
   * goes on without them) and starts again without.
   *
   * @param start starts the workflow, with the attributes or without; returns its id
   */
  static String withSearchAttributesIfKnown(String doing, Function<Boolean, String> start) {
    try {
      return start.apply(true);
    } catch (WorkflowServiceException e) {
      if (!missingSearchAttributes(e)) {
        throw e;
      }
      log.warn(
          "the Temporal namespace lacks ferry's search attributes (see the README, 'Inspection');"
              + " {} without them",
          doing);
      return start.apply(false);
    }
  }

  private static String start(
      WorkflowClient client, MigrationRequest request, boolean searchAttributes) {
    WorkflowOptions.Builder options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(request.workflowId())
            .setTaskQueue(TaskQueues.FERRY)
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
          RefusedException.Kind.CONFLICT,
          "name",
          "VM '"
              + request.vm()
              + "' is already migrating as "
              + request.workflowId()
              + ": follow or cancel that migration (ferry watch|cancel "
              + request.workflowId()
              + ", or GET|DELETE /v1/tasks/"
              + request.workflowId()
              + ")");
    }
    return request.workflowId();
  }

  /** Whether a start failed only because the namespace lacks ferry's search attributes. */
  static boolean missingSearchAttributes(WorkflowServiceException e) {
    return e.getCause() instanceof StatusRuntimeException grpc
        && grpc.getStatus().getCode() == Status.Code.INVALID_ARGUMENT
        && String.valueOf(grpc.getStatus().getDescription())
            .toLowerCase(Locale.ROOT)
            .contains("search attribute");
  }
}
