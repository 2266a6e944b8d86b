package dev.ferry.inventory;

import java.util.List;

/** One activity call; hosts that do not answer are reported unreachable, not retried forever. */
public class HostsWorkflowImpl implements HostsWorkflow {
  private final InventoryActivities inventory = InventoryStub.create();

  @Override
  public List<HostStatus> describe() {
    return inventory.describeHosts();
  }
}
