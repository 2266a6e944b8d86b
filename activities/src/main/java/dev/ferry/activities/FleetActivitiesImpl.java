package dev.ferry.activities;

import dev.ferry.config.HostConfig;
import dev.ferry.evacuation.FleetActivities;
import dev.ferry.evacuation.FleetSnapshot;
import dev.ferry.evacuation.GuestView;
import dev.ferry.evacuation.HostView;
import dev.ferry.failure.FerryException;
import dev.ferry.hypervisor.DiskFacts;
import dev.ferry.hypervisor.DiskSource;
import dev.ferry.hypervisor.DomainFacts;
import dev.ferry.hypervisor.HostFacts;
import dev.ferry.hypervisor.Hypervisor;
import dev.ferry.validation.InputValidator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the fleet for an evacuation: every host at once, then the guests of the drained hosts with
 * the hosts that can run each. CPU compatibility is asked once per host and CPU model, and disk
 * visibility once per path, so thousands of guests cost a few calls per host.
 */
public final class FleetActivitiesImpl implements FleetActivities {
  /** The label that puts a guest in an anti-affinity group. */
  public static final String ANTI_AFFINITY_LABEL = "antiAffinity";

  private final HostRegistry hosts;
  private final ReservationLedger reservations;
  private final MaintenanceLookup maintenance;

  public FleetActivitiesImpl(
      HostRegistry hosts, ReservationLedger reservations, MaintenanceLookup maintenance) {
    this.hosts = hosts;
    this.reservations = reservations;
    this.maintenance = maintenance;
  }

  @Override
  public FleetSnapshot snapshot(List<String> draining) {
    return ActivityErrors.translate(() -> read(draining));
  }

  private record HostRead(HostView view, HostFacts facts) {}

  private FleetSnapshot read(List<String> draining) {
    draining.forEach(hosts::get);
    Map<String, CompletableFuture<HostRead>> reads = new LinkedHashMap<>();
    for (HostConfig config : hosts.inventory().hosts()) {
      boolean drained = draining.contains(config.name());
      reads.put(config.name(), ParallelReads.start(() -> readHost(config, drained)));
    }
    Map<String, HostRead> read = new LinkedHashMap<>();
    reads.forEach((name, future) -> read.put(name, ParallelReads.await(future)));
    List<GuestView> guests = new ArrayList<>();
    Map<String, Boolean> cpuCache = new HashMap<>();
    Map<String, Boolean> sharedCache = new HashMap<>();
    for (String source : draining) {
      Hypervisor hypervisor = hosts.get(source);
      // A drained host that does not answer fails the read: its guests cannot be listed.
      for (String name : hypervisor.domainNames()) {
        hypervisor
            .domain(name)
            .ifPresent(
                vm -> guests.add(guest(source, vm, hypervisor, read, cpuCache, sharedCache)));
      }
    }
    return new FleetSnapshot(read.values().stream().map(HostRead::view).toList(), guests);
  }

  private HostRead readHost(HostConfig config, boolean drained) {
    Hypervisor hypervisor = hosts.get(config.name());
    boolean inMaintenance = maintenance.inMaintenance(config.name());
    try {
      HostFacts facts = hypervisor.facts();
      long free =
          config.usableFreeMemoryBytes(facts.memoryTotalBytes(), facts.memoryFreeBytes())
              - reservations.reservedOn(config.name(), "");
      List<String> groups = new ArrayList<>();
      if (!drained) {
        for (String vm : hypervisor.domainNames()) {
          String group = hypervisor.guestLabels(vm).get(ANTI_AFFINITY_LABEL);
          if (group != null) {
            groups.add(group);
          }
        }
      }
      HostView view =
          new HostView(
              config.name(),
              true,
              inMaintenance,
              facts.arch(),
              facts.hypervisorType(),
              Math.max(0, free),
              hypervisor.linkMiBps().orElse(null),
              groups);
      return new HostRead(view, facts);
    } catch (FerryException unreachable) {
      return new HostRead(
          new HostView(config.name(), false, inMaintenance, null, null, 0, null, List.of()), null);
    }
  }

  private GuestView guest(
      String source,
      DomainFacts vm,
      Hypervisor hypervisor,
      Map<String, HostRead> read,
      Map<String, Boolean> cpuCache,
      Map<String, Boolean> sharedCache) {
    List<String> compatible = new ArrayList<>();
    HostFacts sourceFacts = read.get(source).facts();
    String probe = null;
    for (HostRead candidate : read.values()) {
      HostFacts facts = candidate.facts();
      String name = candidate.view().name();
      if (facts == null || name.equals(source)) {
        continue;
      }
      probe = probe == null ? name : probe;
      boolean sameKind =
          Objects.equals(facts.arch(), vm.arch())
              && Objects.equals(facts.hypervisorType(), sourceFacts.hypervisorType());
      if (sameKind
          && cpuCache.computeIfAbsent(
              name + "/" + vm.cpuModel(), k -> hosts.get(name).canRunCpu(vm.cpuModel()))) {
        compatible.add(name);
      }
    }
    long local = 0;
    for (DiskFacts disk : vm.disks()) {
      if (disk.removable()
          || disk.path() == null
          || disk.source() == DiskSource.NETWORK
          || disk.source() == DiskSource.BLOCK) {
        continue; // never copied: a drive, remote storage, a device the check requires shared
      }
      String other = probe;
      boolean shared =
          other != null
              && sharedCache.computeIfAbsent(
                  disk.path(),
                  p ->
                      hosts
                          .get(other)
                          .volumeSize(p)
                          .map(size -> size == disk.capacityBytes())
                          .orElse(false));
      local += shared ? 0 : disk.capacityBytes();
    }
    boolean live = vm.observation().running() || vm.observation().paused();
    return new GuestView(
        vm.name(),
        source,
        live,
        vm.memoryBytes(),
        local,
        compatible,
        hypervisor.guestLabels(vm.name()).get(ANTI_AFFINITY_LABEL),
        unmovable(vm));
  }

  /**
   * Why ferry cannot move the guest anywhere, or null. A name ferry's validator refuses comes
   * first: libvirt allows white space and long names, but ferry's migration request does not, so
   * the evacuation reports such a guest here instead of failing as it builds the request.
   */
  static String unmovable(DomainFacts vm) {
    Optional<String> badName = InputValidator.nameProblem(vm.name());
    if (badName.isPresent()) {
      return "ferry cannot migrate it: its name "
          + InputValidator.shown(vm.name())
          + " is refused, "
          + badName.get()
          + "; rename the domain: "
          + InputValidator.NAME_RULE;
    }
    return vm.hostDevices().isEmpty()
        ? null
        : "owns passed-through host device(s) " + String.join(", ", vm.hostDevices());
  }
}
