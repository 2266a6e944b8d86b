package dev.ferry.inventory;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/** Read-only questions about the inventory, answered by a worker, which holds the credentials. */
@ActivityInterface(namePrefix = "Inventory")
public interface InventoryActivities {
  /** Every host with its health and capacity. Changes nothing. */
  List<HostStatus> describeHosts();

  /** What every host holds under each of the names, one sighting per host and name. */
  List<GuestSighting> findGuest(List<String> names);
}
