package dev.ferry.client;

import dev.ferry.evacuation.EvacuationRequest;
import dev.ferry.evacuation.EvacuationWorkflow;
import dev.ferry.migration.MigrationInspection;
import dev.ferry.registration.TaskQueues;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Checks and starts evacuations, for {@code ferry evacuate} and the HTTP API alike: one open
 * evacuation per batch id.
 */
public final class EvacuationStarter {
  private EvacuationStarter() {}

  /** The batch id of an evacuation not given one: its first host and the second it started. */
  public static String defaultBatchId(List<String> hosts, Instant now) {
    return "evac-" + hosts.get(0) + "-" + now.getEpochSecond();
  }

  /**
   * Refuses hosts the inventory lacks ({@code NOT_FOUND}, under {@code hosts} or {@code to}) and
   * migration options that contradict each other.
   */
  public static void check(EvacuationRequest request, Optional<KnownHosts> inventory) {
    RefusedException.refuseConflicts(request.options());
    inventory.ifPresent(
        known -> {
          request.hosts().forEach(h -> known.require("hosts", h));
          request.destinations().forEach(h -> known.require("to", h));
        });
  }

  /**
   * Starts the evacuation; without ferry's search attributes on the namespace, without them.
   *
   * @throws RefusedException of kind {@code CONFLICT} when one with the batch id is running
   */
  public static String start(WorkflowClient client, EvacuationRequest request) {
    return MigrationStarter.withSearchAttributesIfKnown(
        "evacuating", attributes -> start(client, request, attributes));
  }

  private static String start(
      WorkflowClient client, EvacuationRequest request, boolean attributes) {
    WorkflowOptions.Builder options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(request.workflowId())
            .setTaskQueue(TaskQueues.FERRY)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
            .setStaticSummary("evacuate " + String.join(", ", request.hosts()));
    if (attributes) {
      options.setTypedSearchAttributes(
          SearchAttributes.newBuilder()
              .set(MigrationInspection.BATCH_ID, request.batchId())
              .build());
    }
    EvacuationWorkflow workflow = client.newWorkflowStub(EvacuationWorkflow.class, options.build());
    try {
      WorkflowClient.start(workflow::evacuate, request);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new RefusedException(
          RefusedException.Kind.CONFLICT,
          "id",
          "evacuation '"
              + request.batchId()
              + "' is already running as "
              + request.workflowId()
              + ": follow it (ferry evacuation status "
              + request.workflowId()
              + ", or GET /v1/evacuations/"
              + request.workflowId()
              + ") or pick another id");
    }
    return request.workflowId();
  }
}
