package dev.ferry.activities;

import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import dev.ferry.hypervisor.Hypervisor;
import dev.ferry.hypervisor.MigrationTarget;
import dev.ferry.migration.MigrationPlan;
import dev.ferry.migration.MigrationStats;
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

/**
 * The perform activity: reconcile, then start or re-attach, then follow the job with heartbeats
 * until it ends. The hypervisor's migrate call blocks for the whole transfer, so it runs on its own
 * thread while this one polls statistics and notices cancellation through the heartbeat.
 */
final class PerformStep {
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration ABORT_WAIT = Duration.ofMinutes(2);

  private final HostRegistry hosts;
  private final ExecutorService transfers =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "ferry-transfer");
            thread.setDaemon(true);
            return thread;
          });

  PerformStep(HostRegistry hosts) {
    this.hosts = hosts;
  }

  MigrationStats run(MigrationPlan plan) {
    Observed observed = Observed.of(hosts, plan);
    switch (observed.situation()) {
      case MIGRATED, CONFIRM_LOST:
        return MigrationStats.unknown();
      case IN_FLIGHT:
        return reattach(plan);
      case LEFTOVER_ON_DESTINATION:
        // A failed earlier attempt left a non-running copy stamped by this migration.
        Hypervisor destination = hosts.get(plan.destination());
        destination.destroy(plan.destinationName());
        destination.undefine(plan.destinationName());
        return start(plan);
      case NOT_STARTED:
        return start(plan);
      case SPLIT_BRAIN:
        throw new FerryException(
            FailureType.SPLIT_BRAIN, "guest runs on both hosts: " + observed.describe());
      default:
        throw new FerryException(
            FailureType.NEEDS_ATTENTION, "perform cannot proceed: " + observed.describe());
    }
  }

  private MigrationStats start(MigrationPlan plan) {
    Hypervisor source = hosts.get(plan.source());
    MigrationTarget target =
        new MigrationTarget(
            plan.destination(), hosts.config(plan.destination()).uri(), plan.migrationUri());
    Future<MigrationStats> transfer =
        transfers.submit(() -> source.migrate(plan.vm(), plan, target));
    ActivityExecutionContext context = Activity.getExecutionContext();
    // Any ActivityCompletionException other than a cancellation (this attempt timed out, the
    // worker shuts down) leaves the job running on purpose: peer-to-peer it continues without us
    // and the next attempt re-attaches to it. Only an operator's cancellation aborts it.
    try (JobSampler sampler = new JobSampler(source, plan.vm())) {
      while (true) {
        try {
          return transfer.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
          context.heartbeat(sampler.latest());
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

  /** Follows a job an earlier attempt started; its outcome is read from the hosts afterwards. */
  private MigrationStats reattach(MigrationPlan plan) {
    Hypervisor source = hosts.get(plan.source());
    ActivityExecutionContext context = Activity.getExecutionContext();
    try (JobSampler sampler = new JobSampler(source, plan.vm())) {
      while (!sampler.noJob()) {
        context.heartbeat(sampler.latest());
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
      case MIGRATED, CONFIRM_LOST -> MigrationStats.unknown();
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
