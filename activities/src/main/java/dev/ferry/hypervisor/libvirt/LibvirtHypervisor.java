package dev.ferry.hypervisor.libvirt;

import dev.ferry.convergence.JobStats;
import dev.ferry.disk.BackingStore;
import dev.ferry.hypervisor.DiskFacts;
import dev.ferry.hypervisor.DiskSource;
import dev.ferry.hypervisor.DomainFacts;
import dev.ferry.hypervisor.DomainFence;
import dev.ferry.hypervisor.HostFacts;
import dev.ferry.hypervisor.Hypervisor;
import dev.ferry.hypervisor.ImageClaims;
import dev.ferry.hypervisor.ImageOwner;
import dev.ferry.hypervisor.MigrationTarget;
import dev.ferry.hypervisor.libvirt.NativeConnect.NativeException;
import dev.ferry.migration.MigrationStats;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.reconcile.DomainObservation;
import dev.ferry.reconcile.DomainState;
import dev.ferry.reconcile.PauseReason;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.libvirt.Domain;
import org.libvirt.DomainJobStats;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

/** One real host through libvirt: the {@link Hypervisor} port with the simulated driver's rules. */
final class LibvirtHypervisor implements Hypervisor {
  private final HostConnection connection;
  private final LibvirtStorage storage;
  private final LibvirtDomains domains;
  private final LibvirtMigration migration;
  private final LibvirtJobControl jobs;
  private final HostIdentity.Cache identity = new HostIdentity.Cache();

  LibvirtHypervisor(HostConnection connection, Function<String, LibvirtHypervisor> peers) {
    this.connection = connection;
    this.storage = new LibvirtStorage(connection);
    this.domains = new LibvirtDomains(connection);
    this.migration = new LibvirtMigration(connection, peers);
    this.jobs = new LibvirtJobControl(connection);
  }

  HostConnection connection() {
    return connection;
  }

  LibvirtDomains domains() {
    return domains;
  }

  @Override
  public String hostName() {
    return connection.hostName();
  }

  @Override
  public HostFacts facts() {
    return connection.call(
        "read host facts",
        c -> {
          HostIdentity host = identity.of(c);
          return new HostFacts(
              host.arch(),
              host.hypervisorType(),
              host.cpuModel(),
              host.memoryTotalBytes(),
              c.getFreeMemory());
        });
  }

  @Override
  public List<String> domainNames() {
    return connection.call(
        "list domains",
        c -> {
          Set<String> names = new LinkedHashSet<>();
          for (Domain domain : c.listAllDomains(0)) {
            try {
              names.add(domain.getName());
            } finally {
              domain.free();
            }
          }
          return List.copyOf(names);
        });
  }

  @Override
  public Optional<String> domainNameByUuid(String uuid) {
    return connection.call(
        "look up domain by UUID " + uuid,
        c -> {
          Domain domain;
          try {
            domain = c.domainLookupByUUIDString(uuid);
          } catch (LibvirtException e) {
            if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_DOMAIN)) {
              return Optional.<String>empty();
            }
            throw e;
          }
          try {
            return Optional.of(domain.getName());
          } finally {
            domain.free();
          }
        });
  }

  @Override
  public Optional<DomainFacts> domain(String name) {
    DomainObservation observation = observe(name);
    if (!observation.present()) {
      return Optional.empty();
    }
    return connection.call(
        "read domain " + name,
        c -> {
          Domain domain = LibvirtDomains.lookup(c, name);
          if (domain == null) {
            return Optional.empty();
          }
          try {
            String hostCpu = identity.of(c).cpuModel();
            DomainXml xml = DomainXml.parse(domain.getXMLDesc(0), hostCpu);
            List<DiskFacts> disks = new ArrayList<>();
            for (DomainXml.Disk disk : xml.disks()) {
              String path =
                  disk.source() == DiskSource.VOLUME && disk.detail() != null
                      ? storage.volumePath(disk.detail()).orElse(null)
                      : disk.path();
              disks.add(
                  new DiskFacts(
                      disk.target(),
                      path,
                      disk.format(),
                      capacity(domain, disk, path),
                      disk.backing(),
                      disk.source(),
                      disk.device(),
                      disk.detail()));
            }
            return Optional.of(
                new DomainFacts(
                    name,
                    xml.uuid(),
                    observation,
                    xml.arch(),
                    xml.cpu().describe(),
                    xml.memoryBytes(),
                    disks,
                    xml.hostDevices()));
          } finally {
            domain.free();
          }
        });
  }

  /**
   * The disk's virtual size from QEMU's view, else from the storage pool. A drive, a network disk
   * or an unresolved one is never copied: its size is what QEMU says, or 0.
   */
  private long capacity(Domain domain, DomainXml.Disk disk, String path) throws LibvirtException {
    boolean local =
        path != null
            && !"cdrom".equals(disk.device())
            && !"floppy".equals(disk.device())
            && disk.source() != DiskSource.NETWORK
            && disk.source() != DiskSource.OTHER;
    if (!local) {
      try {
        return domain.blockInfo(disk.target()).getCapacity();
      } catch (LibvirtException e) {
        return 0;
      }
    }
    try {
      return domain.blockInfo(path).getCapacity();
    } catch (LibvirtException e) {
      Optional<Long> size = storage.volumeSize(path);
      if (size.isPresent()) {
        return size.get();
      }
      throw e;
    }
  }

  @Override
  public DomainObservation observe(String name) {
    return domains.observe(name);
  }

  @Override
  public boolean canRunCpu(String cpuModel) {
    CpuSpec cpu = CpuSpec.parse(cpuModel);
    return switch (cpu.mode()) {
      case CpuSpec.DEFAULT, CpuSpec.HOST_MODEL -> true;
      case CpuSpec.PASSTHROUGH -> facts().cpuModel().equals(cpu.model());
      default -> compare(cpu);
    };
  }

  private boolean compare(CpuSpec cpu) {
    return connection.call(
        "compare CPU " + cpu.describe(),
        c -> {
          try {
            return c.compareHypervisorCpu(null, cpu.virtType(), cpu.compareXml()) > 0;
          } catch (NativeException e) {
            if (e.error() != null
                && e.error().getCode() == org.libvirt.Error.ErrorNumber.VIR_ERR_CPU_INCOMPATIBLE) {
              return false;
            }
            throw e;
          }
        });
  }

  @Override
  public Optional<Long> volumeSize(String path) {
    return storage.volumeSize(path);
  }

  @Override
  public Optional<String> createSharedProbe(String imagePath) {
    return storage.createSharedProbe(imagePath);
  }

  @Override
  public void deleteSharedProbe(String probePath) {
    storage.deleteSharedProbe(probePath);
  }

  @Override
  public ImageClaims.Mark imageMark(String path, ImageOwner owner) {
    return storage.imageMark(path, owner);
  }

  @Override
  public void createVolume(
      String path, String format, long capacityBytes, BackingStore backing, ImageOwner owner) {
    storage.createVolume(path, format, capacityBytes, backing, owner);
  }

  @Override
  public String deleteVolume(String path, ImageOwner owner) {
    return storage.deleteVolume(path, owner);
  }

  @Override
  public void adoptVolume(String path, ImageOwner owner) {
    storage.adoptVolume(path, owner);
  }

  @Override
  public void stamp(String name, String uuid, String migrationId) {
    domains.stamp(name, uuid, migrationId);
  }

  @Override
  public void markRolledBack(String name, String uuid, String migrationId) {
    domains.markRolledBack(name, uuid, migrationId);
  }

  @Override
  public MigrationStats migrate(String name, MigrationPlan plan, MigrationTarget target) {
    return migration.migrate(name, plan, target, false);
  }

  @Override
  public MigrationStats resumePostcopy(String name, MigrationPlan plan, MigrationTarget target) {
    return migration.migrate(name, plan, target, true);
  }

  @Override
  public Optional<JobStats> jobStats(String name) {
    return connection.call(
        "read job of " + name,
        c -> {
          Domain domain = LibvirtDomains.lookup(c, name);
          if (domain == null) {
            return Optional.empty();
          }
          try {
            DomainJobStats job = LibvirtDomains.migrationJob(domain);
            if (job == null) {
              return Optional.empty();
            }
            int[] state = c.domainState(name);
            boolean postcopy =
                state != null && DomainStates.reason(state[0], state[1]) == PauseReason.POSTCOPY;
            Long downtime = maxDowntime(c, name);
            return Optional.of(
                JobStatsReader.running(job.stats, downtime == null ? 0 : downtime, postcopy, 4096));
          } finally {
            domain.free();
          }
        });
  }

  /** The max downtime in force; null where the daemon cannot say (before libvirt 3.7). */
  private static Long maxDowntime(NativeConnect c, String name) {
    try {
      return c.maxDowntimeMs(name);
    } catch (NativeException | UnsatisfiedLinkError e) {
      return null;
    }
  }

  @Override
  public void abortJob(String name) {
    domains.abortJob(name);
  }

  @Override
  public void setMaxDowntime(String name, long maxDowntimeMs) {
    jobs.setMaxDowntime(name, maxDowntimeMs);
  }

  @Override
  public void setMaxBandwidth(String name, long mibps) {
    jobs.setMaxBandwidth(name, mibps);
  }

  @Override
  public long maxBandwidthMiBps(String name) {
    return jobs.maxBandwidthMiBps(name);
  }

  @Override
  public boolean enableAutoConverge(String name) {
    return jobs.enableAutoConverge(name);
  }

  @Override
  public void startPostcopy(String name) {
    jobs.startPostcopy(name);
  }

  @Override
  public void destroy(String name, DomainFence fence) {
    domains.destroy(name, fence);
  }

  @Override
  public void pause(String name, DomainFence fence) {
    domains.setPaused(name, true, fence);
  }

  @Override
  public void resume(String name, DomainFence fence) {
    domains.setPaused(name, false, fence);
  }

  @Override
  public void undefine(String name, DomainFence fence) {
    domains.undefine(name, fence);
  }

  @Override
  public void persist(String name) {
    domains.persist(name);
  }

  static boolean active(DomainState state) {
    return state == DomainState.RUNNING || state == DomainState.PAUSED;
  }
}
