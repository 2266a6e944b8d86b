package dev.ferry.activities;

import dev.ferry.config.HostConfig;
import dev.ferry.failure.FerryException;
import dev.ferry.hypervisor.HostFacts;
import dev.ferry.hypervisor.Hypervisor;
import dev.ferry.inventory.GuestSighting;
import dev.ferry.inventory.HostStatus;
import dev.ferry.inventory.InventoryActivities;
import dev.ferry.reconcile.DomainObservation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

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

  /**
   * Looks on every hypervisor once: inventory entries that share a URI (an alias with other limits)
   * are one host, and a guest seen through both would look as if it ran twice. The first entry
   * names it.
   */
  @Override
  public List<GuestSighting> findGuest(List<String> names) {
    List<CompletableFuture<GuestSighting>> reads = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (HostConfig config : hosts.inventory().hosts()) {
      if (!seen.add(config.uri())) {
        continue;
      }
      for (String name : names) {
        reads.add(ParallelReads.start(() -> sighting(config.name(), name)));
      }
    }
    return reads.stream().map(ParallelReads::await).toList();
  }

  private GuestSighting sighting(String host, String name) {
    try {
      return new GuestSighting(host, name, true, null, hosts.get(host).observe(name));
    } catch (FerryException e) {
      return new GuestSighting(host, name, false, e.getMessage(), DomainObservation.absent());
    }
  }
}
