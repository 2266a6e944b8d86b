package dev.ferry.cli;

import dev.ferry.inventory.HostStatus;
import dev.ferry.inventory.HostsWorkflow;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;

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
    return WorkerQuestion.stub(client, HostsWorkflow.class, "hosts", patience).describe();
  }
}
