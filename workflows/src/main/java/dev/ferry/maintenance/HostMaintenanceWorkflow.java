package dev.ferry.maintenance;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A host's maintenance state, durable: the workflow {@code host-maintenance-<host>} is open exactly
 * while the host is in maintenance, so placement asks whether it runs. Entering can start an
 * evacuation, which outlives it.
 */
@WorkflowInterface
public interface HostMaintenanceWorkflow {
  /** The workflow id that holds the host's maintenance state. */
  static String workflowIdFor(String host) {
    return "host-maintenance-" + host;
  }

  /** Holds the host in maintenance until {@link #leave}; returns the final state. */
  @WorkflowMethod(name = "HostMaintenance")
  MaintenanceState hold(MaintenanceRequest request);

  /** The host leaves maintenance and may receive guests again. */
  @SignalMethod(name = "leave")
  void leave(String reason);

  @QueryMethod(name = "state")
  MaintenanceState state();
}
