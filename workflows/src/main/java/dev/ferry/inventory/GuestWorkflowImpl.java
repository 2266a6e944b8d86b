package dev.ferry.inventory;

import java.util.List;

/** One read-only activity call; an unreachable host is reported as such, not waited for. */
public class GuestWorkflowImpl implements GuestWorkflow {
  private final InventoryActivities inventory = InventoryStub.create();

  @Override
  public List<GuestSighting> find(List<String> names) {
    return inventory.findGuest(names);
  }
}
