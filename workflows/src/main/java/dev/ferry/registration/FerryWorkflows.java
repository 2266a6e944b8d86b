package dev.ferry.registration;

import dev.ferry.evacuation.EvacuationWorkflowImpl;
import dev.ferry.inventory.GuestWorkflowImpl;
import dev.ferry.inventory.HostsWorkflowImpl;
import dev.ferry.maintenance.HostMaintenanceWorkflowImpl;
import dev.ferry.maintenance.MaintenanceWindowWorkflowImpl;
import dev.ferry.migration.MigrationWorkflowImpl;
import dev.ferry.migration.PreparedCleanupWorkflowImpl;
import dev.ferry.validation.InvalidInputException;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;

/**
 * Every ferry workflow, registered on a worker with the options it needs. The one place workers
 * register them: {@code ferry worker}, the demo, the benchmark and the tests' workers.
 *
 * <p>By default an exception thrown from workflow code fails only the workflow task, and Temporal
 * retries that task for ever: the workflow neither moves on nor ends. In an evacuation or a
 * maintenance window, an {@link InvalidInputException} from workflow code is a value ferry's
 * validator refuses while the workflow builds a request (from what the hosts hold, or from its own
 * input), and no retry makes it valid: that one workflow fails, with the validator's message.
 * Anything else, such as a replay that no longer matches its history after a bad deploy, is still
 * retried, so a fixed worker can take the workflow over. Migrations keep the default: a migration
 * may be past its commit point, and only a worker finishing it leaves the guest safe.
 */
public final class FerryWorkflows {
  private FerryWorkflows() {}

  /** Options of the workflows that drain hosts: a refused value fails the workflow. */
  public static WorkflowImplementationOptions draining() {
    return WorkflowImplementationOptions.newBuilder()
        .setFailWorkflowExceptionTypes(InvalidInputException.class)
        .build();
  }

  /** Registers every ferry workflow on the worker. */
  public static void register(Worker worker) {
    worker.registerWorkflowImplementationTypes(
        MigrationWorkflowImpl.class,
        PreparedCleanupWorkflowImpl.class,
        HostsWorkflowImpl.class,
        GuestWorkflowImpl.class,
        HostMaintenanceWorkflowImpl.class);
    worker.registerWorkflowImplementationTypes(
        draining(), EvacuationWorkflowImpl.class, MaintenanceWindowWorkflowImpl.class);
  }
}
