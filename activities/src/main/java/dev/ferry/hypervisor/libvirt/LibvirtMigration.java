package dev.ferry.hypervisor.libvirt;

import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import dev.ferry.hypervisor.MigrationTarget;
import dev.ferry.hypervisor.libvirt.LibvirtErrors.Context;
import dev.ferry.logging.LogContext;
import dev.ferry.migration.MigrationStats;
import dev.ferry.options.MigrationFlag;
import dev.ferry.plan.MigrationPlan;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.libvirt.Domain;
import org.libvirt.DomainJobStats;
import org.libvirt.TypedParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One migration from this host. Peer-to-peer uses {@code virDomainMigrateToURI3} (the source daemon
 * drives it and survives this process); otherwise {@code virDomainMigrate3} with the destination's
 * own connection. The call blocks for the whole transfer; the max downtime, which has no migrate
 * parameter, is set from a helper thread as soon as the job shows up.
 */
final class LibvirtMigration {
  private static final Logger log = LoggerFactory.getLogger(LibvirtMigration.class);
  private static final Duration DOWNTIME_POLL = Duration.ofMillis(50);
  private static final Duration DOWNTIME_WAIT = Duration.ofSeconds(60);

  private final HostConnection connection;
  private final Function<String, LibvirtHypervisor> peers;

  LibvirtMigration(HostConnection connection, Function<String, LibvirtHypervisor> peers) {
    this.connection = connection;
    this.peers = peers;
  }

  /**
   * Migrates the guest, or with {@code resume} resumes its interrupted post-copy migration: the
   * same call with the same parameters and {@code VIR_MIGRATE_POSTCOPY_RESUME}, which libvirt
   * accepts only while both copies wait in the post-copy-failed state.
   */
  MigrationStats migrate(String name, MigrationPlan plan, MigrationTarget target, boolean resume) {
    LibvirtHypervisor destination = peers.apply(target.hostName());
    if (!resume && destination.observe(plan.destinationName()).present()) {
      throw new FerryException(
          FailureType.NAME_CLASH,
          "domain " + plan.destinationName() + " already exists on " + target.hostName());
    }
    TypedParameter[] params = MigrationParams.of(plan, target);
    long flags =
        MigrationFlags.of(plan.resolved().flags())
            | (resume ? MigrationFlags.VIR_MIGRATE_POSTCOPY_RESUME : 0);
    boolean p2p = plan.resolved().has(MigrationFlag.PEER_TO_PEER);
    AtomicBoolean done = new AtomicBoolean();
    Thread downtime = null;
    if (plan.resolved().live() && !resume) {
      // The operator's max downtime, else the convergence policy's starting one.
      long ms = plan.options().initialMaxDowntimeMs();
      downtime =
          new Thread(
              LogContext.wrap(() -> applyMaxDowntime(name, ms, done)), "ferry-downtime-" + name);
      downtime.setDaemon(true);
      downtime.start();
    }
    String what = "migrate " + name + " to " + target.hostName();
    try {
      connection.callOnce(
          what,
          Context.MIGRATION,
          c -> {
            Domain domain = LibvirtDomains.lookup(c, name);
            if (domain == null) {
              throw new FerryException(
                  FailureType.VM_NOT_FOUND, "no guest " + name + " on " + connection.hostName());
            }
            try {
              if (p2p) {
                domain.migrateToURI(target.connectUri(), params, (int) flags);
              } else {
                destination
                    .connection()
                    .callOnce(
                        what,
                        Context.MIGRATION,
                        d -> {
                          domain.migrate(d, params, (int) flags).free();
                          return null;
                        });
              }
            } finally {
              domain.free();
            }
            return null;
          });
    } finally {
      done.set(true);
      if (downtime != null) {
        downtime.interrupt();
      }
    }
    return plan.resolved().live()
        ? completedStats(destination, plan)
        : new MigrationStats(0, 0, 0, 0, 0, false, false);
  }

  /** Waits for the job to start, then sets the max downtime once. */
  private void applyMaxDowntime(String name, long ms, AtomicBoolean done) {
    long deadline = System.nanoTime() + DOWNTIME_WAIT.toNanos();
    try {
      while (!done.get() && System.nanoTime() < deadline) {
        boolean set =
            connection.call(
                "set max downtime of " + name,
                c -> {
                  Domain domain = LibvirtDomains.lookup(c, name);
                  if (domain == null) {
                    return false;
                  }
                  try {
                    if (LibvirtDomains.migrationJob(domain) == null) {
                      return false;
                    }
                    domain.migrateSetMaxDowntime(ms);
                    return true;
                  } finally {
                    domain.free();
                  }
                });
        if (set) {
          log.info("max downtime of {} set to {} ms", name, ms);
          return;
        }
        Thread.sleep(DOWNTIME_POLL.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (FerryException e) {
      log.warn("could not set max downtime of {}: {}", name, e.getMessage());
    }
  }

  /** The completed job's statistics, read where the guest now is: the source copy is gone. */
  private static MigrationStats completedStats(LibvirtHypervisor destination, MigrationPlan plan) {
    try {
      return destination
          .connection()
          .call(
              "read completed job of " + plan.destinationName(),
              c -> {
                Domain domain = LibvirtDomains.lookup(c, plan.destinationName());
                if (domain == null) {
                  return MigrationStats.unknown();
                }
                try {
                  DomainJobStats job =
                      domain.getJobStats(VirtNative.VIR_DOMAIN_JOB_STATS_COMPLETED);
                  return JobStatsReader.completed(
                      job.stats, plan.resolved().has(MigrationFlag.POSTCOPY) && postcopyUsed(job));
                } finally {
                  domain.free();
                }
              });
    } catch (FerryException e) {
      log.warn("migration done, but its statistics are unreadable: {}", e.getMessage());
      return new MigrationStats(0, 0, 0, 0, 0, false, false);
    }
  }

  private static boolean postcopyUsed(DomainJobStats job) {
    return JobStatsReader.number(job.stats, "memory_postcopy_requests", 0) > 0;
  }
}
