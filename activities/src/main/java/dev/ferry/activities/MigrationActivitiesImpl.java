package dev.ferry.activities;

import dev.ferry.disk.DiskPlan;
import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import dev.ferry.hypervisor.DomainFence;
import dev.ferry.hypervisor.Hypervisor;
import dev.ferry.hypervisor.ImageOwner;
import dev.ferry.migration.MigrationActivities;
import dev.ferry.migration.MigrationRequest;
import dev.ferry.migration.MigrationStats;
import dev.ferry.migration.Phase;
import dev.ferry.migration.RollbackResult;
import dev.ferry.options.MigrationFlag;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.reconcile.DomainObservation;
import dev.ferry.reconcile.PauseReason;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration steps over the {@link Hypervisor} port; each reconciles before it acts. Every step
 * but perform (which heartbeats its job's statistics itself) heartbeats from a timer while it runs.
 */
public final class MigrationActivitiesImpl implements MigrationActivities {
  private static final Logger log = LoggerFactory.getLogger(MigrationActivitiesImpl.class);

  private final HostRegistry hosts;
  private final ReservationLedger reservations;
  private final FaultHook faults;
  private final CapabilityCheck capabilityCheck;
  private final PerformStep performStep;

  public MigrationActivitiesImpl(
      HostRegistry hosts, ReservationLedger reservations, FaultHook faults) {
    this.hosts = hosts;
    this.reservations = reservations;
    this.faults = faults;
    this.capabilityCheck = new CapabilityCheck(hosts, reservations);
    this.performStep = new PerformStep(hosts, faults);
  }

  @Override
  public MigrationPlan check(MigrationRequest request, String migrationId) {
    return step(
        Phase.CHECK,
        request.vm(),
        beats -> {
          MigrationPlan plan = capabilityCheck.run(request, migrationId);
          log.info(
              "check passed: vm={} source={} destination={} flags={} copy={}",
              plan.vm(),
              plan.source(),
              plan.destination(),
              plan.resolved().flags(),
              plan.resolved().disksToCopy());
          return plan;
        });
  }

  @Override
  public void prepare(MigrationPlan plan) {
    step(
        Phase.PREPARE,
        plan.vm(),
        beats -> {
          Hypervisor destination = hosts.get(plan.destination());
          // A cancelled prepare must stop before it creates anything the rollback would miss.
          beats.checkpoint();
          if (plan.resolved().live()) {
            // An offline migration starts nothing on the destination, so it holds no memory there.
            reservations.reserve(plan.migrationId(), plan.destination(), plan.memoryBytes());
          }
          if (!plan.disksToCopy().isEmpty()) {
            PendingCleanups.settle(plan);
          }
          // An incremental copy sends only the top image: it lands in an overlay on the backing
          // file the check found there. A full copy flattens the chain into a plain image.
          boolean incremental = plan.resolved().has(MigrationFlag.NON_SHARED_INC);
          for (DiskPlan disk : plan.disksToCopy()) {
            beats.checkpoint();
            destination.createVolume(
                disk.path(),
                disk.format(),
                disk.capacityBytes(),
                incremental ? disk.backing() : null,
                ImageOwner.of(plan));
          }
          beats.checkpoint();
          hosts.get(plan.source()).stamp(plan.vm(), plan.vmUuid(), plan.migrationId());
          return null;
        });
  }

  @Override
  public MigrationStats perform(MigrationPlan plan) {
    return ActivityErrors.translate(
        () -> {
          faults.beforePhase(Phase.PERFORM, plan.vm());
          MigrationStats stats = performStep.run(plan);
          log.info("perform done: vm={} stats={}", plan.vm(), stats);
          faults.afterPhase(Phase.PERFORM, plan.vm());
          return stats;
        });
  }

  @Override
  public void finish(MigrationPlan plan) {
    step(
        Phase.FINISH,
        plan.vm(),
        beats -> {
          Observed observed = requireDestinationOwns(plan, "finish");
          Hypervisor destination = hosts.get(plan.destination());
          boolean keepPaused = plan.resolved().has(MigrationFlag.PAUSED);
          DomainObservation copy = observed.destination();
          if (copy.paused() && copy.pauseReason() == PauseReason.MIGRATION && !keepPaused) {
            destination.resume(plan.destinationName(), DomainFence.of(plan));
          }
          if (plan.resolved().has(MigrationFlag.PERSIST_DEST) && !copy.persistent()) {
            destination.persist(plan.destinationName());
          }
          DomainObservation after = destination.observe(plan.destinationName());
          // An offline migration leaves the guest shut off; a live one running or paused as asked.
          boolean expected =
              !plan.resolved().live() || (keepPaused ? after.paused() : after.running());
          if (!expected) {
            throw new FerryException(
                FailureType.HYPERVISOR_ERROR,
                "guest on " + plan.destination() + " is " + after.describe() + " after finish");
          }
          // The images are the running guest's disks now: no cleanup may ever delete them.
          for (DiskPlan disk : plan.disksToCopy()) {
            destination.adoptVolume(disk.path(), ImageOwner.of(plan));
          }
          return null;
        });
  }

  @Override
  public void confirm(MigrationPlan plan) {
    step(
        Phase.CONFIRM,
        plan.vm(),
        beats -> {
          Observed observed = requireDestinationOwns(plan, "confirm");
          Hypervisor source = hosts.get(plan.source());
          if (observed.source().paused()) {
            // Transfer done, confirm lost: the destination runs (checked above), so the paused
            // source copy is a stale duplicate and must never be resumed.
            source.destroy(plan.vm(), DomainFence.of(plan));
          }
          if (plan.resolved().has(MigrationFlag.UNDEFINE_SOURCE)
              && source.observe(plan.vm()).hasUuid(plan.vmUuid())) {
            source.undefine(plan.vm(), DomainFence.of(plan));
          }
          reservations.release(plan.migrationId());
          return null;
        });
  }

  @Override
  public RollbackResult rollbackPerform(MigrationPlan plan) {
    return step(Phase.ROLLBACK, plan.vm(), beats -> new RollbackStep(hosts).run(plan));
  }

  /** Also the one activity of a handed-over cleanup ({@code PreparedCleanupWorkflow}). */
  @Override
  public void rollbackPrepare(MigrationPlan plan) {
    step(
        Phase.ROLLBACK,
        plan.vm(),
        beats -> {
          removePrepared(plan);
          return null;
        });
  }

  /**
   * Deletes the images this migration's prepare created, each only if it still carries this
   * migration's owner mark and no guest on the destination uses it (a later migration of the same
   * guest may have taken it over, or run on it): anything else is kept and logged.
   */
  private void removePrepared(MigrationPlan plan) {
    Hypervisor destination = hosts.get(plan.destination());
    DomainObservation copy;
    try {
      copy = destination.observe(plan.destinationName());
    } catch (FerryException e) {
      if (e.type() == FailureType.AUTH_FAILED) {
        // The migration ends here needing attention: no memory is promised to it any more.
        reservations.release(plan.migrationId());
      }
      throw e;
    }
    if (copy.ownedBy(plan.migrationId(), plan.vmUuid())) {
      throw new FerryException(
          FailureType.NEEDS_ATTENTION,
          "not deleting images on "
              + plan.destination()
              + ": it holds this migration's guest ("
              + copy.describe()
              + ")");
    }
    for (DiskPlan disk : plan.disksToCopy()) {
      String done = destination.deleteVolume(disk.path(), ImageOwner.of(plan));
      log.info("rollbackPrepare on {}: {}", plan.destination(), done);
    }
    reservations.release(plan.migrationId());
  }

  /**
   * One step: heartbeats while it runs, the fault hook around it, failures translated. Every
   * activity but perform (which heartbeats its job's figures and calls the hook itself) runs in
   * one, the undo steps included (their hook points are those of {@link Phase#ROLLBACK}).
   */
  private <T> T step(Phase phase, String vm, Function<Heartbeats, T> body) {
    return ActivityErrors.translate(
        () -> {
          try (Heartbeats beats = Heartbeats.start()) {
            faults.beforePhase(phase, vm);
            T result = body.apply(beats);
            faults.afterPhase(phase, vm);
            return result;
          }
        });
  }

  /** Finish and confirm run only once the destination owns the guest. */
  private Observed requireDestinationOwns(MigrationPlan plan, String step) {
    Observed observed = Observed.of(hosts, plan);
    switch (observed.situation()) {
      case MIGRATED, CONFIRM_LOST:
        return observed;
      case IN_FLIGHT:
        throw new FerryException(
            FailureType.HYPERVISOR_ERROR,
            step + " waits: job still running " + observed.describe());
      case SPLIT_BRAIN:
        RollbackStep.pauseBoth(hosts, plan);
        throw new FerryException(
            FailureType.SPLIT_BRAIN,
            step + " found the guest running twice, paused both: " + observed.describe());
      default:
        throw new FerryException(
            FailureType.NEEDS_ATTENTION,
            step + " found the destination does not own the guest: " + observed.describe());
    }
  }

  /** Stops the transfer threads; called at worker shutdown. */
  public void shutdown() {
    performStep.shutdown();
  }
}
