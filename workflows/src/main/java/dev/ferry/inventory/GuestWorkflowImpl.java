package dev.ferry.inventory;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;

/** One read-only activity call; an unreachable host is reported as such, not waited for. */
public class GuestWorkflowImpl implements GuestWorkflow {
  private final InventoryActivities inventory =
      Workflow.newActivityStub(
          InventoryActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(60))
              .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(2).build())
              .build());

  @Override
  public List<GuestSighting> find(List<String> names) {
    return inventory.findGuest(names);
  }
}
