package dev.ferry.activities;

import dev.ferry.maintenance.HostMaintenanceWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;

/**
 * A host is in maintenance while its {@code host-maintenance-<host>} workflow is open. Asked with a
 * describe call, which needs no worker to answer (a query would).
 */
public final class WorkflowMaintenanceLookup implements MaintenanceLookup {
  private final WorkflowClient client;

  public WorkflowMaintenanceLookup(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public boolean inMaintenance(String host) {
    try {
      return client
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(
                          WorkflowExecution.newBuilder()
                              .setWorkflowId(HostMaintenanceWorkflow.workflowIdFor(host)))
                      .build())
              .getWorkflowExecutionInfo()
              .getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }
}
