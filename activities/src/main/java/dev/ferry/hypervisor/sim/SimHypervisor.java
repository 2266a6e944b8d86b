package dev.ferry.hypervisor.sim;

import dev.ferry.convergence.JobStats;
import dev.ferry.disk.BackingStore;
import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import dev.ferry.hypervisor.DomainFacts;
import dev.ferry.hypervisor.DomainFence;
import dev.ferry.hypervisor.HostFacts;
import dev.ferry.hypervisor.Hypervisor;
import dev.ferry.hypervisor.ImageClaims;
import dev.ferry.hypervisor.ImageOwner;
import dev.ferry.hypervisor.MigrationTarget;
import dev.ferry.hypervisor.SharedProbe;
import dev.ferry.migration.MigrationStats;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.reconcile.DomainObservation;
import dev.ferry.reconcile.DomainState;
import dev.ferry.reconcile.PauseReason;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One simulated host seen through the {@link Hypervisor} port. */
public final class SimHypervisor implements Hypervisor {
  /** CPU generations, oldest first: a host runs guests of its own model and older ones. */
  private static final List<String> CPU_GENERATIONS =
      List.of(
          "Westmere",
          "SandyBridge",
          "IvyBridge",
          "Haswell",
          "Broadwell",
          "Skylake-Server",
          "Cascadelake-Server",
          "Icelake-Server",
          "SapphireRapids");

  private final SimCluster cluster;
  private final String name;

  public SimHypervisor(SimCluster cluster, String name) {
    this.cluster = cluster;
    this.name = name;
  }

  @Override
  public String hostName() {
    return name;
  }

  @Override
  public HostFacts facts() {
    synchronized (cluster) {
      SimHost host = cluster.reachableHost(name);
      return new HostFacts(
          host.arch, "qemu", host.cpuModel, host.memoryBytes, host.freeMemoryBytes());
    }
  }

  @Override
  public List<String> domainNames() {
    synchronized (cluster) {
      return List.copyOf(cluster.reachableHost(name).vms.keySet());
    }
  }

  @Override
  public Optional<DomainFacts> domain(String vm) {
    synchronized (cluster) {
      return Optional.ofNullable(cluster.reachableHost(name).vms.get(vm)).map(SimVm::facts);
    }
  }

  @Override
  public Optional<String> domainNameByUuid(String uuid) {
    synchronized (cluster) {
      return cluster.reachableHost(name).vms.values().stream()
          .filter(vm -> vm.uuid.equals(uuid))
          .map(vm -> vm.name)
          .findFirst();
    }
  }

  @Override
  public DomainObservation observe(String vm) {
    synchronized (cluster) {
      SimVm found = cluster.reachableHost(name).vms.get(vm);
      return found == null ? DomainObservation.absent() : found.observe();
    }
  }

  @Override
  public Optional<Long> linkMiBps() {
    synchronized (cluster) {
      return Optional.of(cluster.host(name).linkBytesPerSec / (1024L * 1024L));
    }
  }

  @Override
  public Map<String, String> guestLabels(String vm) {
    synchronized (cluster) {
      SimVm found = cluster.reachableHost(name).vms.get(vm);
      return found == null ? Map.of() : found.labels;
    }
  }

  @Override
  public boolean canRunCpu(String cpuModel) {
    synchronized (cluster) {
      String own = cluster.reachableHost(name).cpuModel;
      int ownIndex = CPU_GENERATIONS.indexOf(own);
      int guestIndex = CPU_GENERATIONS.indexOf(cpuModel);
      if (ownIndex < 0 || guestIndex < 0) {
        return own.equals(cpuModel);
      }
      return guestIndex <= ownIndex;
    }
  }

  @Override
  public Optional<Long> volumeSize(String path) {
    synchronized (cluster) {
      SimHost host = cluster.reachableHost(name);
      Long local = host.localVolumes.get(path);
      return Optional.ofNullable(local != null ? local : cluster.sharedVolumes.get(path));
    }
  }

  /**
   * A probe in a directory of shared storage (one that holds a shared image) is visible from every
   * host; anywhere else only from this one.
   */
  @Override
  public Optional<String> createSharedProbe(String imagePath) {
    synchronized (cluster) {
      SimHost host = cluster.reachableHost(name);
      String probe = SharedProbe.beside(imagePath);
      if (cluster.sharedDirectory(SharedProbe.directory(imagePath))) {
        cluster.sharedVolumes.put(probe, 0L);
      } else {
        host.localVolumes.put(probe, 0L);
      }
      return Optional.of(probe);
    }
  }

  @Override
  public void deleteSharedProbe(String probePath) {
    synchronized (cluster) {
      SimHost host = cluster.reachableHost(name);
      if (!SharedProbe.isProbe(probePath)) {
        throw new FerryException(
            FailureType.NOT_OURS, "not deleting " + probePath + " on " + name + ": not a probe");
      }
      if (host.localVolumes.remove(probePath) == null) {
        cluster.sharedVolumes.remove(probePath);
      }
    }
  }

  @Override
  public ImageClaims.Mark imageMark(String path, ImageOwner owner) {
    synchronized (cluster) {
      return ImageClaims.relate(cluster.reachableHost(name).imageOwners.get(path), owner);
    }
  }

  @Override
  public void createVolume(
      String path, String format, long capacityBytes, BackingStore backing, ImageOwner owner) {
    synchronized (cluster) {
      SimHost host = cluster.reachableHost(name);
      if (backing != null && volumeSize(backing.path()).isEmpty()) {
        throw new FerryException(
            FailureType.MIGRATION_FAILED,
            "cannot create "
                + path
                + " on "
                + name
                + ": its backing file "
                + backing.path()
                + " does not exist here");
      }
      Long existing = host.localVolumes.get(path);
      if (existing != null) {
        ImageClaims.requireReusable(
            name,
            path,
            existing,
            capacityBytes,
            ImageClaims.relate(host.imageOwners.get(path), owner),
            inUse(host, path));
      } else {
        host.localVolumes.put(path, capacityBytes);
        if (backing != null) {
          host.imageBackings.put(path, backing);
        }
      }
      host.imageOwners.put(path, owner);
    }
  }

  @Override
  public String deleteVolume(String path, ImageOwner owner) {
    synchronized (cluster) {
      SimHost host = cluster.reachableHost(name);
      if (!host.localVolumes.containsKey(path)) {
        host.imageOwners.remove(path, owner);
        return "no image at " + path;
      }
      String kept =
          ImageClaims.whyKept(
              name, path, ImageClaims.relate(host.imageOwners.get(path), owner), inUse(host, path));
      if (kept != null) {
        return kept;
      }
      host.localVolumes.remove(path);
      host.imageOwners.remove(path);
      host.imageBackings.remove(path);
      return "deleted " + path;
    }
  }

  @Override
  public void adoptVolume(String path, ImageOwner owner) {
    synchronized (cluster) {
      cluster.reachableHost(name).imageOwners.remove(path, owner);
    }
  }

  /** The name of the guest on this host that uses the image, or null. */
  private static String inUse(SimHost host, String path) {
    return host.vms.values().stream()
        .filter(vm -> vm.uses(path))
        .map(vm -> vm.name)
        .findFirst()
        .orElse(null);
  }

  @Override
  public void stamp(String vm, String uuid, String migrationId) {
    synchronized (cluster) {
      SimVm found = require(vm);
      DomainFence.guest(uuid).require(name, vm, "stamping", found.observe());
      found.migrationId = migrationId;
    }
  }

  @Override
  public void markRolledBack(String vm, String uuid, String migrationId) {
    synchronized (cluster) {
      SimVm found = require(vm);
      DomainFence.guest(uuid).require(name, vm, "marking", found.observe());
      found.rollbackMark = migrationId;
    }
  }

  @Override
  public MigrationStats migrate(String vm, MigrationPlan plan, MigrationTarget target) {
    return new SimMigration(cluster, name, vm, plan, target.hostName()).run();
  }

  /** The simulated driver never interrupts a post-copy migration, so there is none to resume. */
  @Override
  public MigrationStats resumePostcopy(String vm, MigrationPlan plan, MigrationTarget target) {
    throw new FerryException(
        FailureType.HYPERVISOR_ERROR,
        "no interrupted post-copy migration of " + vm + " on " + name);
  }

  @Override
  public Optional<JobStats> jobStats(String vm) {
    synchronized (cluster) {
      SimVm found = cluster.reachableHost(name).vms.get(vm);
      return found == null || found.job == null ? Optional.empty() : Optional.of(found.job.stats());
    }
  }

  @Override
  public void abortJob(String vm) {
    synchronized (cluster) {
      SimVm found = cluster.reachableHost(name).vms.get(vm);
      // Once in post-copy neither side has all the memory: libvirt refuses to abort, and so do we.
      if (found != null && found.job != null && !found.job.postcopy()) {
        found.job.abortRequested = true;
      }
    }
  }

  @Override
  public void setMaxDowntime(String vm, long maxDowntimeMs) {
    synchronized (cluster) {
      requireJob(vm).setMaxDowntime(maxDowntimeMs);
    }
  }

  @Override
  public void setMaxBandwidth(String vm, long mibps) {
    synchronized (cluster) {
      SimHost host = cluster.reachableHost(name);
      // The link still limits: a cap above it changes nothing.
      requireJob(vm).setBandwidth(Math.min((double) host.linkBytesPerSec, mibps * 1024.0 * 1024.0));
    }
  }

  @Override
  public long maxBandwidthMiBps(String vm) {
    synchronized (cluster) {
      return Math.round(requireJob(vm).bandwidthBytesPerSec() / (1024.0 * 1024.0));
    }
  }

  @Override
  public boolean enableAutoConverge(String vm) {
    synchronized (cluster) {
      requireJob(vm).enableAutoConverge();
      return true;
    }
  }

  @Override
  public void startPostcopy(String vm) {
    synchronized (cluster) {
      if (!requireJob(vm).startPostcopy()) {
        throw new FerryException(
            FailureType.INVALID_OPTIONS,
            "post-copy was not allowed when the migration of " + vm + " started");
      }
    }
  }

  private SimTransfer requireJob(String vm) {
    SimVm found = require(vm);
    if (found.job == null) {
      throw new FerryException(
          FailureType.HYPERVISOR_ERROR, "no migration job runs for " + vm + " on " + name);
    }
    return found.job;
  }

  @Override
  public void destroy(String vm, DomainFence fence) {
    synchronized (cluster) {
      SimHost host = cluster.reachableHost(name);
      SimVm found = host.vms.get(vm);
      if (found == null || !found.active()) {
        return;
      }
      fence.require(name, vm, "destroying", found.observe());
      if (found.persistent) {
        found.setState(DomainState.SHUT_OFF, PauseReason.NONE);
      } else {
        host.vms.remove(vm);
      }
    }
  }

  @Override
  public void pause(String vm, DomainFence fence) {
    synchronized (cluster) {
      SimVm found = require(vm);
      fence.require(name, vm, "pausing", found.observe());
      if (found.state == DomainState.RUNNING) {
        // libvirt records a pause during an outgoing migration as caused by the migration.
        found.setState(
            DomainState.PAUSED, found.job != null ? PauseReason.MIGRATION : PauseReason.USER);
      }
      if (found.job != null) {
        found.job.pauseGuest();
      }
    }
  }

  @Override
  public void resume(String vm, DomainFence fence) {
    synchronized (cluster) {
      SimVm found = require(vm);
      fence.require(name, vm, "resuming", found.observe());
      if (found.state == DomainState.PAUSED) {
        found.setState(DomainState.RUNNING, PauseReason.NONE);
      }
    }
  }

  @Override
  public void undefine(String vm, DomainFence fence) {
    synchronized (cluster) {
      SimHost host = cluster.reachableHost(name);
      SimVm found = host.vms.get(vm);
      if (found == null) {
        return;
      }
      fence.require(name, vm, "undefining", found.observe());
      if (found.active()) {
        found.persistent = false;
      } else {
        host.vms.remove(vm);
      }
    }
  }

  @Override
  public void persist(String vm) {
    synchronized (cluster) {
      require(vm).persistent = true;
    }
  }

  private SimVm require(String vm) {
    SimVm found = cluster.reachableHost(name).vms.get(vm);
    if (found == null) {
      throw new FerryException(FailureType.VM_NOT_FOUND, "no guest " + vm + " on host " + name);
    }
    return found;
  }
}
