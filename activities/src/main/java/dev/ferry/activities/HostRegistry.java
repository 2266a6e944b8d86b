package dev.ferry.activities;

import dev.ferry.config.HostConfig;
import dev.ferry.config.Inventory;
import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import dev.ferry.hypervisor.Hypervisor;
import dev.ferry.hypervisor.HypervisorFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The worker's hosts: inventory entries and one open hypervisor per host, reused by every activity.
 * This is where host names from workflow inputs become URIs and credentials, which never leave the
 * worker.
 */
public final class HostRegistry {
  private final Inventory inventory;
  private final Map<String, Hypervisor> hypervisors = new LinkedHashMap<>();

  public HostRegistry(Inventory inventory, List<HypervisorFactory> drivers) {
    this.inventory = inventory;
    for (HostConfig host : inventory.hosts()) {
      HypervisorFactory driver =
          drivers.stream()
              .filter(d -> d.accepts(host.uri()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "no driver in this worker for host "
                              + host.name()
                              + " (URI scheme of "
                              + host.uri()
                              + ")"));
      hypervisors.put(host.name(), driver.open(host));
    }
  }

  public Inventory inventory() {
    return inventory;
  }

  /** The host's hypervisor; refuses names the inventory does not have. */
  public Hypervisor get(String name) {
    Hypervisor hypervisor = hypervisors.get(name);
    if (hypervisor == null) {
      throw new FerryException(
          FailureType.HOST_NOT_FOUND,
          "host '" + name + "' is not in the inventory; known hosts: " + inventory.hostNames());
    }
    return hypervisor;
  }

  public HostConfig config(String name) {
    return inventory
        .host(name)
        .orElseThrow(
            () ->
                new FerryException(
                    FailureType.HOST_NOT_FOUND,
                    "host '"
                        + name
                        + "' is not in the inventory; known hosts: "
                        + inventory.hostNames()));
  }

  public List<String> names() {
    return inventory.hostNames();
  }
}
