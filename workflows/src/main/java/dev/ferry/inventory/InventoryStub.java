package dev.ferry.inventory;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * The inventory activities as the question workflows call them: one read, one retry, then the
 * answer or the error; an operator waiting at a prompt is better served by an error than a wait.
 */
final class InventoryStub {
  private InventoryStub() {}

  static InventoryActivities create() {
    return Workflow.newActivityStub(
        InventoryActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(60))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(2).build())
            .build());
  }
}
