package dev.ferry.hypervisor.libvirt;

import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The levers on a running migration job that the convergence policy and operators pull. Each one
 * needs a running job: without one it fails rather than change settings a later job would inherit.
 */
final class LibvirtJobControl {
  private static final Logger log = LoggerFactory.getLogger(LibvirtJobControl.class);

  /** libvirt's default cap, which means no cap: 8 PiB/s on 64-bit hosts. */
  private static final long UNLIMITED_MIBPS = 8_796_093_022_207L;

  private final HostConnection connection;

  LibvirtJobControl(HostConnection connection) {
    this.connection = connection;
  }

  void setMaxDowntime(String name, long maxDowntimeMs) {
    connection.call(
        "set max downtime of " + name,
        c -> {
          Domain domain = requireJob(c, name);
          try {
            domain.migrateSetMaxDowntime(maxDowntimeMs);
          } finally {
            domain.free();
          }
          return null;
        });
  }

  void setMaxBandwidth(String name, long mibps) {
    connection.call(
        "set bandwidth of " + name,
        c -> {
          requireJob(c, name).free();
          c.setMaxSpeedMiBps(name, mibps);
          return null;
        });
  }

  /** The domain's migration speed cap; libvirt reports its "unlimited" as a huge number. */
  long maxBandwidthMiBps(String name) {
    return connection.call(
        "read bandwidth of " + name,
        c -> {
          Long mibps = c.maxSpeedMiBps(name);
          if (mibps == null) {
            throw new FerryException(FailureType.VM_NOT_FOUND, "no guest " + name);
          }
          return mibps >= UNLIMITED_MIBPS ? 0L : mibps;
        });
  }

  /**
   * QEMU accepts the auto-converge capability only before a migration starts, and libvirt has no
   * call to change it during one: a job started without {@code VIR_MIGRATE_AUTO_CONVERGE} cannot be
   * throttled.
   */
  boolean enableAutoConverge(String name) {
    log.warn("auto-converge cannot be switched on during the migration of {}", name);
    return false;
  }

  void startPostcopy(String name) {
    connection.call(
        "start post-copy of " + name,
        c -> {
          requireJob(c, name).free();
          c.startPostCopy(name);
          return null;
        });
  }

  /** The domain with a running migration job; the caller frees it. */
  private static Domain requireJob(NativeConnect c, String name) throws LibvirtException {
    Domain domain = LibvirtDomains.lookup(c, name);
    if (domain == null) {
      throw new FerryException(FailureType.VM_NOT_FOUND, "no guest " + name);
    }
    if (LibvirtDomains.migrationJob(domain) == null) {
      domain.free();
      throw new FerryException(FailureType.HYPERVISOR_ERROR, "no migration job runs for " + name);
    }
    return domain;
  }
}
