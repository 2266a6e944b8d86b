package dev.ferry.activities;

import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import dev.ferry.hypervisor.DomainFence;
import dev.ferry.hypervisor.Hypervisor;
import dev.ferry.migration.RollbackResult;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.reconcile.DomainObservation;
import dev.ferry.reconcile.PauseReason;
import dev.ferry.reconcile.Situation;
import io.temporal.activity.Activity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undo of the perform, decided from the reconcile table. It never destroys a running copy, never a
 * copy that is not this migration's guest (UUID and stamp, read again by the driver right before
 * the act), and leaves a mark on a guest it keeps on its source so that no stale attempt moves it.
 */
final class RollbackStep {
  private static final Logger log = LoggerFactory.getLogger(RollbackStep.class);
  private static final int MAX_ABORT_POLLS = 240;

  /**
   * About five minutes of the rollback's back-off before an unresumable post-copy needs a person.
   */
  private static final int RESUME_ATTEMPTS = 10;

  private final HostRegistry hosts;

  RollbackStep(HostRegistry hosts) {
    this.hosts = hosts;
  }

  RollbackResult run(MigrationPlan plan) {
    Hypervisor source = hosts.get(plan.source());
    Hypervisor destination = hosts.get(plan.destination());
    Observed observed = observe(plan);
    for (int polls = 0;
        observed.source().jobActive() && observed.situation() != Situation.POSTCOPY_INTERRUPTED;
        polls++) {
      if (polls >= MAX_ABORT_POLLS) {
        throw new FerryException(
            FailureType.HYPERVISOR_ERROR,
            "migration job did not stop after abort: " + observed.describe());
      }
      // Past the switch to post-copy libvirt refuses an abort: the job can only complete.
      if (observed.source().pauseReason() != PauseReason.POSTCOPY) {
        source.abortJob(plan.vm());
      }
      Activity.getExecutionContext().heartbeat(observed.describe());
      sleep();
      observed = observe(plan);
    }
    Situation found = observed.situation();
    String action;
    switch (found) {
      case NOT_STARTED:
        keepOnSource(source, plan, observed.source());
        action = "guest runs on the source; nothing of it on the destination";
        break;
      case LEFTOVER_ON_DESTINATION:
        destination.destroy(plan.destinationName(), DomainFence.of(plan));
        destination.undefine(plan.destinationName(), DomainFence.of(plan));
        keepOnSource(source, plan, observed.source());
        action = "removed the non-running copy from the destination; guest runs on the source";
        break;
      case FOREIGN_ON_DESTINATION:
        if (observed.source().running() || observed.source().paused()) {
          keepOnSource(source, plan, observed.source());
          action =
              "the destination's domain of that name is not this migration's guest ("
                  + observed.destination().describeIdentity()
                  + "): left it alone; guest stays on the source";
        } else {
          found = Situation.UNKNOWN;
          action =
              "the guest is not on the source and the destination's domain of that name is not"
                  + " this migration's: touched nothing";
        }
        break;
      case MIGRATED, CONFIRM_LOST:
        action = "destination already owns the guest: touched nothing, rolling forward";
        break;
      case SPLIT_BRAIN:
        pauseBoth(hosts, plan);
        action = "guest ran on both hosts: paused both to stop divergence";
        break;
      case POSTCOPY_INTERRUPTED:
        return resumePostcopy(plan);
      default:
        action = "touched nothing";
    }
    return new RollbackResult(
        found,
        action,
        safeObserve(source, plan.vm()),
        safeObserve(destination, plan.destinationName()));
  }

  /**
   * Neither copy of an interrupted post-copy migration has all the memory, so there is no way back:
   * the rollback resumes it once more (both hosts answer again, or the observation above would have
   * failed and been retried). Completed, the workflow rolls forward; refused, a person must look.
   */
  private RollbackResult resumePostcopy(MigrationPlan plan) {
    Hypervisor source = hosts.get(plan.source());
    Hypervisor destination = hosts.get(plan.destination());
    String action;
    try {
      log.info("rollback resumes the interrupted post-copy transfer of {}", plan.vm());
      source.resumePostcopy(plan.vm(), plan, PerformStep.target(hosts, plan));
      Observed after = observe(plan);
      if (after.situation() == Situation.MIGRATED) {
        return new RollbackResult(
            Situation.MIGRATED,
            "resumed the interrupted post-copy transfer; the destination owns the guest",
            after.source(),
            after.destination());
      }
      action = "resumed the interrupted post-copy transfer, then found " + after.describe();
    } catch (FerryException e) {
      // Right after the fault libvirt may call the post-copy failed while QEMU still waits on its
      // stalled stream and refuses a resume: try again, with the activity's back-off, for a while.
      if (Activity.getExecutionContext().getInfo().getAttempt() < RESUME_ATTEMPTS) {
        throw new FerryException(
            FailureType.HYPERVISOR_ERROR, "post-copy resume refused for now: " + e.getMessage());
      }
      action = "post-copy interrupted and its resume failed: " + e.getMessage();
    }
    return new RollbackResult(
        Situation.POSTCOPY_INTERRUPTED,
        action,
        safeObserve(source, plan.vm()),
        safeObserve(destination, plan.destinationName()));
  }

  /**
   * Observes both hosts. A destination that does not answer while the source runs the guest without
   * a job cannot own the guest (the source never handed it over), so it counts as absent.
   */
  private Observed observe(MigrationPlan plan) {
    DomainObservation source = hosts.get(plan.source()).observe(plan.vm());
    DomainObservation destination;
    try {
      destination = hosts.get(plan.destination()).observe(plan.destinationName());
    } catch (FerryException e) {
      if (e.type() != FailureType.HOST_UNREACHABLE || !source.running() || source.jobActive()) {
        throw e;
      }
      destination = DomainObservation.absent();
    }
    return Observed.of(source, destination, plan);
  }

  /** Pauses both copies, each once it proves to be this migration's guest. */
  static void pauseBoth(HostRegistry hosts, MigrationPlan plan) {
    hosts.get(plan.source()).pause(plan.vm(), DomainFence.of(plan));
    hosts.get(plan.destination()).pause(plan.destinationName(), DomainFence.of(plan));
  }

  /**
   * The guest stays on its source: marked as rolled back first, so that a stale perform attempt of
   * this migration that wakes up later starts nothing, then resumed if the migration paused it.
   */
  private static void keepOnSource(Hypervisor source, MigrationPlan plan, DomainObservation seen) {
    source.markRolledBack(plan.vm(), plan.vmUuid(), plan.migrationId());
    if (seen.paused() && seen.pauseReason() == PauseReason.MIGRATION) {
      source.resume(plan.vm(), DomainFence.of(plan));
    }
  }

  private static DomainObservation safeObserve(Hypervisor host, String vm) {
    try {
      return host.observe(vm);
    } catch (FerryException e) {
      return DomainObservation.absent();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FerryException(FailureType.HYPERVISOR_ERROR, "interrupted during rollback");
    }
  }
}
