package dev.ferry.client;

import dev.ferry.convergence.JobStats;
import dev.ferry.migration.MigrationOutcome;
import dev.ferry.migration.MigrationProgress;
import dev.ferry.migration.PerformHeartbeat;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.util.Optional;

/**
 * Reads a migration's state through the client API only, as the Temporal UI does: its status, the
 * {@code progress} query and the perform activity's last heartbeat.
 */
public final class WorkflowInspector {
  private final WorkflowClient client;

  public WorkflowInspector(WorkflowClient client) {
    this.client = client;
  }

  /** Accepts a workflow id or a VM name, whichever exists. */
  public String resolveId(String idOrVm) {
    if (describe(idOrVm).isPresent()) {
      return idOrVm;
    }
    String asVm = dev.ferry.migration.MigrationRequest.workflowIdFor(idOrVm);
    if (!idOrVm.startsWith("migration-") && describe(asVm).isPresent()) {
      return asVm;
    }
    throw new RefusedException(
        RefusedException.Kind.NOT_FOUND,
        "id",
        "no migration '" + idOrVm + "': give a workflow id (see 'ferry list') or a VM name");
  }

  public Optional<DescribeWorkflowExecutionResponse> describe(String workflowId) {
    try {
      return Optional.of(
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                      .build()));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND
          || e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
        return Optional.empty();
      }
      throw e;
    }
  }

  public boolean running(DescribeWorkflowExecutionResponse description) {
    return description.getWorkflowExecutionInfo().getStatus()
        == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  public String status(DescribeWorkflowExecutionResponse description) {
    return description
        .getWorkflowExecutionInfo()
        .getStatus()
        .name()
        .replace("WORKFLOW_EXECUTION_STATUS_", "")
        .toLowerCase(java.util.Locale.ROOT);
  }

  /** The progress query's answer, or empty if no worker answers it. */
  public Optional<MigrationProgress> progress(String workflowId) {
    try {
      return Optional.of(
          client.newUntypedWorkflowStub(workflowId).query("progress", MigrationProgress.class));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The outcome of a closed migration. */
  public MigrationOutcome outcome(String workflowId) {
    WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
    return stub.getResult(MigrationOutcome.class);
  }

  /**
   * The last job statistics the perform activity heartbeated, if it is running: fresher than the
   * figures in the {@code progress} query, which the activity reports less often.
   */
  public Optional<JobStats> liveStats(DescribeWorkflowExecutionResponse description) {
    for (PendingActivityInfo activity : description.getPendingActivitiesList()) {
      if (activity.getActivityType().getName().equals("MigrationPerform")
          && activity.hasHeartbeatDetails()
          && activity.getHeartbeatDetails().getPayloadsCount() > 0) {
        try {
          PerformHeartbeat heartbeat =
              client
                  .getOptions()
                  .getDataConverter()
                  .fromPayloads(
                      0,
                      Optional.of(activity.getHeartbeatDetails()),
                      PerformHeartbeat.class,
                      PerformHeartbeat.class);
          return Optional.ofNullable(heartbeat).map(PerformHeartbeat::stats);
        } catch (RuntimeException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
