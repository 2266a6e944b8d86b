package dev.ferry.inventory;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;

/** One activity call; hosts that do not answer are reported unreachable, not retried forever. */
public class HostsWorkflowImpl implements HostsWorkflow {
  private final InventoryActivities inventory =
      Workflow.newActivityStub(
          InventoryActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(60))
              .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(2).build())
              .build());

  @Override
  public List<HostStatus> describe() {
    return inventory.describeHosts();
  }
}
