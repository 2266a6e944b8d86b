package dev.ferry.activities;

import dev.ferry.control.ControlResult;
import dev.ferry.control.TransferControlActivities;
import dev.ferry.control.TransferTuning;
import dev.ferry.convergence.JobStats;
import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import dev.ferry.hypervisor.DomainFence;
import dev.ferry.hypervisor.Hypervisor;
import dev.ferry.options.MigrationFlag;
import dev.ferry.plan.MigrationPlan;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator levers on the source's running job. Each reads the job back after acting, so the
 * operator sees what is in force; the perform activity following the same job sees it too and
 * adopts it (see {@link ConvergenceControl}).
 */
public final class TransferControlActivitiesImpl implements TransferControlActivities {
  private static final Logger log = LoggerFactory.getLogger(TransferControlActivitiesImpl.class);

  private static final Duration POSTCOPY_WAIT = Duration.ofSeconds(10);

  private final HostRegistry hosts;

  public TransferControlActivitiesImpl(HostRegistry hosts) {
    this.hosts = hosts;
  }

  @Override
  public ControlResult tune(MigrationPlan plan, TransferTuning tuning) {
    return ActivityErrors.translate(
        () -> {
          Hypervisor source = hosts.get(plan.source());
          JobStats before = requireJob(source, plan);
          if (tuning.maxDowntimeMs() != null) {
            if (before.postcopy()) {
              throw new FerryException(
                  FailureType.CONTROL_FAILED,
                  "the transfer of "
                      + plan.vm()
                      + " runs in post-copy: max downtime no longer"
                      + " applies");
            }
            source.setMaxDowntime(plan.vm(), tuning.maxDowntimeMs());
          }
          if (tuning.bandwidthMiBps() != null) {
            source.setMaxBandwidth(plan.vm(), tuning.bandwidthMiBps());
          }
          log.info("operator tune: vm={} {}", plan.vm(), tuning.describe());
          return readBack(source, plan, "set " + tuning.describe(), false);
        });
  }

  @Override
  public ControlResult forceComplete(MigrationPlan plan) {
    return ActivityErrors.translate(
        () -> {
          Hypervisor source = hosts.get(plan.source());
          JobStats job = requireJob(source, plan);
          if (job.postcopy()) {
            return readBack(source, plan, "already in post-copy", false);
          }
          if (plan.resolved().has(MigrationFlag.POSTCOPY)) {
            source.startPostcopy(plan.vm());
            log.info("operator force-complete: vm={} switched to post-copy", plan.vm());
            awaitPostcopy(source, plan);
            ControlResult switched =
                readBack(
                    source,
                    plan,
                    "switched to post-copy: the guest runs on " + plan.destination(),
                    false);
            // A job that ended right after libvirt accepted the switch completed in post-copy.
            boolean ended = job(source, plan).isEmpty();
            return ended ? switched.inPostcopy() : switched;
          }
          // Without post-copy allowed from the start, the only way to finish now is to stop the
          // guest dirtying memory; the pause lasts until the destination resumes it.
          source.pause(plan.vm(), DomainFence.of(plan));
          log.info("operator force-complete: vm={} paused on the source", plan.vm());
          return readBack(
              source,
              plan,
              "paused the guest on " + plan.source() + ": the rest is sent with it stopped",
              true);
        });
  }

  /**
   * The switch takes effect a moment after libvirt accepted it: wait for the job to show it, so the
   * answer says what holds, not what was asked.
   */
  private static void awaitPostcopy(Hypervisor source, MigrationPlan plan) {
    long deadline = System.nanoTime() + POSTCOPY_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      JobStats job = job(source, plan).orElse(null);
      if (job == null || job.postcopy()) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * The job as it is now, or empty once it ended. A migration that completes removes the source
   * copy, which a read can meet halfway: a guest gone from the source means the job ended.
   */
  private static Optional<JobStats> job(Hypervisor source, MigrationPlan plan) {
    try {
      return source.jobStats(plan.vm());
    } catch (FerryException e) {
      if (e.type() == FailureType.VM_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static long bandwidth(Hypervisor source, MigrationPlan plan) {
    try {
      return source.maxBandwidthMiBps(plan.vm());
    } catch (FerryException e) {
      if (e.type() == FailureType.VM_NOT_FOUND) {
        return 0;
      }
      throw e;
    }
  }

  private static JobStats requireJob(Hypervisor source, MigrationPlan plan) {
    return job(source, plan)
        .orElseThrow(
            () ->
                new FerryException(
                    FailureType.NO_TRANSFER,
                    "no migration job runs for " + plan.vm() + " on " + plan.source()));
  }

  private static ControlResult readBack(
      Hypervisor source, MigrationPlan plan, String action, boolean paused) {
    JobStats now = job(source, plan).orElse(null);
    if (now == null) {
      // The job ended right after the change: nothing left to read, the action still stands.
      return new ControlResult(action + " (the transfer has just ended)", 0, 0, false, paused);
    }
    return new ControlResult(
        action, now.maxDowntimeMs(), bandwidth(source, plan), now.postcopy(), paused);
  }
}
