package dev.ferry.maintenance;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One maintenance window: a durable timer until its start, then the hosts enter maintenance and an
 * evacuation with the window's end as deadline runs as a child. Recurring windows are Temporal
 * Schedules that start this workflow at every occurrence.
 */
@WorkflowInterface
public interface MaintenanceWindowWorkflow {
  @WorkflowMethod(name = "MaintenanceWindow")
  WindowReport run(WindowRequest request);

  /**
   * Before the start: the window closes and nothing changes. While open: the evacuation is
   * cancelled as its policy says; the hosts stay in maintenance.
   */
  @SignalMethod(name = "cancel")
  void cancel(String reason);

  @QueryMethod(name = "status")
  WindowReport status();
}
