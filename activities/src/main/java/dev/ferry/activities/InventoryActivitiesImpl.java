package dev.ferry.activities;

import dev.ferry.config.HostConfig;
import dev.ferry.failure.FerryException;
import dev.ferry.hypervisor.HostFacts;
import dev.ferry.hypervisor.Hypervisor;
import dev.ferry.inventory.HostStatus;
import dev.ferry.inventory.InventoryActivities;
import java.util.ArrayList;
import java.util.List;

/** Host status from the worker's own connections. */
public final class InventoryActivitiesImpl implements InventoryActivities {
  private final HostRegistry hosts;
  private final ReservationLedger reservations;

  public InventoryActivitiesImpl(HostRegistry hosts, ReservationLedger reservations) {
    this.hosts = hosts;
    this.reservations = reservations;
  }

  @Override
  public List<HostStatus> describeHosts() {
    List<HostStatus> result = new ArrayList<>();
    for (HostConfig config : hosts.inventory().hosts()) {
      result.add(describe(config));
    }
    return result;
  }

  private HostStatus describe(HostConfig config) {
    String driver = config.simulated() ? "sim" : "libvirt";
    List<String> labels =
        config.labels().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .sorted()
            .toList();
    Hypervisor hypervisor = hosts.get(config.name());
    try {
      HostFacts facts = hypervisor.facts();
      long free =
          config.usableFreeMemoryBytes(facts.memoryTotalBytes(), facts.memoryFreeBytes())
              - reservations.reservedOn(config.name(), "");
      return new HostStatus(
          config.name(),
          driver,
          config.effectiveMigrationAddress(),
          true,
          null,
          facts.arch(),
          facts.cpuModel(),
          facts.memoryTotalBytes(),
          Math.max(0, free),
          hypervisor.domainNames(),
          labels);
    } catch (FerryException e) {
      return new HostStatus(
          config.name(),
          driver,
          config.effectiveMigrationAddress(),
          false,
          e.getMessage(),
          null,
          null,
          0,
          0,
          List.of(),
          labels);
    }
  }
}
