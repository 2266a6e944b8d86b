package dev.ferry.activities;

import dev.ferry.convergence.ConvergenceState;
import dev.ferry.convergence.JobStats;
import dev.ferry.convergence.StepTaken;
import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import dev.ferry.hypervisor.DomainFence;
import dev.ferry.hypervisor.Hypervisor;
import dev.ferry.hypervisor.MigrationTarget;
import dev.ferry.logging.LogContext;
import dev.ferry.migration.MigrationStats;
import dev.ferry.migration.PerformHeartbeat;
import dev.ferry.migration.TransferProgress;
import dev.ferry.plan.MigrationPlan;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The perform activity: reconcile, then start or re-attach, then follow the job with heartbeats
 * until it ends, applying the convergence policy to every sample. The hypervisor's migrate call
 * blocks for the whole transfer, so it runs on its own thread while this one polls statistics and
 * notices cancellation through the heartbeat.
 */
final class PerformStep {
  private static final Logger log = LoggerFactory.getLogger(PerformStep.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration ABORT_WAIT = Duration.ofMinutes(2);

  private final HostRegistry hosts;
  private final FaultHook faults;
  private final ExecutorService transfers =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "ferry-transfer");
            thread.setDaemon(true);
            return thread;
          });

  PerformStep(HostRegistry hosts, FaultHook faults) {
    this.hosts = hosts;
    this.faults = faults;
  }

  MigrationStats run(MigrationPlan plan) {
    Observed observed = Observed.of(hosts, plan);
    requireCurrent(plan, observed);
    switch (observed.situation()) {
      case MIGRATED, CONFIRM_LOST:
        return MigrationStats.unknown();
      case IN_FLIGHT:
        return reattach(plan);
      case LEFTOVER_ON_DESTINATION:
        // A failed earlier attempt left a non-running copy stamped by this migration.
        Hypervisor destination = hosts.get(plan.destination());
        destination.destroy(plan.destinationName(), DomainFence.of(plan));
        destination.undefine(plan.destinationName(), DomainFence.of(plan));
        return start(plan);
      case NOT_STARTED:
        return start(plan);
      case FOREIGN_ON_DESTINATION:
        throw notOurs(plan, observed);
      case POSTCOPY_INTERRUPTED:
        // Neither copy has all the memory and abort is impossible: the only way out is forward.
        return transfer(plan, true);
      case SPLIT_BRAIN:
        throw new FerryException(
            FailureType.SPLIT_BRAIN, "guest runs on both hosts: " + observed.describe());
      default:
        throw new FerryException(
            FailureType.NEEDS_ATTENTION, "perform cannot proceed: " + observed.describe());
    }
  }

  /**
   * Starts the transfer only if this attempt is still the current one. The hosts were observed
   * before; an attempt that stalled since (a paused worker, a long GC) may have been superseded
   * meanwhile, so it reads the source again immediately before the migrate call: a rollback's mark
   * means the migration ended without this attempt, a job means a later attempt started one.
   */
  private MigrationStats start(MigrationPlan plan) {
    faults.at("before-transfer", plan.vm());
    Observed now = Observed.of(hosts, plan);
    requireCurrent(plan, now);
    return switch (now.situation()) {
      case NOT_STARTED -> transfer(plan, false);
      case IN_FLIGHT -> reattach(plan);
      case MIGRATED, CONFIRM_LOST -> MigrationStats.unknown();
      case FOREIGN_ON_DESTINATION -> throw notOurs(plan, now);
      default ->
          throw new FerryException(
              FailureType.HYPERVISOR_ERROR,
              "the hosts changed while perform got ready to start: " + now.describe());
    };
  }

  /** A domain of the destination name that is not this migration's guest: start nothing. */
  private static FerryException notOurs(MigrationPlan plan, Observed observed) {
    return new FerryException(
        FailureType.NOT_OURS,
        "the destination has a domain named "
            + plan.destinationName()
            + " that is not this migration's guest ("
            + observed.destination().describeIdentity()
            + "); nothing was started");
  }

  /** Throws {@code SUPERSEDED} if this migration's rollback has already marked the source. */
  private static void requireCurrent(MigrationPlan plan, Observed observed) {
    if (observed.source().rolledBackBy(plan.migrationId())) {
      log.warn(
          "perform attempt of {} is superseded: the migration was rolled back; starting nothing",
          plan.vm());
      throw new FerryException(
          FailureType.SUPERSEDED,
          "this perform attempt is no longer current: the migration was rolled back and the guest"
              + " kept on "
              + plan.source()
              + "; nothing was started");
    }
  }

  /** Starts the transfer, or resumes its interrupted post-copy, and follows it to its end. */
  private MigrationStats transfer(MigrationPlan plan, boolean resume) {
    Hypervisor source = hosts.get(plan.source());
    log.info(
        "perform {} of {} to {} (attempt {})",
        resume ? "resumes the interrupted post-copy transfer" : "starts the transfer",
        plan.vm(),
        plan.destination(),
        Activity.getExecutionContext().getInfo().getAttempt());
    MigrationTarget target = target(hosts, plan);
    ActivityExecutionContext context = Activity.getExecutionContext();
    ConvergenceControl convergence = new ConvergenceControl(source, plan, restored(context));
    ProgressReporter reporter = new ProgressReporter(context);
    Future<MigrationStats> transfer =
        transfers.submit(
            LogContext.wrap(
                (java.util.concurrent.Callable<MigrationStats>)
                    () ->
                        resume
                            ? source.resumePostcopy(plan.vm(), plan, target)
                            : source.migrate(plan.vm(), plan, target)));
    // Any ActivityCompletionException other than a cancellation (this attempt timed out, the
    // worker shuts down) leaves the job running on purpose: peer-to-peer it continues without us
    // and the next attempt re-attaches to it. Only an operator's cancellation aborts it.
    try (JobSampler sampler = new JobSampler(source, plan.vm())) {
      while (true) {
        try {
          MigrationStats stats = transfer.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
          return stats
              .completedBy(sampler.latest(), convergence.state().postcopy())
              .withSteps(convergence.steps());
        } catch (TimeoutException stillRunning) {
          follow(context, sampler.latest(), convergence, reporter);
          if (convergence.aborted()) {
            MigrationStats finishedAnyway = awaitEnd(transfer);
            if (finishedAnyway != null) {
              // The job completed before the abort reached it: the guest moved after all.
              return finishedAnyway.withSteps(convergence.steps());
            }
            throw notConverged(convergence, sampler.latest());
          }
        }
      }
    } catch (ActivityCanceledException cancelled) {
      abortAndWait(source, plan, transfer);
      throw cancelled;
    } catch (ExecutionException e) {
      throw unwrap(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FerryException(FailureType.HYPERVISOR_ERROR, "worker interrupted during perform");
    }
  }

  /** Where the source sends the guest: the destination as the inventory and the plan name it. */
  static MigrationTarget target(HostRegistry hosts, MigrationPlan plan) {
    return new MigrationTarget(
        plan.destination(), hosts.config(plan.destination()).uri(), plan.migrationUri());
  }

  /** Applies the convergence policy to a sample, heartbeats it and reports it to the workflow. */
  private static void follow(
      ActivityExecutionContext context,
      JobStats sample,
      ConvergenceControl convergence,
      ProgressReporter reporter) {
    boolean stepTaken = convergence.onSample(sample);
    context.heartbeat(new PerformHeartbeat(sample, convergence.state()));
    reporter.report(sample, convergence.steps(), stepTaken);
  }

  /** The convergence state a previous attempt heartbeated, or null for a first attempt. */
  private static ConvergenceState restored(ActivityExecutionContext context) {
    try {
      return context
          .getHeartbeatDetails(PerformHeartbeat.class)
          .map(PerformHeartbeat::convergence)
          .orElse(null);
    } catch (RuntimeException unreadable) {
      // Details written by an older worker: start the schedule again rather than fail.
      return null;
    }
  }

  private static FerryException notConverged(ConvergenceControl convergence, JobStats last) {
    StepTaken step = convergence.abortStep();
    return new FerryException(
            FailureType.NOT_CONVERGED,
            "the transfer did not converge ("
                + step.trigger()
                + (step.result().isEmpty() ? "" : "; " + step.result())
                + "): aborted as the convergence policy "
                + "says, the guest keeps running on the source")
        .withDetails(new TransferProgress(last, convergence.steps()));
  }

  /**
   * Waits for an aborted transfer to end; its failure is expected.
   *
   * @return the transfer's statistics if it completed before the abort reached it, else null
   */
  private static MigrationStats awaitEnd(Future<MigrationStats> transfer)
      throws InterruptedException {
    try {
      return transfer.get(ABORT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException expected) {
      // Aborted as intended; a job that outlives the wait is aborted again by the rollback.
      return null;
    }
  }

  /** Follows a job an earlier attempt started; its outcome is read from the hosts afterwards. */
  private MigrationStats reattach(MigrationPlan plan) {
    Hypervisor source = hosts.get(plan.source());
    log.info(
        "perform re-attaches to the running transfer of {} (attempt {})",
        plan.vm(),
        Activity.getExecutionContext().getInfo().getAttempt());
    ActivityExecutionContext context = Activity.getExecutionContext();
    ConvergenceControl convergence = new ConvergenceControl(source, plan, restored(context));
    ProgressReporter reporter = new ProgressReporter(context);
    try (JobSampler sampler = new JobSampler(source, plan.vm())) {
      while (!sampler.noJob()) {
        follow(context, sampler.latest(), convergence, reporter);
        if (convergence.aborted()) {
          waitForNoJob(source, plan);
          throw notConverged(convergence, sampler.latest());
        }
        Thread.sleep(POLL.toMillis());
      }
    } catch (ActivityCanceledException cancelled) {
      source.abortJob(plan.vm());
      waitForNoJob(source, plan);
      throw cancelled;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FerryException(FailureType.HYPERVISOR_ERROR, "worker interrupted during perform");
    }
    Observed after = Observed.of(hosts, plan);
    return switch (after.situation()) {
      case MIGRATED, CONFIRM_LOST -> MigrationStats.unknown().withSteps(convergence.steps());
      default ->
          throw new FerryException(
              FailureType.HYPERVISOR_ERROR,
              "the migration job this attempt re-attached to ended without moving the guest: "
                  + after.describe());
    };
  }

  private static void abortAndWait(
      Hypervisor source, MigrationPlan plan, Future<MigrationStats> transfer) {
    try {
      source.abortJob(plan.vm());
      transfer.get(ABORT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException expected) {
      // The transfer fails once aborted: that is the point.
    } catch (TimeoutException | FerryException e) {
      // The rollback observes the hosts again and finishes what the abort could not.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void waitForNoJob(Hypervisor source, MigrationPlan plan) {
    long deadline = System.nanoTime() + ABORT_WAIT.toNanos();
    try {
      while (source.jobStats(plan.vm()).isPresent() && System.nanoTime() < deadline) {
        Thread.sleep(POLL.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static RuntimeException unwrap(ExecutionException e) {
    if (e.getCause() instanceof FerryException ferry) {
      return ferry;
    }
    return new FerryException(
        FailureType.HYPERVISOR_ERROR, "migrate failed: " + e.getCause().getMessage());
  }

  void shutdown() {
    transfers.shutdownNow();
  }
}
