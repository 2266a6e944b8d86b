package dev.ferry.maintenance;

import dev.ferry.evacuation.EvacuationWorkflow;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Instant;

/**
 * Waits for the host to leave maintenance. Its history is a handful of events however long the host
 * stays, so it never needs to continue as new. Waiting without a timeout is the point here: the
 * host stays in maintenance until an operator says otherwise.
 */
public class HostMaintenanceWorkflowImpl implements HostMaintenanceWorkflow {
  private MaintenanceRequest request;
  private Instant since;
  private Instant until;
  private String evacuationId;
  private boolean left;

  @Override
  public MaintenanceState hold(MaintenanceRequest request) {
    this.request = request;
    since = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    if (request.evacuation() != null) {
      evacuationId = request.evacuation().workflowId();
      EvacuationWorkflow evacuation =
          Workflow.newChildWorkflowStub(
              EvacuationWorkflow.class,
              ChildWorkflowOptions.newBuilder()
                  .setWorkflowId(evacuationId)
                  // The evacuation goes on if the host leaves maintenance; cancel it for that.
                  .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                  .build());
      Async.function(evacuation::evacuate, request.evacuation());
      try {
        Workflow.getWorkflowExecution(evacuation).get();
      } catch (ChildWorkflowFailure alreadyRunning) {
        evacuationId = evacuationId + " (already running)";
      }
    }
    Workflow.await(() -> left);
    until = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    return state();
  }

  @Override
  public void leave(String reason) {
    left = true;
  }

  @Override
  public MaintenanceState state() {
    return new MaintenanceState(
        request == null ? null : request.host(),
        !left,
        since,
        until,
        request == null ? "" : request.reason(),
        evacuationId);
  }
}
