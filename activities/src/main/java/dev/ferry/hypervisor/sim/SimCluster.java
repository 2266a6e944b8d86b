package dev.ferry.hypervisor.sim;

import dev.ferry.config.HostConfig;
import dev.ferry.config.Inventory;
import dev.ferry.config.SimHostConfig;
import dev.ferry.config.SimVmConfig;
import dev.ferry.disk.BackingStore;
import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import dev.ferry.hypervisor.DiskFacts;
import dev.ferry.hypervisor.DiskSource;
import dev.ferry.hypervisor.SharedProbe;
import dev.ferry.reconcile.DomainState;
import dev.ferry.reconcile.PauseReason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole simulated fleet: hosts, their guests, shared storage and armed faults. One lock (this
 * object) guards all of it, so a migration moves a guest between hosts atomically.
 */
public final class SimCluster {
  private static final long MIB = 1024L * 1024L;

  final Map<String, SimHost> hosts = new LinkedHashMap<>();

  /** Images every host sees, by path. */
  final Map<String, Long> sharedVolumes = new LinkedHashMap<>();

  private final SimFaults faults;
  private final double speed;

  private SimCluster(double speed, SimFaults faults) {
    this.speed = speed;
    this.faults = faults;
  }

  /** Builds the simulated hosts and guests an inventory declares. */
  public static SimCluster from(Inventory inventory) {
    SimCluster cluster =
        new SimCluster(inventory.sim().speed(), SimFaults.from(inventory.sim().faults()));
    for (HostConfig host : inventory.hosts()) {
      if (host.simulated()) {
        SimHostConfig config = host.sim() == null ? SimHostConfig.defaults() : host.sim();
        cluster.hosts.put(host.name(), new SimHost(host.name(), config));
      }
    }
    for (SimVmConfig vm : inventory.vms()) {
      cluster.addVm(vm);
    }
    return cluster;
  }

  private void addVm(SimVmConfig config) {
    SimHost host = hosts.get(config.host());
    List<DiskFacts> disks = new ArrayList<>();
    for (SimVmConfig.SimDiskConfig disk : config.disks()) {
      long size = disk.sizeMiB() * MIB;
      BackingStore backing =
          disk.backing() == null ? null : new BackingStore(disk.backing(), disk.backingFormat());
      DiskSource source =
          switch (disk.type()) {
            case "file" -> DiskSource.FILE;
            case "block" -> DiskSource.BLOCK;
            case "network" -> DiskSource.NETWORK;
            default -> DiskSource.OTHER;
          };
      String detail =
          switch (source) {
            case NETWORK -> disk.protocol();
            case OTHER -> disk.type();
            default -> null;
          };
      disks.add(
          new DiskFacts(
              disk.target(),
              disk.path(),
              disk.format(),
              size,
              backing,
              source,
              disk.device(),
              detail));
      if (disk.path() == null || source == DiskSource.NETWORK || source == DiskSource.OTHER) {
        continue; // an empty drive, or storage no host holds as an image
      }
      Map<String, Long> volumes = disk.shared() ? sharedVolumes : host.localVolumes;
      volumes.put(disk.path(), size);
      if (backing != null) {
        volumes.putIfAbsent(backing.path(), size);
      }
    }
    DomainState state =
        switch (config.state()) {
          case "paused" -> DomainState.PAUSED;
          case "shut-off" -> DomainState.SHUT_OFF;
          default -> DomainState.RUNNING;
        };
    SimVm vm =
        new SimVm(
            config.name(),
            // Stable per name, so restarts of a sim worker see the same guests.
            UUID.nameUUIDFromBytes(config.name().getBytes(StandardCharsets.UTF_8)).toString(),
            host.arch,
            config.cpuModel() == null ? host.cpuModel : config.cpuModel(),
            config.memoryMiB() * MIB,
            config.dirtyMiBps() * MIB,
            config.workingSetMiB() * MIB,
            disks,
            config.hostDevices(),
            state,
            true);
    vm.pauseReason = state == DomainState.PAUSED ? PauseReason.USER : PauseReason.NONE;
    vm.labels = config.labels();
    host.vms.put(vm.name, vm);
  }

  /**
   * Defines a running guest of that name on a host that ferry knows nothing of: another UUID, no
   * stamp, one disk of its own. For tests of what ferry must never take for its own guest.
   *
   * @return the stranger's UUID
   */
  public synchronized String addStranger(String hostName, String name, String diskPath) {
    SimHost host = reachableHost(hostName);
    List<DiskFacts> disks = List.of(new DiskFacts("vda", diskPath, "qcow2", MIB));
    host.localVolumes.put(diskPath, MIB);
    String uuid =
        UUID.nameUUIDFromBytes(
                ("stranger/" + hostName + "/" + name).getBytes(StandardCharsets.UTF_8))
            .toString();
    SimVm vm =
        new SimVm(
            name,
            uuid,
            host.arch,
            host.cpuModel,
            256 * MIB,
            0,
            0,
            disks,
            List.of(),
            DomainState.RUNNING,
            true);
    host.vms.put(name, vm);
    return uuid;
  }

  /** Faults armed in this cluster; also the activities' fault hook. */
  public SimFaults faults() {
    return faults;
  }

  /** Simulated seconds per real second. */
  double speed() {
    return speed;
  }

  /** Whether the cluster simulates this host. */
  public synchronized boolean has(String hostName) {
    return hosts.containsKey(hostName);
  }

  /** Makes a host unreachable (or reachable again), as a dead daemon or cut link would. */
  public synchronized void setReachable(String hostName, boolean reachable) {
    host(hostName).reachable = reachable;
  }

  /** Makes a host refuse (or accept again) the worker's login, as a changed password would. */
  public synchronized void setRefusesLogin(String hostName, boolean refuses) {
    host(hostName).refusesLogin = refuses;
  }

  /** The host, reachable or not; for the driver. */
  SimHost host(String name) {
    SimHost host = hosts.get(name);
    if (host == null) {
      throw new FerryException(FailureType.HOST_NOT_FOUND, "no simulated host " + name);
    }
    return host;
  }

  /** The host if it answers and accepts the login; callers hold the lock. */
  SimHost reachableHost(String name) {
    SimHost host = host(name);
    if (!host.reachable) {
      throw new FerryException(
          FailureType.HOST_UNREACHABLE, "host " + name + " does not answer (simulated outage)");
    }
    if (host.refusesLogin) {
      throw new FerryException(
          FailureType.AUTH_FAILED, "cannot log in to host " + name + " (simulated refusal)");
    }
    return host;
  }

  /** Where a guest is now, for tests: host name to state, for every host that has it. */
  public synchronized Map<String, String> whereIs(String vm) {
    Map<String, String> found = new LinkedHashMap<>();
    for (SimHost host : hosts.values()) {
      SimVm copy = host.vms.get(vm);
      if (copy != null) {
        found.put(host.name, copy.observe().describe());
      }
    }
    return found;
  }

  /**
   * Whether a directory is on shared storage: the simulated fleet knows no mounts, so a directory
   * is shared when it holds a shared image. Callers hold the lock.
   */
  boolean sharedDirectory(String directory) {
    return sharedVolumes.keySet().stream()
        .anyMatch(path -> SharedProbe.directory(path).equals(directory));
  }

  /** Paths of the shared-storage probes left on a host or in shared storage; for tests. */
  public synchronized List<String> probesSeenBy(String hostName) {
    List<String> probes = new ArrayList<>();
    for (String path : host(hostName).localVolumes.keySet()) {
      if (SharedProbe.isProbe(path)) {
        probes.add(path);
      }
    }
    for (String path : sharedVolumes.keySet()) {
      if (SharedProbe.isProbe(path)) {
        probes.add(path);
      }
    }
    return probes;
  }

  /** Removes an image only this host sees, as an operator would; for tests. */
  public synchronized void removeLocalVolume(String hostName, String path) {
    SimHost host = host(hostName);
    host.localVolumes.remove(path);
    host.imageOwners.remove(path);
    host.imageBackings.remove(path);
  }

  /** Puts an image only this host sees at the path, as an operator would; for tests. */
  public synchronized void addLocalVolume(String hostName, String path, long sizeBytes) {
    host(hostName).localVolumes.put(path, sizeBytes);
  }

  /** The backing file of an image a migration pre-created on this host, if any; for tests. */
  public synchronized java.util.Optional<BackingStore> backingOf(String hostName, String path) {
    return java.util.Optional.ofNullable(host(hostName).imageBackings.get(path));
  }

  /** Whether a host sees an image at this path; for tests of prepare and its undo. */
  public synchronized boolean hasVolume(String hostName, String path) {
    return host(hostName).localVolumes.containsKey(path) || sharedVolumes.containsKey(path);
  }
}
