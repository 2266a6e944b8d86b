package dev.ferry.activities;

import dev.ferry.failure.FerryException;
import dev.ferry.hypervisor.Hypervisor;
import dev.ferry.logging.LogContext;
import dev.ferry.migration.JobStats;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Samples a migration job's statistics on a thread of its own. A hypervisor may answer slowly while
 * a job holds its locks (libvirt does during storage copy); the heartbeat must never wait for it,
 * or Temporal declares the attempt dead and starts another.
 */
final class JobSampler implements AutoCloseable {
  private static final long PERIOD_MILLIS = 500;

  private final AtomicReference<JobStats> latest = new AtomicReference<>();
  private final Thread thread;
  private volatile boolean noJob;

  JobSampler(Hypervisor source, String vm) {
    thread =
        new Thread(
            LogContext.wrap(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    try {
                      Optional<JobStats> stats = source.jobStats(vm);
                      if (stats.isPresent()) {
                        latest.set(stats.get());
                      } else {
                        noJob = true;
                      }
                      Thread.sleep(PERIOD_MILLIS);
                    } catch (FerryException e) {
                      // A missed sample is harmless: the next one comes half a second later.
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                }),
            "ferry-job-sampler-" + vm);
    thread.setDaemon(true);
    thread.start();
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
