package dev.ferry.activities;

import dev.ferry.convergence.JobStats;
import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import dev.ferry.hypervisor.Hypervisor;
import dev.ferry.logging.LogContext;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples a migration job's statistics on a thread of its own. A hypervisor may answer slowly while
 * a job holds its locks (libvirt does during storage copy); the heartbeat must never wait for it,
 * or Temporal declares the attempt dead and starts another.
 */
final class JobSampler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JobSampler.class);
  private static final long PERIOD_MILLIS = 500;

  private final AtomicReference<JobStats> latest = new AtomicReference<>();
  private final Set<String> missedKinds = ConcurrentHashMap.newKeySet();
  private final String vm;
  private final Thread thread;
  private volatile boolean noJob;

  JobSampler(Hypervisor source, String vm) {
    this.vm = vm;
    thread =
        new Thread(
            LogContext.wrap(
                () -> {
                  long started = System.nanoTime();
                  while (!Thread.currentThread().isInterrupted()) {
                    try {
                      Optional<JobStats> stats = source.jobStats(vm);
                      if (stats.isPresent()) {
                        if (latest.getAndSet(stats.get()) == null) {
                          log.info(
                              "first job sample of {} after {} ms",
                              vm,
                              (System.nanoTime() - started) / 1_000_000);
                        }
                      } else {
                        noJob = true;
                      }
                      Thread.sleep(PERIOD_MILLIS);
                    } catch (RuntimeException e) {
                      if (e instanceof FerryException ferry
                          && ferry.type() == FailureType.VM_NOT_FOUND) {
                        // Gone from the source between two calls: the job has just ended.
                        noJob = true;
                      } else {
                        logFirstOfKind(e);
                      }
                      pause();
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                }),
            "ferry-job-sampler-" + vm);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * A missed sample is harmless: the next one comes half a second later. Any failure keeps the
   * sampler going, or progress would vanish for the rest of the transfer; the first of each kind is
   * logged, so a lasting gap is not silent.
   */
  private void logFirstOfKind(RuntimeException e) {
    String kind = e instanceof FerryException ferry ? ferry.type().name() : e.getClass().getName();
    if (missedKinds.add(kind)) {
      log.warn(
          "job sample of {} failed (later failures of this kind are not logged): {}",
          vm,
          e.toString());
    }
  }

  private static void pause() {
    try {
      Thread.sleep(PERIOD_MILLIS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The newest sample, or null before the first. */
  JobStats latest() {
    return latest.get();
  }

  /** Whether a sample found no job: for a job already running, that means it has ended. */
  boolean noJob() {
    return noJob;
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
