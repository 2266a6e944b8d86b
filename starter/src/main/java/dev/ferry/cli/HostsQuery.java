package dev.ferry.cli;

import dev.ferry.inventory.HostStatus;
import dev.ferry.inventory.HostsWorkflow;
import dev.ferry.worker.TemporalSettings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Asks a worker for every host's status. Through a workflow rather than a direct connection,
 * because only workers hold host credentials.
 */
public final class HostsQuery {
  private HostsQuery() {}

  /**
   * The hosts as a worker sees them now.
   *
   * @param patience how long to wait for a worker to answer before failing
   */
  public static List<HostStatus> describe(WorkflowClient client, Duration patience) {
    HostsWorkflow workflow =
        client.newWorkflowStub(
            HostsWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("hosts-" + UUID.randomUUID())
                .setTaskQueue(TemporalSettings.TASK_QUEUE)
                // No worker means no answer: say so instead of waiting forever.
                .setWorkflowExecutionTimeout(patience)
                .build());
    return workflow.describe();
  }
}
