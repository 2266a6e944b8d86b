package dev.ferry.hypervisor.sim;

import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import dev.ferry.hypervisor.DomainFacts;
import dev.ferry.hypervisor.HostFacts;
import dev.ferry.hypervisor.Hypervisor;
import dev.ferry.hypervisor.MigrationTarget;
import dev.ferry.migration.JobStats;
import dev.ferry.migration.MigrationPlan;
import dev.ferry.migration.MigrationStats;
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

  @Override
  public void createVolume(String path, String format, long capacityBytes) {
    synchronized (cluster) {
      cluster.reachableHost(name).localVolumes.putIfAbsent(path, capacityBytes);
    }
  }

  @Override
  public void deleteVolume(String path) {
    synchronized (cluster) {
      cluster.reachableHost(name).localVolumes.remove(path);
    }
  }

  @Override
  public void stampMigrationId(String vm, String migrationId) {
    synchronized (cluster) {
      require(vm).migrationId = migrationId;
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
  public void destroy(String vm) {
    synchronized (cluster) {
      SimHost host = cluster.reachableHost(name);
      SimVm found = host.vms.get(vm);
      if (found == null || !found.active()) {
        return;
      }
      if (found.persistent) {
        found.setState(DomainState.SHUT_OFF, PauseReason.NONE);
      } else {
        host.vms.remove(vm);
      }
    }
  }

  @Override
  public void pause(String vm) {
    synchronized (cluster) {
      SimVm found = require(vm);
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
  public void resume(String vm) {
    synchronized (cluster) {
      SimVm found = require(vm);
      if (found.state == DomainState.PAUSED) {
        found.setState(DomainState.RUNNING, PauseReason.NONE);
      }
    }
  }

  @Override
  public void undefine(String vm) {
    synchronized (cluster) {
      SimHost host = cluster.reachableHost(name);
      SimVm found = host.vms.get(vm);
      if (found == null) {
        return;
      }
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
