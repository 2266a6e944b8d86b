package dev.ferry.client;

import dev.ferry.evacuation.EvacuationLimits;
import dev.ferry.evacuation.EvacuationRequest;
import dev.ferry.maintenance.HostMaintenanceWorkflow;
import dev.ferry.maintenance.MaintenanceRequest;
import dev.ferry.maintenance.MaintenanceState;
import dev.ferry.registration.TaskQueues;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A host's durable maintenance state, for {@code ferry host maintenance} and the HTTP API alike:
 * the workflow {@code host-maintenance-HOST} is open exactly while the host is in maintenance. Host
 * names were checked before they reach here.
 */
public final class HostMaintenance {
  private static final Duration LEAVE_PATIENCE = Duration.ofSeconds(10);

  private HostMaintenance() {}

  /**
   * Puts the host in maintenance; with {@code evacuation} limits, also drains it.
   *
   * @param evacuation the limits to drain it under, or empty to leave its guests where they are
   * @return the workflow id of the evacuation it starts, if it starts one
   * @throws RefusedException of kind {@code CONFLICT} when it is already in maintenance
   */
  public static Optional<String> enter(
      WorkflowClient client, String host, String reason, Optional<EvacuationLimits> evacuation) {
    String id = HostMaintenanceWorkflow.workflowIdFor(host);
    if (isOpen(client, id)) {
      throw alreadyIn(host);
    }
    EvacuationRequest drain =
        evacuation
            .map(
                limits ->
                    EvacuationRequest.builder(
                            "maint-" + host + "-" + Instant.now().getEpochSecond(), List.of(host))
                        .limits(limits)
                        .build())
            .orElse(null);
    HostMaintenanceWorkflow maintenance =
        client.newWorkflowStub(
            HostMaintenanceWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setTaskQueue(TaskQueues.FERRY)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
                .setStaticSummary("host " + host + " in maintenance")
                .build());
    try {
      WorkflowClient.start(maintenance::hold, new MaintenanceRequest(host, reason, drain));
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw alreadyIn(host);
    }
    return Optional.ofNullable(drain).map(EvacuationRequest::workflowId);
  }

  /**
   * The host may receive guests again; an evacuation it started goes on. Waits a few seconds for a
   * worker to close the maintenance workflow, so a state read afterwards says so; without a worker
   * the signal stays recorded and takes effect once one runs.
   *
   * @throws RefusedException of kind {@code CONFLICT} when it is not in maintenance
   */
  public static void leave(WorkflowClient client, String host, String reason) {
    String id = HostMaintenanceWorkflow.workflowIdFor(host);
    if (!isOpen(client, id)) {
      throw new RefusedException(
          RefusedException.Kind.CONFLICT, "host", "host " + host + " is not in maintenance");
    }
    client.newWorkflowStub(HostMaintenanceWorkflow.class, id).leave(reason);
    try {
      client
          .newUntypedWorkflowStub(id)
          .getResult(LEAVE_PATIENCE.toMillis(), TimeUnit.MILLISECONDS, MaintenanceState.class);
    } catch (TimeoutException | RuntimeException notYet) {
      // Recorded: the host leaves maintenance as soon as a worker handles the signal.
    }
  }

  /**
   * {@code host}, {@code inMaintenance} and, while in maintenance, {@code since}, {@code reason}
   * and {@code evacuationId} (once a worker answered).
   */
  public static Map<String, Object> state(WorkflowClient client, String host) {
    String id = HostMaintenanceWorkflow.workflowIdFor(host);
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("host", host);
    boolean open = isOpen(client, id);
    view.put("inMaintenance", open);
    if (open) {
      try {
        MaintenanceState state = client.newWorkflowStub(HostMaintenanceWorkflow.class, id).state();
        view.put("since", String.valueOf(state.since()));
        view.put("reason", state.reason());
        view.put("evacuationId", state.evacuationId());
      } catch (RuntimeException noWorkerYet) {
        // The state is durable; only its details wait for a worker to answer.
      }
    }
    return view;
  }

  static boolean isOpen(WorkflowClient client, String id) {
    return new WorkflowInspector(client)
        .describe(id)
        .map(
            d ->
                d.getWorkflowExecutionInfo().getStatus()
                    == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
        .orElse(false);
  }

  private static RefusedException alreadyIn(String host) {
    return new RefusedException(
        RefusedException.Kind.CONFLICT, "host", "host " + host + " is already in maintenance");
  }
}
