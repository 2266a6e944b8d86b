package dev.ferry.inventory;

import dev.ferry.policy.ActivityPolicies;
import io.temporal.workflow.Workflow;

/**
 * The inventory activities as the question workflows call them: one read, one retry, then the
 * answer or the error ({@link ActivityPolicies#inventoryRead()}).
 */
final class InventoryStub {
  private InventoryStub() {}

  static InventoryActivities create() {
    return Workflow.newActivityStub(InventoryActivities.class, ActivityPolicies.inventoryRead());
  }
}
