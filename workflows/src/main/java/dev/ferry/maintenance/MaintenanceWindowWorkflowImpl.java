package dev.ferry.maintenance;

import dev.ferry.evacuation.EvacuationProgress;
import dev.ferry.evacuation.EvacuationRequest;
import dev.ferry.evacuation.EvacuationWorkflow;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Waits for the start, opens the window, runs the evacuation to the end, and reports. */
public class MaintenanceWindowWorkflowImpl implements MaintenanceWindowWorkflow {
  private WindowRequest request;
  private WindowPhase phase = WindowPhase.WAITING;
  private Instant start;
  private Instant end;
  private Instant openedAt;
  private String evacuationId;
  private EvacuationProgress evacuation;
  private String cancelReason;

  @Override
  public WindowReport run(WindowRequest request) {
    this.request = request;
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    start = request.start() != null ? request.start() : now;
    end = request.end() != null ? request.end() : start.plus(request.length());
    Duration wait = Duration.between(now, start);
    if (!wait.isNegative() && !wait.isZero()) {
      Workflow.await(wait, () -> cancelReason != null);
    }
    if (cancelReason != null) {
      phase = WindowPhase.CANCELLED;
      return status();
    }
    phase = WindowPhase.OPEN;
    openedAt = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    request.hosts().forEach(this::enterMaintenance);
    EvacuationRequest evacuate = evacuation();
    evacuationId = evacuate.workflowId();
    EvacuationWorkflow child =
        Workflow.newChildWorkflowStub(
            EvacuationWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(evacuationId)
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .build());
    Promise<EvacuationProgress> result = Async.function(child::evacuate, evacuate);
    boolean forwarded = false;
    while (!result.isCompleted()) {
      // Bounded by the evacuation, which ends at the window's end plus its migrations in flight.
      Workflow.await(() -> result.isCompleted() || cancelReason != null);
      if (cancelReason != null && !forwarded) {
        forwarded = true;
        child.cancel("window " + request.name() + " cancelled: " + cancelReason);
      }
      if (forwarded) {
        Workflow.await(result::isCompleted);
      }
    }
    evacuation = result.get();
    phase = WindowPhase.CLOSED;
    return status();
  }

  /** The batch id is the window's and its opening time, unique across a schedule's runs. */
  private EvacuationRequest evacuation() {
    String batchId = "window-" + request.name() + "-" + openedAt.getEpochSecond();
    return EvacuationRequest.builder(batchId, request.hosts())
        .destinations(request.destinations())
        .limits(request.limits())
        .deadline(end)
        .atDeadline(request.onEnd())
        .onCancel(request.onEnd())
        .options(request.options())
        .build();
  }

  /** Starts the host's maintenance workflow; a host already in maintenance stays so. */
  private void enterMaintenance(String host) {
    HostMaintenanceWorkflow maintenance =
        Workflow.newChildWorkflowStub(
            HostMaintenanceWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(HostMaintenanceWorkflow.workflowIdFor(host))
                // The host stays in maintenance after the window: only an operator ends it.
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .build());
    Async.function(
        maintenance::hold,
        new MaintenanceRequest(host, "maintenance window " + request.name(), null));
    try {
      Workflow.getWorkflowExecution(maintenance).get();
    } catch (ChildWorkflowFailure alreadyInMaintenance) {
      // Already open: the host is in maintenance, which is all the window needs.
    }
  }

  @Override
  public void cancel(String reason) {
    cancelReason = reason == null || reason.isBlank() ? "requested" : reason;
  }

  @Override
  public WindowReport status() {
    return new WindowReport(
        request == null ? null : request.name(),
        phase,
        request == null ? List.of() : request.hosts(),
        start,
        end,
        openedAt,
        evacuationId,
        evacuation,
        cancelReason == null ? "" : "cancelled: " + cancelReason);
  }
}
